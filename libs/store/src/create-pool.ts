import { Pool } from 'pg';

export interface CreatePoolOptions {
  /**
   * A postgres:// URL. TLS is set there too (`sslmode=require`, `sslrootcert=/path/ca.pem`, ...). No
   * session settings are sent: jobgate names its schema in every statement (see tables.ts), so the
   * URL may point at a transaction-pooling PgBouncer.
   */
  url: string;
  /** Maximum connections; default 10. */
  max?: number;
  /** Called for errors on idle connections (a restarted server), which would otherwise crash the process. */
  onError?: (err: Error) => void;
}

export function createPool(options: CreatePoolOptions): Pool {
  const pool = new Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
  });
  pool.on('error', (err) => options.onError?.(err));
  // pg-pool listens for errors only on idle clients. A client checked out with pool.connect()
  // (transactions, migrations) that loses its server (failover, pg_terminate_backend) would emit an
  // unhandled 'error' and kill the process. The statement in flight fails by itself, and the pool
  // discards the broken client when it is released; idle ones are still reported through onError.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
