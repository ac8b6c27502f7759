import { freePort } from './free-port';
import { probePostgres, probeRedis } from './probe';

/** What `npm start` decides with: a real server answers; a port nothing listens on does not. */
describe('probing Redis and PostgreSQL', () => {
  const redisUrl = process.env.REDIS_URL;
  const databaseUrl = process.env.DATABASE_URL;
  const withServices = redisUrl && databaseUrl ? it : it.skip;

  withServices('finds the servers the tests run against', async () => {
    expect(await probeRedis(redisUrl!)).toEqual({ ok: true });
    expect(await probePostgres(databaseUrl!)).toEqual({ ok: true });
  });

  it('says "connection refused" for a port nothing listens on, at once', async () => {
    const port = await freePort();
    const started = Date.now();
    expect(await probeRedis(`redis://127.0.0.1:${port}`)).toEqual({ ok: false, reason: 'connection refused' });
    expect(await probePostgres(`postgres://postgres@127.0.0.1:${port}/postgres`)).toEqual({ ok: false, reason: 'connection refused' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  withServices('does not count a PostgreSQL that refuses the login', async () => {
    const url = new URL(databaseUrl!);
    url.pathname = '/no_such_database_for_jobgate';
    const answer = await probePostgres(url.toString());
    expect(answer).toMatchObject({ ok: false, reason: expect.stringContaining('no_such_database_for_jobgate') });
  });
});
