/** Connection strings of the real Redis and PostgreSQL the tests run against (see global-setup.ts). */
export function testServices(): { redisUrl: string; databaseUrl: string } {
  const redisUrl = process.env.REDIS_URL;
  const databaseUrl = process.env.DATABASE_URL;
  if (!redisUrl || !databaseUrl) {
    throw new Error(`integration tests need Redis and PostgreSQL: ${process.env.JOBGATE_SERVICES_ERROR ?? 'set REDIS_URL and DATABASE_URL'}`);
  }
  return { redisUrl, databaseUrl };
}

/** A name no other test run uses, for a schema or a queue prefix (`t_<random>`). */
export function uniqueName(prefix = 't'): string {
  return `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}
