/**
 * Makes sure every test process has a real Redis and a real PostgreSQL.
 * `REDIS_URL` / `DATABASE_URL` win when set (CI); otherwise the local defaults when they answer
 * (redis://127.0.0.1:6379, postgres://postgres@127.0.0.1:5432/test or /postgres); otherwise
 * testcontainers starts throwaway containers (a developer laptop with Docker). Tests isolate
 * themselves inside these servers with a fresh queue prefix and a fresh schema each.
 */
import type { StartedTestContainer } from 'testcontainers';
import { firstAnsweringPostgres, LOCAL_DATABASE_URLS, LOCAL_REDIS_URL, redisAnswers } from './local-defaults';

declare global {
  // eslint-disable-next-line no-var
  var __JOBGATE_CONTAINERS__: StartedTestContainer[] | undefined;
}

export default async function globalSetup(): Promise<void> {
  const started: StartedTestContainer[] = [];
  globalThis.__JOBGATE_CONTAINERS__ = started;
  await useLocalDefaults();
  if (process.env.REDIS_URL && process.env.DATABASE_URL) return;
  try {
    await startContainers(started);
  } catch (err) {
    // Unit tests need neither service; integration tests say what is missing (test/support/services.ts).
    process.env.JOBGATE_SERVICES_ERROR = `set REDIS_URL and DATABASE_URL, or run Docker for testcontainers (${(err as Error).message})`;
  }
}

async function useLocalDefaults(): Promise<void> {
  if (!process.env.REDIS_URL && (await redisAnswers(LOCAL_REDIS_URL))) process.env.REDIS_URL = LOCAL_REDIS_URL;
  if (!process.env.DATABASE_URL) {
    const url = await firstAnsweringPostgres(LOCAL_DATABASE_URLS);
    if (url) process.env.DATABASE_URL = url;
  }
}

async function startContainers(started: StartedTestContainer[]): Promise<void> {
  const { GenericContainer, Wait } = await import('testcontainers');
  if (!process.env.REDIS_URL) {
    const redis = await new GenericContainer('redis:7-alpine').withExposedPorts(6379).start();
    started.push(redis);
    process.env.REDIS_URL = `redis://${redis.getHost()}:${redis.getMappedPort(6379)}`;
  }
  if (!process.env.DATABASE_URL) {
    const pg = await new GenericContainer('postgres:16-alpine')
      .withEnvironment({ POSTGRES_PASSWORD: 'postgres', POSTGRES_DB: 'test' })
      .withExposedPorts(5432)
      .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
      .start();
    started.push(pg);
    process.env.DATABASE_URL = `postgres://postgres:postgres@${pg.getHost()}:${pg.getMappedPort(5432)}/test`;
  }
}
