/**
 * `npm run bench:intake`: autocannon against POST /v1/jobs (auth, validation, PostgreSQL insert,
 * BullMQ enqueue) for 10 s at 50 connections, next to the baseline: a bare Express 5 route that
 * parses the JSON and calls queue.add on the same Redis. Goal: jobgate ≥ 0.5 × baseline, 0 errors.
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

async function main(): Promise<void> {
  const stack = new Stack({ roles: {}, env: { LOG_LEVEL: 'info' } });
  const rows = [];
  try {
    await stack.startSimulator();
    await stack.startRole('api');
    const jobgate = await load('jobgate POST /v1/jobs', `${stack.apiUrl}/v1/jobs`, { Authorization: `Bearer ${TEST_API_KEY}` });
    const baseline = await withBaseline(stack.prefix, (url) => load('baseline express + queue.add', `${url}/v1/jobs`, {}));
    rows.push(baseline, jobgate, { target: 'jobgate / baseline', 'req/s': jobgate['req/s'] / baseline['req/s'] });
  } finally {
    await stack.stop();
  }
  report('intake', rows, [`${DURATION_SEC} s at ${CONNECTIONS} connections, api and baseline each one Node process; load generator in a third.`]);
}

async function load(target: string, url: string, headers: Record<string, string>) {
  let n = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: DURATION_SEC,
    headers: { 'Content-Type': 'application/json', ...headers },
    requests: [{ setupRequest: (req: any) => ({ ...req, body: JSON.stringify({ training_job: sampleJob(`intake-${process.pid}-${n++}`) }) }) }],
  });
  return {
    target,
    'req/s': result.requests.average,
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

async function withBaseline<T>(prefix: string, run: (url: string) => Promise<T>): Promise<T> {
  const child = spawn(process.execPath, [join(__dirname, 'baseline-server.js')], { env: { ...process.env, QUEUE_PREFIX: `${prefix}-baseline` }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const m = /"url":"([^"]+)"/.exec(chunk.toString());
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`baseline exited with ${code}`)));
  });
  try {
    return await run(url);
  } finally {
    child.kill('SIGTERM');
    const redis = new Redis(process.env.REDIS_URL!);
    const keys = await redis.keys(`${prefix}-baseline:*`);
    for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
    redis.disconnect();
  }
}

main().catch((err) => {
  process.stderr.write(`bench:intake failed: ${err.stack ?? err}\n`);
  process.exit(1);
});
