import type { Stack } from './stack';
import { eventually } from './stack';
import { sampleJob } from './seed-samples';

/** Submits `count` jobs named `<prefix>-<i>` through the API, a few at a time; returns their records. */
export async function submitMany(stack: Stack, prefix: string, count: number, concurrency = 10): Promise<{ id: string; job_name: string }[]> {
  const out: { id: string; job_name: string }[] = [];
  for (let i = 0; i < count; i += concurrency) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(concurrency, count - i) }, async (_, k) => {
        const res = await stack.api('/v1/jobs', { body: { training_job: sampleJob(`${prefix}-${i + k}`) } });
        if (res.status !== 202) throw new Error(`intake answered ${res.status}: ${JSON.stringify(res.body)}`);
        return res.body as { id: string; job_name: string };
      }),
    );
    out.push(...batch);
  }
  return out;
}

/** Waits until none of the jobs is `queued`/`submitting`; returns the final records. */
export async function waitUntilSubmitted(stack: Stack, ids: string[], timeoutMs = 120_000): Promise<any[]> {
  return eventually(
    async () => {
      const records = await Promise.all(ids.map(async (id) => (await stack.api(`/v1/jobs/${id}`)).body));
      return records.every((r) => r.status !== 'queued' && r.status !== 'submitting') ? records : null;
    },
    { timeoutMs, intervalMs: 500, what: `${ids.length} jobs to leave the queue` },
  );
}

/** The simulator's jobs whose names start with `prefix`, grouped by name. */
async function simJobsByName(stack: Stack, prefix: string): Promise<Map<string, any[]>> {
  const byName = new Map<string, any[]>();
  for (const job of await stack.sim('/jobs')) {
    if (!job.job_name.startsWith(`${prefix}-`)) continue;
    byName.set(job.job_name, [...(byName.get(job.job_name) ?? []), job]);
  }
  return byName;
}

/** Checks the promise: every accepted request is exactly one ModelArts job, and the record points at it. */
export async function expectExactlyOnce(stack: Stack, prefix: string, records: any[]): Promise<void> {
  const byName = await simJobsByName(stack, prefix);
  expect(byName.size).toBe(records.length);
  for (const record of records) {
    const simJobs = byName.get(record.job_name) ?? [];
    expect({ name: record.job_name, count: simJobs.length }).toEqual({ name: record.job_name, count: 1 });
    expect(record.status).toBe('submitted');
    expect(record.modelarts.job_id).toBe(String(simJobs[0].job_id));
  }
}

/** Largest number of `times` inside any window [t, t + windowMs). */
export function maxInAnyWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let end = 0, start = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/** The most ModelArts jobs running at once in the simulator's own history (create to terminal status). */
export function maxOverlap(jobs: { create_time: number; status_history: { status: number; at: number }[] }[]): number {
  const TERMINAL = new Set([3, 5, 6, 10, 11, 12, 13, 14, 16, 17, 20, 21, 22]);
  const edges: [number, number][] = [];
  for (const j of jobs) {
    const end = j.status_history.find((h) => TERMINAL.has(h.status))?.at ?? Number.MAX_SAFE_INTEGER;
    edges.push([j.create_time, +1], [end, -1]);
  }
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let active = 0;
  let best = 0;
  for (const [, delta] of edges) best = Math.max(best, (active += delta));
  return best;
}
