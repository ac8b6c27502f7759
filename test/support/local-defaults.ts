/**
 * The Redis and PostgreSQL a developer usually has running already: `npm test` uses them when they
 * answer, before it reaches for Docker (global-setup.ts).
 */
import { Redis } from 'ioredis';
import { Client } from 'pg';

export const LOCAL_REDIS_URL = 'redis://127.0.0.1:6379';
/** `test` first (what CI and docker-compose.yml create), then the database every PostgreSQL has. */
export const LOCAL_DATABASE_URLS = ['postgres://postgres@127.0.0.1:5432/test', 'postgres://postgres@127.0.0.1:5432/postgres'];

export async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

async function postgresAnswers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The first of `urls` whose PostgreSQL lets us in, or null. */
export async function firstAnsweringPostgres(urls: readonly string[]): Promise<string | null> {
  for (const url of urls) if (await postgresAnswers(url)) return url;
  return null;
}
