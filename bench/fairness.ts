/**
 * `npm run bench:fairness`: fair share against first-in-first-out on the real processes.
 * 1. Team A queues 1,000 jobs, then team B submits 10: B's wait from accepted to created.
 * 2. Two teams with weights 1:1 and 3:1 keep MAX_ACTIVE_JOBS saturated: each team's share of the
 *    active slots against its weight (Jain's fairness index over share ÷ weight; 1 = exactly by
 *    weight) and jobs finished per second, fair vs FIFO.
 */
import { report, useLocalServices } from './report';
useLocalServices();
import { Stack, eventually } from '../test/support/stack';
import { sampleJob } from '../test/support/seed-samples';

const RATE = Number(process.env.BENCH_FAIR_RATE ?? 100);
const BACKLOG = Number(process.env.BENCH_FAIR_BACKLOG ?? 1000);
const SATURATION_SEC = Number(process.env.BENCH_FAIR_SECONDS ?? 12);

async function main(): Promise<void> {
  const waits = [];
  for (const policy of ['fifo', 'fair'] as const) waits.push(await waitBehindBacklog(policy));
  report('fairness-wait', waits, [
    `Team A queues ${BACKLOG} jobs, then team B submits 10 (SUBMIT_RATE_LIMIT=${RATE}): B's wait, accepted → created.`,
    'FIFO makes B wait for all of A; fair share gives B the next free create permits (A is using them all, B none).',
  ]);
  const shares = [];
  for (const weights of [
    [1, 1],
    [3, 1],
  ] as const) {
    for (const policy of ['fifo', 'fair'] as const) shares.push(await shareUnderSaturation(policy, weights));
  }
  report('fairness-share', shares, [
    'MAX_ACTIVE_JOBS=20, each job runs ~1 s, both teams keep 300 jobs waiting; active slots sampled every 100 ms.',
    "Jain's index over (share of slots ÷ weight share): 1.0 = slots exactly by weight. Goal ≥ 0.95 with fair share, and no throughput loss vs FIFO.",
  ]);
}

interface Team {
  id: string;
  key: string;
}

async function withStack<T>(
  env: Record<string, string>,
  simEnv: Record<string, string>,
  run: (stack: Stack, team: (name: string, weight?: number) => Promise<Team>) => Promise<T>,
): Promise<T> {
  const stack = new Stack({ env: { LOG_LEVEL: 'info', POLL_INTERVAL_MS: '200', ...env }, simEnv, roles: { api: 1, worker: 1, poller: 1 } });
  try {
    await stack.start();
    const team = async (name: string, weight = 1): Promise<Team> => {
      const created = await stack.api('/v1/teams', { body: { name, weight } });
      const key = await stack.api(`/v1/teams/${created.body.id}/api-keys`, { body: { name: 'bench' } });
      return { id: created.body.id, key: key.body.key };
    };
    return await run(stack, team);
  } finally {
    await stack.stop();
  }
}

async function submitAll(stack: Stack, team: Team, prefix: string, count: number): Promise<{ id: string; created_at: string }[]> {
  const out: { id: string; created_at: string }[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, count - i) }, (_, k) =>
        stack.api('/v1/jobs', { body: { training_job: sampleJob(`${prefix}-${i + k}`) }, headers: { Authorization: `Bearer ${team.key}` } }),
      ),
    );
    out.push(...batch.map((r) => r.body));
  }
  return out;
}

async function waitBehindBacklog(policy: 'fair' | 'fifo') {
  return withStack(
    { DISPATCH_POLICY: policy, SUBMIT_RATE_LIMIT: String(RATE), SUBMIT_CONCURRENCY: '64', MAX_ACTIVE_JOBS: '1000000' },
    { SIM_INIT_MS: '100', SIM_WAITING_MS: '100', SIM_RUNNING_MS: '600000' },
    async (stack, team) => {
      const a = await team('backlog-a');
      const b = await team('latecomer-b');
      await submitAll(stack, a, `${policy}-a`, BACKLOG);
      const accepted = await submitAll(stack, b, `${policy}-b`, 10);
      const created = await eventually(
        async () => {
          const calls = ((await stack.sim('/calls')) as { op: string; status: number; job_name: string; at: number }[]).filter(
            (c) => c.op === 'create' && c.status === 200,
          );
          const mine = calls.filter((c) => c.job_name.startsWith(`${policy}-b-`));
          return mine.length === 10 ? mine : null;
        },
        { timeoutMs: 600_000, intervalMs: 250 },
      );
      const acceptedAt = new Map(accepted.map((j, i) => [`${policy}-b-${i}`, Date.parse(j.created_at)]));
      const waitsSec = created.map((c) => (c.at - acceptedAt.get(c.job_name)!) / 1000).sort((x, y) => x - y);
      return { policy, 'A queued': BACKLOG, 'B jobs': 10, 'B wait p50 s': waitsSec[4]!, 'B wait max s': waitsSec[9]! };
    },
  );
}

async function shareUnderSaturation(policy: 'fair' | 'fifo', weights: readonly [number, number]) {
  return withStack(
    { DISPATCH_POLICY: policy, SUBMIT_RATE_LIMIT: '200', MAX_ACTIVE_JOBS: '20' },
    { SIM_INIT_MS: '50', SIM_WAITING_MS: '50', SIM_RUNNING_MS: '900' },
    async (stack, team) => {
      const teams = [await team('share-a', weights[0]), await team('share-b', weights[1])];
      // Interleaved, so FIFO alternates between the teams whatever their weights.
      for (let i = 0; i < 300; i += 50) {
        for (const [k, t] of teams.entries()) await submitAll(stack, t, `${policy}-${k}-${i}`, 50);
      }
      await new Promise((r) => setTimeout(r, 2_000)); // reach steady state
      const samples: number[][] = [];
      const finishedBefore = await finished(stack);
      const started = Date.now();
      while (Date.now() - started < SATURATION_SEC * 1000) {
        const all = (await stack.api('/v1/teams')).body.items as { id: string; usage: { active: number } }[];
        samples.push(teams.map((t) => all.find((x) => x.id === t.id)!.usage.active));
        await new Promise((r) => setTimeout(r, 100));
      }
      const throughput = ((await finished(stack)) - finishedBefore) / ((Date.now() - started) / 1000);
      const mean = teams.map((_, k) => samples.reduce((s, row) => s + row[k]!, 0) / samples.length);
      const total = mean[0]! + mean[1]!;
      const weightSum = weights[0] + weights[1];
      const x = mean.map((m, k) => m / total / (weights[k]! / weightSum));
      const jain = (x[0]! + x[1]!) ** 2 / (2 * (x[0]! ** 2 + x[1]! ** 2));
      return {
        policy,
        weights: `${weights[0]}:${weights[1]}`,
        'A active': mean[0]!,
        'B active': mean[1]!,
        'A share': mean[0]! / total,
        'weight share A': weights[0] / weightSum,
        'Jain index': jain,
        'jobs done/s': throughput,
      };
    },
  );
}

async function finished(stack: Stack): Promise<number> {
  const all = (await stack.api('/v1/jobs?status=succeeded&limit=200')).body;
  let count = all.items.length;
  for (let cursor = all.next_cursor; cursor;) {
    const page = (await stack.api(`/v1/jobs?status=succeeded&limit=200&cursor=${encodeURIComponent(cursor)}`)).body;
    count += page.items.length;
    cursor = page.next_cursor;
  }
  return count;
}

main().catch((err) => {
  process.stderr.write(`${err.stack ?? err}\n`);
  process.exit(1);
});
