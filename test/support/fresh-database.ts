import type { Pool } from 'pg';
import { createPool, migrate, quoteIdent } from '@jobgate/store';
import { testServices, uniqueName } from './services';

export interface FreshDatabase {
  pool: Pool;
  schema: string;
  url: string;
  /** Drops the schema and closes the pool. */
  drop(): Promise<void>;
}

/** A migrated schema of its own on the real PostgreSQL, so tests never see each other's rows. */
export async function freshDatabase(): Promise<FreshDatabase> {
  const url = testServices().databaseUrl;
  const schema = uniqueName('t');
  const pool = createPool({ url, schema, max: 5 });
  await migrate(pool, schema);
  return {
    pool,
    schema,
    url,
    async drop() {
      await pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`).catch(() => undefined);
      await pool.end();
    },
  };
}
