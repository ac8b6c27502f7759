/**
 * `npm run bench:memory`: peak RSS of the api and the worker while 100,000 jobs wait in the submit
 * queue, next to the same processes with an empty queue (the baseline). The backlog is written
 * straight to PostgreSQL and BullMQ (as the api would, in bulk), then fresh processes start and run
 * for a while: the worker submitting at SUBMIT_RATE_LIMIT, the api serving list and intake requests.
 */
import { report, useLocalServices } from './report';
useLocalServices();
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createPool, tables } from '@jobgate/store';
import { Stack, type RoleProcess } from '../test/support/stack';
import { sampleJob } from '../test/support/seed-samples';

const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 100_000);
const RUN_SEC = Number(process.env.BENCH_SECONDS ?? 15);

async function main(): Promise<void> {
  const rows = [];
  for (const backlog of [0, BACKLOG]) {
    const stack = new Stack({ roles: { api: 1 }, env: { SUBMIT_RATE_LIMIT: '50', MAX_ACTIVE_JOBS: '1000000', LOG_LEVEL: 'info' } });
    try {
      await stack.start(); // migrates the schema
      await stack.kill(stack.processes[0]!, 'SIGTERM');
      if (backlog > 0) await fillBacklog(stack, backlog);
      const api = await stack.startRole('api');
      const worker = await stack.startRole('worker');
      const peak = await sampleWhileBusy(stack, [api, worker]);
      rows.push({ 'jobs waiting': backlog, 'api peak RSS MB': peak.get(api)!, 'worker peak RSS MB': peak.get(worker)! });
    } finally {
      await stack.stop();
    }
  }
  report('memory', rows, [`each run: fresh api + worker for ${RUN_SEC} s, worker submitting at 50/s, api serving GET /v1/jobs and POST /v1/jobs.`]);
}

async function fillBacklog(stack: Stack, n: number): Promise<void> {
  const pool = createPool({ url: process.env.DATABASE_URL!, max: 2 });
  const redis = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
  const queue = new Queue('submit', { connection: redis, prefix: stack.prefix });
  try {
    for (let i = 0; i < n; i += 5_000) {
      const ids = Array.from({ length: Math.min(5_000, n - i) }, () => randomUUID());
      const names = ids.map((_, k) => `mem-${i + k}`);
      await pool.query(
        `INSERT INTO ${tables(stack.schema).jobs} (id, status, job_name, training_job) SELECT id, 'queued', name, body
         FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) AS t(id, name, body)`,
        [ids, names, names.map((name) => JSON.stringify(sampleJob(name)))],
      );
      await queue.addBulk(ids.map((id) => ({ name: 'jobs.submit', data: { jobId: id }, opts: { jobId: id, attempts: 8, backoff: { type: 'jobgate' } } })));
    }
  } finally {
    await queue.close();
    redis.disconnect();
    await pool.end();
  }
}

/** Runs list and intake traffic for RUN_SEC and returns each process's peak RSS (VmHWM), in MB. */
async function sampleWhileBusy(stack: Stack, procs: RoleProcess[]): Promise<Map<RoleProcess, number>> {
  const until = Date.now() + RUN_SEC * 1000;
  let n = 0;
  while (Date.now() < until) {
    await Promise.all([stack.api('/v1/jobs?limit=200'), stack.api('/v1/jobs', { body: { training_job: sampleJob(`mem-new-${n++}`) } })]);
  }
  return new Map(procs.map((p) => [p, highWaterMb(p.child.pid!)]));
}

function highWaterMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

main().catch((err) => {
  process.stderr.write(`bench:memory failed: ${err.stack ?? err}\n`);
  process.exit(1);
});
