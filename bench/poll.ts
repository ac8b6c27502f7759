/**
 * `npm run bench:poll`: ModelArts calls and wall time of one poll tick for 100 / 1,000 / 10,000 / 50,000
 * active jobs, next to the naive one-call-per-job count. The jobs live in the simulator (created over
 * HTTP, signed) and in a fresh PostgreSQL schema; the tick is the poller's own `pollTick`.
 */
import { report, useLocalServices } from './report';
useLocalServices();
import { randomUUID } from 'node:crypto';
import { Lifecycle } from '@jobgate/lifecycle';
import { createLogger } from '@jobgate/logging';
import { AkSkAuth, ModelArtsClient } from '@jobgate/modelarts';
import { memoryBackoffStore, PollBackoff, pollTick } from '@jobgate/poller';
import { createRedis, JobgateQueues } from '@jobgate/queues';
import { createSimulator } from '@jobgate/simulator';
import { createPool, migrate, quoteIdent, Store, tables } from '@jobgate/store';
import { sampleJob } from '../test/support/seed-samples';

const SIZES = (process.env.BENCH_POLL_SIZES ?? '100,1000,10000,50000').split(',').map(Number);
const CREDS = { ak: 'BENCHPOLLAK', sk: 'bench-poll-secret' };

async function main(): Promise<void> {
  const rows = [];
  for (const n of SIZES) rows.push(...(await run(n)));
  report('poll', rows, ['"changes" tick: every job moves (submitted → running); "steady" tick: nothing changed.']);
}

async function run(n: number) {
  // Jobs stay RUNNING for the whole run, so every tick sees n active jobs.
  const sim = createSimulator({ projectId: 'bench', credentials: CREDS, timeline: { initMs: 0, waitingMs: 0, runningMs: 3_600_000 } });
  const url = await sim.listen(0, '127.0.0.1');
  const schema = `bench_poll_${randomUUID().slice(0, 8)}`;
  const pool = createPool({ url: process.env.DATABASE_URL!, max: 5 });
  // The tick changes jobs through the lifecycle layer, whose outbox publishes to Redis (nothing here: no webhooks, no stops).
  const redis = createRedis({ url: process.env.REDIS_URL!, role: 'worker' });
  const queues = new JobgateQueues({ connection: redis, prefix: schema });
  const logger = createLogger({ level: 'silent' });
  const lifecycle = new Lifecycle({ store: new Store(pool, { schema }), queues, logger });
  try {
    await migrate(pool, schema);
    let calls = 0;
    const client = new ModelArtsClient({ endpoint: url, projectId: 'bench', auth: new AkSkAuth(CREDS), onCall: () => void calls++ });
    await seed(client, pool, schema, n);
    // Where the tick's time goes: reading the active jobs, applying the changes (the rest is ModelArts).
    const phases = { readMs: 0, applyMs: 0 };
    const timed =
      <A extends unknown[], R>(fn: (...args: A) => Promise<R>, phase: keyof typeof phases) =>
      async (...args: A): Promise<R> => {
        const started = performance.now();
        try {
          return await fn(...args);
        } finally {
          phases[phase] += performance.now() - started;
        }
      };
    const statuses = {
      activeJobs: timed(() => lifecycle.statuses.activeJobs(), 'readMs'),
      applyStatuses: timed((...args: Parameters<typeof lifecycle.statuses.applyStatuses>) => lifecycle.statuses.applyStatuses(...args), 'applyMs'),
    } as unknown as typeof lifecycle.statuses;
    const tick = pollTick({
      statuses,
      sweeps: lifecycle.sweeps,
      client,
      backoff: new PollBackoff(memoryBackoffStore(), { intervalMs: 1_000 }),
      logger,
      pendingTimeoutMs: 3_600_000,
    });
    const out = [];
    for (const kind of ['changes', 'steady']) {
      calls = 0;
      phases.readMs = 0;
      phases.applyMs = 0;
      const started = performance.now();
      const result = await tick();
      const ms = performance.now() - started;
      out.push({
        'active jobs': n,
        tick: kind,
        'ModelArts calls': calls,
        'naive calls': n,
        'calls saved': 1 - calls / n,
        'tick ms': ms,
        'read ms': phases.readMs,
        'apply ms': phases.applyMs,
        changed: result.changed,
      });
    }
    return out;
  } finally {
    await lifecycle.close();
    await queues.close();
    redis.disconnect();
    await pool.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`).catch(() => undefined);
    await pool.end();
    await sim.close();
  }
}

/** n jobs created in the simulator, and n `submitted` records pointing at them. */
async function seed(client: ModelArtsClient, pool: ReturnType<typeof createPool>, schema: string, n: number): Promise<void> {
  const created: { id: string; name: string; jobId: string; versionId: string; createTime: number }[] = [];
  for (let i = 0; i < n; i += 100) {
    created.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(100, n - i) }, async (_, k) => {
          const name = `poll-${i + k}`;
          const job = await client.createTrainingJob(sampleJob(name));
          return { id: randomUUID(), name, jobId: job.jobId, versionId: job.versionId, createTime: job.createTime };
        }),
      )),
    );
  }
  await pool.query(
    `INSERT INTO ${tables(schema).jobs} (id, status, job_name, training_job, modelarts_job_id, modelarts_version_id, modelarts_status, modelarts_create_time, submitted_at)
     SELECT id, 'submitted', name, '{}'::jsonb, job_id, version_id, 1, to_timestamp(ct / 1000.0), now()
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::float8[]) AS t(id, name, job_id, version_id, ct)`,
    [created.map((c) => c.id), created.map((c) => c.name), created.map((c) => c.jobId), created.map((c) => c.versionId), created.map((c) => c.createTime)],
  );
}

main().catch((err) => {
  process.stderr.write(`bench:poll failed: ${err.stack ?? err}\n`);
  process.exit(1);
});
