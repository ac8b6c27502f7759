import { Redis } from 'ioredis';
import { Client } from 'pg';

/** Whether a server answers at a URL, and why not when it does not (for the log). */
export type ProbeResult = { ok: true } | { ok: false; reason: string };

/** A Redis that answers PING. One attempt, no reconnects: this only decides what to start. */
export async function probeRedis(url: string, timeoutMs = 1_000): Promise<ProbeResult> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  // The connection's own error (ECONNREFUSED) says more than connect()'s "Connection is closed".
  let failure: unknown = null;
  redis.on('error', (err) => (failure ??= err));
  try {
    await redis.connect();
    await redis.ping();
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: reasonOf(failure ?? err) };
  } finally {
    redis.disconnect();
  }
}

/** A PostgreSQL that lets us in and answers a query (a server that refuses the login does not count). */
export async function probePostgres(url: string, timeoutMs = 1_000): Promise<ProbeResult> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: reasonOf(err) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

function reasonOf(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return e.code === 'ECONNREFUSED' ? 'connection refused' : (e.message ?? String(err));
}
