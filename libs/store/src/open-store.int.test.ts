import { openStore } from './open-store';
import { pendingMigrations } from './migrate';
import { quoteIdent } from './create-pool';
import { tables } from './tables';
import { testServices, uniqueName } from '../../../test/support/services';

describe('openStore (PostgreSQL)', () => {
  it('returns a pool on a migrated schema, waiting out failed attempts with the given callback', async () => {
    const schema = uniqueName('t');
    const pool = await openStore({ url: testServices().databaseUrl, schema, max: 3 });
    try {
      expect(pool.options.max).toBe(3); // DATABASE_POOL_SIZE of every role
      expect(await pendingMigrations(pool, schema)).toEqual([]);
      expect((await pool.query(`SELECT count(*)::int AS n FROM ${tables(schema).jobs}`)).rows[0].n).toBe(0);
    } finally {
      await pool.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`);
      await pool.end();
    }
  });

  it('keeps retrying while PostgreSQL cannot be reached', async () => {
    const retries: number[] = [];
    const stop = new AbortController();
    const opening = openStore({
      url: 'postgres://postgres@127.0.0.1:1/none',
      schema: 'x',
      signal: stop.signal,
      onRetry: ({ attempt }) => void retries.push(attempt),
    });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(retries.length).toBeGreaterThanOrEqual(2);
    stop.abort();
    await expect(opening).rejects.toThrow(/ECONNREFUSED/);
  });
});
