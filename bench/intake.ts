/**
 * `npm run bench:intake`: autocannon against POST /v1/jobs (auth, validation, idempotency-ready
 * insert with its accepted event in PostgreSQL) for 10 s at 50 connections, the api role alone,
 * measured back to back with two peers on the same Redis and PostgreSQL: the bare baseline (Express
 * 5 + queue.add, nothing durable) and the hand-written peer (express.json + INSERT … RETURNING id +
 * queue.add with that id). Goal: jobgate ≥ 1.0 × the hand-written peer, 0 errors. Then batch
 * intake: jobs/s accepted through POST /v1/jobs/batch in batches of 100 and 1,000.
 */
import { report, useLocalServices } from './report';
useLocalServices();
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { Stack, TEST_API_KEY } from '../test/support/stack';
import { sampleJob } from '../test/support/seed-samples';

const DURATION_SEC = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const PROFILE_DIR = process.env.BENCH_CPU_PROF_DIR;

async function main(): Promise<void> {
  const stack = new Stack({ roles: {}, env: { LOG_LEVEL: 'info' } });
  const rows = [];
  try {
    await stack.startSimulator();
    // BENCH_CPU_PROF_DIR: profile the api under single-job load only (a .cpuprofile written when it stops).
    await stack.startRole('api', PROFILE_DIR ? { NODE_OPTIONS: `--require ${join(__dirname, 'cpu-profile.js')}`, BENCH_CPU_PROF_DIR: PROFILE_DIR } : {});
    const auth = { Authorization: `Bearer ${TEST_API_KEY}` };
    if (PROFILE_DIR) rows.push(await load('jobgate POST /v1/jobs (profiled)', `${stack.apiUrl}/v1/jobs`, auth));
    else rows.push(...(await compare(stack, auth)));
  } finally {
    await stack.stop();
  }
  report(PROFILE_DIR ? 'intake-profile' : 'intake', rows, [
    `${DURATION_SEC} s at ${CONNECTIONS} connections (batches: ${BATCH_CONNECTIONS}), back to back; api and each peer one Node process; load generator in another.`,
    'The hand-written peer does the durable work naively: express.json, INSERT … RETURNING id, queue.add with that id.',
  ]);
}

/** The peers, jobgate, and batch intake, back to back. */
async function compare(stack: Stack, auth: Record<string, string>) {
  const rows = [];
  const baseline = await withPeer('baseline-server.js', stack.prefix, (url) => load('baseline express + queue.add', `${url}/v1/jobs`, {}));
  const handwritten = await withPeer('handwritten-server.js', stack.prefix, (url) => load('hand-written INSERT + queue.add', `${url}/v1/jobs`, {}));
  const jobgate = await load('jobgate POST /v1/jobs', `${stack.apiUrl}/v1/jobs`, auth);
  rows.push(
    baseline,
    handwritten,
    jobgate,
    { target: 'jobgate / baseline', 'req/s': jobgate['req/s'] / baseline['req/s'] },
    { target: 'jobgate / hand-written', 'req/s': jobgate['req/s'] / handwritten['req/s'] },
  );
  for (const size of [100, 1_000]) {
    const batch = await load(`jobgate POST /v1/jobs/batch × ${size}`, `${stack.apiUrl}/v1/jobs/batch`, auth, { size, connections: BATCH_CONNECTIONS });
    rows.push({ ...batch, 'jobs/s': batch['req/s'] * size, 'jobs/s vs single': (batch['req/s'] * size) / jobgate['req/s'] });
  }
  return rows;
}

/** Batches are large: a few connections keep the api busy. */
const BATCH_CONNECTIONS = 4;
let n = 0;

/** Load on one target; with `batch`, each request carries `size` jobs under `jobs`. */
async function load(target: string, url: string, headers: Record<string, string>, batch?: { size: number; connections: number }) {
  const job = () => ({ training_job: sampleJob(`intake-${process.pid}-${n++}`) });
  const body = () => JSON.stringify(batch ? { jobs: Array.from({ length: batch.size }, job) } : job());
  const result = await autocannon({
    url,
    method: 'POST',
    connections: batch?.connections ?? CONNECTIONS,
    duration: DURATION_SEC,
    headers: { 'Content-Type': 'application/json', ...headers },
    requests: [{ setupRequest: (req: any) => ({ ...req, body: body() }) }],
  });
  return {
    target,
    'req/s': result.requests.average,
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    requests: result.requests.total,
    // A batch answers 207 (autocannon counts 2xx as fine); anything else is an error.
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/** Runs a peer server (bench/*-server.ts) in a process of its own for `run`, then removes its queue keys. */
async function withPeer<T>(script: string, prefix: string, run: (url: string) => Promise<T>): Promise<T> {
  const peerPrefix = `${prefix}-${script.replace(/-server\.js$/, '')}`;
  const child = spawn(process.execPath, [join(__dirname, script)], {
    env: { ...process.env, QUEUE_PREFIX: peerPrefix, BENCH_SCHEMA: peerPrefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase() },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const m = /"url":"([^"]+)"/.exec(chunk.toString());
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  try {
    return await run(url);
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    const redis = new Redis(process.env.REDIS_URL!);
    const keys = await redis.keys(`${peerPrefix}:*`);
    for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
    redis.disconnect();
  }
}

main().catch((err) => {
  process.stderr.write(`bench:intake failed: ${err.stack ?? err}\n`);
  process.exit(1);
});
