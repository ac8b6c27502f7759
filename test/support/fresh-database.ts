import type { Pool } from 'pg';
import { createPool, migrate, quoteIdent, tables, type Tables } from '@jobgate/store';
import { testServices, uniqueName } from './services';

export interface FreshDatabase {
  pool: Pool;
  schema: string;
  /** The schema's tables, qualified (`"t_…".jobs`): SQL in tests names them like the store does. */
  t: Tables;
  url: string;
  /** Drops the schema and closes the pool. */
  drop(): Promise<void>;
}

/** A migrated schema of its own on the real PostgreSQL, so tests never see each other's rows. */
export async function freshDatabase(): Promise<FreshDatabase> {
  const url = testServices().databaseUrl;
  const schema = uniqueName('t');
  const pool = createPool({ url, max: 5 });
  await migrate(pool, schema);
  return {
    pool,
    schema,
    t: tables(schema),
    url,
    async drop() {
      await pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`).catch(() => undefined);
      await pool.end();
    },
  };
}
