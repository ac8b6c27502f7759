/**
 * `npm run bench:submit`: achieved create calls per second against SUBMIT_RATE_LIMIT R, through the
 * real api and two worker processes, simulator latency 50 ms, with 0% and 30% transient faults.
 * Creates are timed where it matters, on arrival at the simulator. Goal: ≥ 0.95·R, and never more
 * than R in any one-second window.
 */
import { report, useLocalServices } from './report';
useLocalServices();
import { Stack, eventually } from '../test/support/stack';
import { sampleJob } from '../test/support/seed-samples';

const RATES = (process.env.BENCH_RATES ?? '20,50,200').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);

async function main(): Promise<void> {
  const rows = [];
  for (const rate of RATES) {
    for (const faultRate of [0, 0.3]) rows.push(await run(rate, faultRate));
  }
  report('submit', rows, [
    'calls/s: create calls per second in steady state (failed calls count: they use the limit), ratio = calls/s ÷ R.',
    'A call holds its place in the window until it is answered (its arrival at ModelArts is somewhere in between),',
    'so a place cycles every 1 s + latency: the ceiling is R × 1000 / (1000 + latency ms), 0.95 R at 50 ms.',
  ]);
}

async function run(rate: number, faultRate: number) {
  const jobs = rate * SECONDS;
  const faults = faultRate ? { errorRates: { create: { 503: faultRate } }, seed: 1 } : {};
  const stack = new Stack({
    env: { SUBMIT_RATE_LIMIT: String(rate), SUBMIT_CONCURRENCY: '64', MAX_ACTIVE_JOBS: '1000000', SUBMIT_MAX_ATTEMPTS: '20', LOG_LEVEL: 'info' },
    simEnv: { SIM_FAULTS: JSON.stringify({ latencyMs: 50, ...faults }) },
    roles: { api: 1 },
  });
  try {
    await stack.start();
    for (let i = 0; i < jobs; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, jobs - i) }, (_, k) => stack.api('/v1/jobs', { body: { training_job: sampleJob(`b${rate}-${i + k}`) } })),
      );
    }
    // Workers start with a full queue, so the whole run is steady state.
    await Promise.all([stack.startRole('worker'), stack.startRole('worker')]);
    const simJobs = await eventually(
      async () => {
        const all = await stack.sim('/jobs');
        return all.length >= jobs ? all : null;
      },
      { timeoutMs: 600_000, intervalMs: 500 },
    );
    const creates = (await stack.sim('/calls')).filter((c: { op: string }) => c.op === 'create');
    const times = creates.map((c: { at: number }) => c.at).sort((a: number, b: number) => a - b);
    const seconds = (times.at(-1) - times[0]) / 1000;
    const callsPerSec = steadyRate(times);
    const stats = await stack.sim('/stats');
    const names = new Set(simJobs.map((j: { job_name: string }) => j.job_name));
    return {
      R: rate,
      faults: `${faultRate * 100}%`,
      jobs,
      calls: times.length,
      seconds: Number(seconds.toFixed(1)),
      'calls/s': callsPerSec,
      'jobs/s overall': jobs / seconds,
      'ratio calls/s÷R': callsPerSec / rate,
      'max in any 1 s': stats.max_creates_in_any_1s_window,
      duplicates: simJobs.length - names.size,
    };
  } finally {
    await stack.stop();
  }
}

/**
 * Calls per second while the queue is full: skips the first second (an idle gate admits a whole
 * burst at once) and the last 20% of calls (only backed-off retries are left then).
 */
function steadyRate(times: number[]): number {
  const start = times[0]! + 1_000;
  const end = times[Math.floor(times.length * 0.8)]!;
  const inside = times.filter((t) => t > start && t <= end).length;
  return inside / ((end - start) / 1000);
}

main().catch((err) => {
  process.stderr.write(`bench:submit failed: ${err.stack ?? err}\n`);
  process.exit(1);
});
