import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { loadConfig, type JobgateConfig } from '@jobgate/config';
import { Lifecycle } from '@jobgate/lifecycle';
import { createLogger } from '@jobgate/logging';
import { JobgateMetrics } from '@jobgate/metrics';
import { createRedis, JobgateQueues } from '@jobgate/queues';
import { createPool, listMigrations, Store } from '@jobgate/store';
import { buildApp } from './app';
import { operationsDeps } from './operations';
import { freshDatabase, type FreshDatabase } from '../../../test/support/fresh-database';
import { sampleJob } from '../../../test/support/seed-samples';
import { testServices, uniqueName } from '../../../test/support/services';

const KEY = 'ops-test-key-0123456789';
const logger = createLogger({ level: 'silent' });

function configFor(env: Record<string, string> = {}): JobgateConfig {
  const loaded = loadConfig({ API_KEYS: KEY, QUEUE_PREFIX: uniqueName('q'), ...env });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  return loaded.config;
}

/** The api as start-api composes it, on the given pool and Redis connection. */
function opsApp(base: JobgateConfig, pool: FreshDatabase['pool'], schema: string, redis: ReturnType<typeof createRedis>) {
  const config = { ...base, databaseSchema: schema };
  const queues = new JobgateQueues({ connection: redis, prefix: config.queuePrefix });
  const { close, ...operated } = operationsDeps({ config, pool, redis, queues, metrics: new JobgateMetrics({ defaultMetrics: false }), logger });
  const lifecycle = new Lifecycle({ store: new Store(pool, { schema }), queues, logger });
  const app = buildApp({ auth: { apiKeys: [KEY], disabled: false }, lifecycle, logger, ...operated });
  return {
    app,
    async close() {
      await lifecycle.close();
      await close();
      // BullMQ would wait for a connection that never comes.
      if (redis.status === 'ready') await queues.submit.obliterate({ force: true });
      await queues.close();
    },
  };
}

describe('/healthz, /readyz and /metrics on the api (real PostgreSQL and Redis)', () => {
  let db: FreshDatabase;
  const redis = createRedis({ url: testServices().redisUrl, role: 'producer' });
  beforeEach(async () => {
    db = await freshDatabase();
  });
  afterEach(() => db.drop());
  afterAll(() => redis.quit());

  it('is ready with Redis and a migrated PostgreSQL, without an API key', async () => {
    const { app, close } = opsApp(configFor(), db.pool, db.schema, redis);
    expect((await request(app).get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await request(app).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', checks: { redis: { ok: true }, postgres: { ok: true } } });
    await close();
  });

  it('answers 503 problem+json naming Redis when Redis is away, and PostgreSQL when migrations are missing', async () => {
    const deadRedis = createRedis({ url: 'redis://127.0.0.1:1', role: 'producer' });
    const noRedis = opsApp(configFor(), db.pool, db.schema, deadRedis);
    const res = await request(noRedis.app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 503, code: 'not_ready', checks: { redis: { ok: false }, postgres: { ok: true } } });
    expect(res.body.detail).toMatch(/^not ready: redis \(Redis is not connected/);
    await noRedis.close();
    deadRedis.disconnect();

    const unmigrated = createPool({ url: testServices().databaseUrl, max: 1 });
    const old = opsApp(configFor(), unmigrated, uniqueName('t'), redis);
    const stale = await request(old.app).get('/readyz');
    expect(stale.status).toBe(503);
    expect(stale.body.detail).toBe(
      `not ready: postgres (migrations not applied: ${listMigrations()
        .map((m) => m.version)
        .join(', ')})`,
    );
    await old.close();
    await unmigrated.end();
  });

  it('serves Prometheus text with the accepted count and the queue, slot and team gauges; METRICS_ENABLED=false removes it', async () => {
    const { app, close } = opsApp(configFor({ MAX_ACTIVE_JOBS: '7' }), db.pool, db.schema, redis);
    const store = new Store(db.pool, { schema: db.schema });
    const team = await store.teams.create({ id: randomUUID(), name: 'vision', weight: 2, webhookSecret: 'whsec-ops-test' });
    await store.jobs.create({ trainingJob: sampleJob('vision-waiting'), team: { id: team.id, name: team.name } });
    await request(app)
      .post('/v1/jobs')
      .set({ Authorization: `Bearer ${KEY}` })
      .send({ training_job: sampleJob('metered') })
      .expect(202);
    const res = await request(app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.text).toContain('jobgate_jobs_accepted_total{source="job"} 1');
    // Accepted jobs wait in PostgreSQL; only the dispatcher's admissions reach the submit queue.
    expect(res.text).toContain('jobgate_queue_jobs{queue="submit",state="waiting"} 0');
    expect(res.text).toContain('jobgate_team_jobs{team="vision",state="queued"} 1');
    expect(res.text).toContain('jobgate_team_jobs{team="vision",state="active"} 0');
    expect(res.text).toContain('jobgate_team_share{team="vision"} 0');
    expect(res.text).toContain('jobgate_active_jobs 0');
    expect(res.text).toContain('jobgate_max_active_jobs 7');
    await close();
    const off = opsApp(configFor({ METRICS_ENABLED: 'false' }), db.pool, db.schema, redis);
    expect((await request(off.app).get('/metrics')).status).toBe(404);
    await off.close();
  });
});
