import type { Pool, PoolClient } from 'pg';

/** The pool, or one connection inside a transaction: every repository works on either. */
export type Queryable = Pool | PoolClient;

/** Runs `work` in one transaction on one connection; rolls back on any error. */
export async function withTransaction<T>(pool: Pool, work: (db: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** withTransaction on a pool; on a connection already in a transaction, `work` simply joins it. */
export function inTransaction<T>(db: Queryable, work: (db: PoolClient) => Promise<T>): Promise<T> {
  return isPoolClient(db) ? work(db) : withTransaction(db, work);
}

function isPoolClient(db: Queryable): db is PoolClient {
  return typeof (db as Partial<PoolClient>).release === 'function';
}
