/**
 * `npm run bench:scale`: what more processes buy. Submission: creates per second with 1, 2 and 4
 * worker processes under a limit no one reaches (SUBMIT_RATE_LIMIT 100000, simulator latency 50 ms),
 * from a queue filled before the workers start. Intake: accepted jobs per second with 1, 2 and 4 api
 * processes under one autocannon load spread over them. Then the ceiling of one Redis shard: BullMQ
 * jobs added and completed per second on one queue (every jobgate key shares one hash slot, so on a
 * Redis Cluster one shard carries all of them). With REDIS_CLUSTER_NODES set, everything runs on
 * that cluster. This machine has 2 cores: past two busy processes they share CPU with each other,
 * Redis, PostgreSQL and the load generator, so the rows show overhead more than speed-up.
 */
import { report, useLocalServices } from './report';
useLocalServices();
import autocannon from 'autocannon';
import { Queue, Worker } from 'bullmq';
import { Pool } from 'pg';
import { Stack, TEST_API_KEY, eventually } from '../test/support/stack';
import { sampleJob } from '../test/support/seed-samples';
import { testRedis } from '../test/support/services';

const COUNTS = (process.env.BENCH_PROCESSES ?? '1,2,4').split(',').map(Number);
const SUBMIT_JOBS = Number(process.env.BENCH_SUBMIT_JOBS ?? 1_500);
const INTAKE_SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const SHARD_JOBS = Number(process.env.BENCH_SHARD_JOBS ?? 20_000);

async function main(): Promise<void> {
  const where = process.env.REDIS_CLUSTER_NODES ? `Redis Cluster ${process.env.REDIS_CLUSTER_NODES}` : `Redis ${process.env.REDIS_URL}`;
  const rows: Record<string, string | number>[] = [];
  for (const n of COUNTS) rows.push(await submission(n));
  for (const n of COUNTS) rows.push(await intake(n));
  rows.push(await shardCeiling());
  report(process.env.REDIS_CLUSTER_NODES ? 'scale-cluster' : 'scale', rows, [
    `On ${where}, PostgreSQL ${redact(process.env.DATABASE_URL!)}; 2 cores shared by every process, Redis, PostgreSQL and the load.`,
    `submit: ${SUBMIT_JOBS} jobs queued first, then N workers; creates/s from the simulator's own arrival times (latency 50 ms).`,
    'Redis MB per 1,000 queued ≈ 0: a queued job is a PostgreSQL row; Redis holds only the admitted window (DISPATCH_WINDOW) and live work.',
    `intake: ${INTAKE_SECONDS} s of autocannon (50 connections) spread over N api processes; POST /v1/jobs, one job each.`,
    'shard ceiling: BullMQ add + no-op process on one queue (one hash slot), 8 producers in batches of 100, worker concurrency 200.',
  ]);
}

