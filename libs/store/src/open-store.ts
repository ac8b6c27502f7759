import type { Pool } from 'pg';
import { retryWithBackoff, type RetryWithBackoffOptions } from '@jobgate/errors';
import { createPool } from './create-pool';
import { migrate } from './migrate';

export interface OpenStoreOptions {
  url: string;
  schema: string;
  /** Connections this process may hold (DATABASE_POOL_SIZE); default 10. */
  max?: number;
  /** Errors of connections the pool holds (a restarted server); see createPool. */
  onError?: (err: Error) => void;
  /** Told about each failed start-up attempt before the next one. */
  onRetry?: RetryWithBackoffOptions['onRetry'];
  /** Stops waiting (a shutdown during start-up). */
  signal?: AbortSignal;
}

/**
 * What every role does first: a pool on jobgate's schema, migrated. PostgreSQL that is not up yet
 * is waited for with capped backoff, so roles may start in any order.
 */
export async function openStore(options: OpenStoreOptions): Promise<Pool> {
  const pool = createPool({ url: options.url, max: options.max, onError: options.onError });
  await retryWithBackoff(() => migrate(pool, options.schema), { what: 'PostgreSQL', onRetry: options.onRetry, signal: options.signal }).catch(async (err) => {
    await pool.end().catch(() => undefined);
    throw err;
  });
  return pool;
}
