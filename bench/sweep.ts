/**
 * `npm run bench:sweep`: first `bayes` against `random` on known functions (in-process, see
 * sweep-search.ts); then the time to accept a 10,000-trial sweep (request to 202: validation, expansion,
 * one transaction writing every trial) and until its first `max_parallel` trials are in the submit
 * queue, against a real api process. Baseline: a single job through POST /v1/jobs.
 */
import { report, useLocalServices } from './report';
useLocalServices();
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Stack } from '../test/support/stack';
import { sampleJob } from '../test/support/seed-samples';
import { compareSearch, compareStopping } from './sweep-search';

const TRIALS_SIDE = 100; // 100 × 100 grid = 10,000 trials, the per-sweep maximum
const MAX_PARALLEL = 20;

async function main(): Promise<void> {
  report('sweep search: bayes (TPE) vs random', compareSearch(), [
    "best value found (minimise) in 30 trials per seed; bayes starts with 10 random trials (the random sweep's own for that seed).",
    'Goal: bayes strictly better in at least 16 of 20 seeds.',
  ]);
  report('sweep early stopping: median rule vs none', compareStopping(), [
    '30 random trials per seed × 20 seeds, 10 steps each (1 step = 1 job-minute), run one after another; median rule with min_trials 5, start_step 3.',
  ]);
  if (process.argv.includes('--search-only')) return;
  const stack = new Stack({ roles: { api: 1 } });
  const redis = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
  try {
    await stack.start();
    const queue = new Queue('submit', { connection: redis, prefix: stack.prefix });
    const single = await timed(() => stack.api('/v1/jobs', { body: { training_job: sampleJob('bench-single') } }));
    const body = {
      name: 'bench 10k',
      template: { training_job: sampleJob('bench-sweep') },
      method: 'grid',
      max_parallel: MAX_PARALLEL,
      parameters: { lr: { min: 1, max: TRIALS_SIDE, step: 1 }, batch: { min: 1, max: TRIALS_SIDE, step: 1 } },
    };
    const started = performance.now();
    const res = await stack.api('/v1/sweeps', { body });
    const acceptedMs = performance.now() - started;
    if (res.status !== 202) throw new Error(`sweep refused: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    let queued = 0;
    while ((queued = await queue.count()) < MAX_PARALLEL + 1) await new Promise((r) => setTimeout(r, 5));
    const enqueuedMs = performance.now() - started;
    report(
      'sweep',
      [
        { request: 'POST /v1/jobs (1 job, baseline)', trials: 1, 'to 202 ms': single.ms, 'to first trials queued ms': single.ms },
        { request: 'POST /v1/sweeps (100 × 100 grid)', trials: res.body.trial_count, 'to 202 ms': acceptedMs, 'to first trials queued ms': enqueuedMs },
      ],
      [`first trials = max_parallel (${MAX_PARALLEL}); queue holds ${queued - 1} trials + the baseline job. Goal: 10,000 trials well under 2 s.`],
    );
    await queue.close();
  } finally {
    redis.disconnect();
    await stack.stop();
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

main().catch((err) => {
  process.stderr.write(`bench:sweep failed: ${err.stack ?? err}\n`);
  process.exit(1);
});