async function submission(workers: number) {
  const stack = new Stack({
    roles: { api: 1 },
    env: { SUBMIT_RATE_LIMIT: '100000', SUBMIT_CONCURRENCY: '64', MAX_ACTIVE_JOBS: '1000000', DISPATCH_WINDOW: '2000', LOG_LEVEL: 'info' },
    simEnv: { SIM_FAULTS: JSON.stringify({ latencyMs: 50 }) },
  });
  try {
    await stack.start();
    const redisBefore = await redisUsedMemory();
    for (let i = 0; i < SUBMIT_JOBS; i += 500) {
      const jobs = Array.from({ length: Math.min(500, SUBMIT_JOBS - i) }, (_, k) => ({ training_job: sampleJob(`scale${workers}-${i + k}`) }));
      const res = await stack.api('/v1/jobs/batch', { body: { jobs } });
      if (res.status !== 207 && res.status !== 202) throw new Error(`batch intake answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
    }
    const queuedRedisBytes = (await redisUsedMemory()) - redisBefore;
    const started = Date.now();
    await Promise.all(Array.from({ length: workers }, () => stack.startRole('worker')));
    await eventually(async () => (await stack.sim('/jobs')).length >= SUBMIT_JOBS, { timeoutMs: 600_000, intervalMs: 500, what: 'every job created' });
    const times = (await stack.sim('/calls'))
      .filter((c: { op: string }) => c.op === 'create')
      .map((c: { at: number }) => c.at)
      .sort((a: number, b: number) => a - b);
    const seconds = (times.at(-1) - times[0]) / 1000;
    // Sizing: what 1,000 queued jobs hold in Redis, and what 1,000 created jobs keep in PostgreSQL.
    const pgBytes = await schemaBytes(stack.schema);
    return {
      measure: 'submit',
      processes: workers,
      'per s': times.length / seconds,
      seconds,
      'Redis MB per 1,000 queued': Number.isNaN(queuedRedisBytes) ? 'n/a' : ((queuedRedisBytes / SUBMIT_JOBS) * 1000) / 1e6,
      'PG MB per 1,000 jobs': ((pgBytes / SUBMIT_JOBS) * 1000) / 1e6,
    };
  } finally {
    await stack.stop();
  }
}

async function intake(apis: number) {
  const stack = new Stack({ roles: {}, env: { LOG_LEVEL: 'info' } });
  try {
    await stack.startSimulator();
    const urls: string[] = [];
    for (let i = 0; i < apis; i++) {
      await stack.startRole('api');
      urls.push(stack.apiUrl);
    }
    let n = 0;
    const results = await Promise.all(
      urls.map((url) =>
        autocannon({
          url: `${url}/v1/jobs`,
          method: 'POST',
          connections: Math.max(1, Math.round(50 / apis)),
          duration: INTAKE_SECONDS,
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TEST_API_KEY}` },
          requests: [{ setupRequest: (req: any) => ({ ...req, body: JSON.stringify({ training_job: sampleJob(`intake${apis}-${process.pid}-${n++}`) }) }) }],
        }),
      ),
    );
    const perSecond = results.reduce((sum, r) => sum + r.requests.average, 0);
    const errors = results.reduce((sum, r) => sum + r.errors + r.timeouts + r.non2xx, 0);
    return { measure: 'intake', processes: apis, 'per s': perSecond, 'p99 ms': Math.max(...results.map((r) => r.latency.p99)), errors };
  } finally {
    await stack.stop();
  }
}

/** BullMQ alone on one queue: how many jobs per second one Redis shard takes in and hands out. */
async function shardCeiling() {
  const prefix = process.env.REDIS_CLUSTER_NODES ? `{bench-shard-${process.pid}}` : `bench-shard-${process.pid}`;
  // BullMQ leaves connections it was handed open: they are closed here, or the process never exits.
  const connections = [testRedis('worker'), testRedis('worker')];
  const queue = new Queue('ceiling', { connection: connections[0]!, prefix });
  let done = 0;
  const finished = new Promise<void>((resolve) => {
    const worker = new Worker('ceiling', async () => undefined, { connection: connections[1]!, prefix, concurrency: 200 });
    worker.on('completed', () => {
      if (++done === SHARD_JOBS) void worker.close().then(() => resolve());
    });
  });
  const started = Date.now();
  let added = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (added < SHARD_JOBS) {
        const batch = Math.min(100, SHARD_JOBS - added);
        added += batch;
        await queue.addBulk(Array.from({ length: batch }, (_, i) => ({ name: 'n', data: { i }, opts: { removeOnComplete: true } })));
      }
    }),
  );
  const addSeconds = (Date.now() - started) / 1000;
  await finished;
  const seconds = (Date.now() - started) / 1000;
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  for (const c of connections) c.disconnect();
  return { measure: 'one shard: BullMQ add', processes: 1, 'per s': SHARD_JOBS / addSeconds, seconds: addSeconds, 'completed per s': SHARD_JOBS / seconds };
}

/** Redis's used_memory (a single server only: on a cluster INFO answers for one node, so NaN). */
async function redisUsedMemory(): Promise<number> {
  if (process.env.REDIS_CLUSTER_NODES) return Number.NaN;
  const redis = testRedis('worker');
  try {
    return Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1]);
  } finally {
    redis.disconnect();
  }
}

/** Bytes of every table of a schema, indexes and TOAST included. */
async function schemaBytes(schema: string): Promise<number> {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
  try {
    const { rows } = await pool.query<{ bytes: string }>(
      `SELECT COALESCE(sum(pg_total_relation_size(c.oid)), 0) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind = 'r'`,
      [schema],
    );
    return Number(rows[0]!.bytes);
  } finally {
    await pool.end();
  }
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//…@');
}

main().catch((err) => {
  process.stderr.write(`bench:scale failed: ${err.stack ?? err}\n`);
  process.exit(1);
});
