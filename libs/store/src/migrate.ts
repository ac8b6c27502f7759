import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { quoteIdent } from './create-pool';
import { tables } from './tables';
import { withTransaction } from './with-transaction';

/** Same path from src/ (tests) and dist/ (built): both sit one level below the package. */
const MIGRATIONS_DIR = join(__dirname, '..', 'migrations');
// Any constant works; it only has to be the same for every process that migrates. The second key
// of the lock is the schema's hash, so schemas migrate independently.
const MIGRATION_LOCK = 740_116_042;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 4)), name: f.slice(5, -4), sql: readFileSync(join(dir, f), 'utf8') }));
}

/**
 * Applies pending migrations in order and returns the versions applied now. Nothing outlives a
 * transaction, so this works through a transaction-pooling proxy (PgBouncer) too: each step is one
 * transaction that takes a transaction-scoped advisory lock (several processes starting together
 * queue on it), re-reads schema_migrations under it (another process may have just applied the
 * version), and sets the search_path with SET LOCAL, so migration files name their tables plainly.
 */
export async function migrate(pool: Pool, schema: string): Promise<number[]> {
  const t = tables(schema);
  await withTransaction(pool, async (db) => {
    await db.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [MIGRATION_LOCK, schema]);
    await db.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    await db.query(
      `CREATE TABLE IF NOT EXISTS ${t.schema_migrations} (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
  });
  const done = await appliedVersions(pool, schema);
  const applied: number[] = [];
  for (const m of listMigrations()) {
    if (done.has(m.version)) continue;
    const appliedNow = await withTransaction(pool, async (db) => {
      await db.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [MIGRATION_LOCK, schema]);
      const again = await db.query(`SELECT 1 FROM ${t.schema_migrations} WHERE version = $1`, [m.version]);
      if (again.rows.length > 0) return false;
      await db.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
      await db.query(m.sql);
      await db.query(`INSERT INTO ${t.schema_migrations} (version, name) VALUES ($1, $2)`, [m.version, m.name]);
      return true;
    }).catch((err: Error) => {
      throw new Error(`migration ${m.version}_${m.name} failed: ${err.message}`, { cause: err });
    });
    if (appliedNow) applied.push(m.version);
  }
  return applied;
}

/** Versions present in the code but not yet in the database (readiness checks this is empty). */
export async function pendingMigrations(pool: Pool, schema: string): Promise<number[]> {
  const done = await appliedVersions(pool, schema);
  return listMigrations()
    .map((m) => m.version)
    .filter((v) => !done.has(v));
}

async function appliedVersions(pool: Pool, schema: string): Promise<Set<number>> {
  const t = tables(schema);
  const exists = await pool.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [t.schema_migrations]);
  if (!exists.rows[0]?.t) return new Set();
  return new Set((await pool.query<{ version: number }>(`SELECT version FROM ${t.schema_migrations}`)).rows.map((r) => r.version));
}
