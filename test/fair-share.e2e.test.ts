import { maxInAnyWindow, maxOverlap } from './support/batch';
import { Stack, eventually } from './support/stack';
import { sampleJob } from './support/seed-samples';

/** Fair share between teams on real processes: the simulator's own call log is the witness. */
describe('fair share end to end', () => {
  let stack: Stack;
  afterEach(async () => stack?.stop());

  async function team(name: string, settings: Record<string, unknown> = {}): Promise<{ id: string; key: string }> {
    const created = await stack.api('/v1/teams', { body: { name, ...settings } });
    expect(created.status).toBe(201);
    const key = await stack.api(`/v1/teams/${created.body.id}/api-keys`, { body: { name: 'ci' } });
    return { id: created.body.id, key: key.body.key };
  }
  const submit = (key: string, name: string, extra: Record<string, unknown> = {}) =>
    stack.api('/v1/jobs', { body: { training_job: sampleJob(name), ...extra }, headers: { Authorization: `Bearer ${key}` } });
  const creates = async () =>
    ((await stack.sim('/calls')) as { op: string; status: number; job_name: string; at: number }[])
      .filter((c) => c.op === 'create' && c.status === 200)
      .sort((x, y) => x.at - y.at);

  it("puts B's 5 jobs, sent after A's 60, among the next dozen creates at SUBMIT_RATE_LIMIT=5", async () => {
    stack = await new Stack({
      roles: { api: 1, worker: 1, poller: 1 },
      env: { SUBMIT_RATE_LIMIT: '5', MAX_ACTIVE_JOBS: '1000', POLL_INTERVAL_MS: '500' },
      simEnv: { SIM_INIT_MS: '200', SIM_WAITING_MS: '200', SIM_RUNNING_MS: '60000' },
    }).start();
    const a = await team('team-a');
    const b = await team('team-b');
    for (let i = 0; i < 60; i++) expect((await submit(a.key, `a-${i}`)).status).toBe(202);
    await eventually(async () => (await creates()).length >= 3, { what: 'A under way' });
    for (let i = 0; i < 5; i++) expect((await submit(b.key, `b-${i}`)).status).toBe(202);
    const sentB = Date.now();
    await eventually(async () => (await creates()).filter((c) => c.job_name.startsWith('b-')).length === 5, { what: "B's jobs created", timeoutMs: 60_000 });
    const after = (await creates()).filter((c) => c.at >= sentB - 50);
    const firstDozen = after.slice(0, 12).map((c) => c.job_name);
    expect(firstDozen.filter((n) => n.startsWith('b-'))).toHaveLength(5);
    expect(
      maxInAnyWindow(
        (await creates()).map((c) => c.at),
        1_000,
      ),
    ).toBeLessThanOrEqual(5);
  });

  it("never runs more of a team's jobs at once than its max_active_jobs, and refuses work past max_queued_jobs with 429 team_queue_full", async () => {
    stack = await new Stack({
      roles: { api: 1, worker: 1, poller: 1 },
      env: { SUBMIT_RATE_LIMIT: '50', MAX_ACTIVE_JOBS: '1000', POLL_INTERVAL_MS: '200' },
      simEnv: { SIM_INIT_MS: '100', SIM_WAITING_MS: '100', SIM_RUNNING_MS: '600' },
    }).start();
    // Held at 0 active while it fills its queue, so exactly six wait when the seventh arrives.
    const capped = await team('capped', { max_active_jobs: 0, max_queued_jobs: 6 });
    const accepted: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await submit(capped.key, `capped-${i}`);
      expect(res.status).toBe(202);
      accepted.push(res.body.id);
    }
    const over = await submit(capped.key, 'capped-over');
    expect(over.status).toBe(429);
    expect(over.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(over.headers.get('retry-after')).not.toBeNull();
    expect(over.body).toMatchObject({ code: 'team_queue_full', limit: 6, current: 6 });
    // Now let two run at a time.
    expect((await stack.api(`/v1/teams/${capped.id}`, { method: 'PATCH', body: { max_active_jobs: 2 } })).status).toBe(200);
    await eventually(
      async () => {
        const states = await Promise.all(accepted.map(async (id) => (await stack.api(`/v1/jobs/${id}`)).body.status));
        return states.every((s) => s === 'succeeded');
      },
      { what: 'the capped team to finish', timeoutMs: 60_000 },
    );
    const jobs = (await stack.sim('/jobs')).filter((j: { job_name: string }) => j.job_name.startsWith('capped-'));
    expect(jobs).toHaveLength(6);
    expect(maxOverlap(jobs)).toBeLessThanOrEqual(2);
  });

  it("orders a team's own jobs by priority, then age", async () => {
    stack = await new Stack({
      roles: { api: 1, worker: 1, poller: 1 },
      env: { SUBMIT_RATE_LIMIT: '50', MAX_ACTIVE_JOBS: '1', POLL_INTERVAL_MS: '200' },
      simEnv: { SIM_INIT_MS: '100', SIM_WAITING_MS: '100', SIM_RUNNING_MS: '300' },
    }).start();
    const t = await team('ordered');
    for (let i = 0; i < 4; i++) expect((await submit(t.key, `low-${i}`, { priority: -5 })).status).toBe(202);
    const urgent = await submit(t.key, 'urgent', { priority: 50 });
    expect(urgent.body.priority).toBe(50);
    await eventually(async () => (await creates()).length === 5, { what: 'all five created', timeoutMs: 60_000 });
    const order = (await creates()).map((c) => c.job_name);
    // One slot: the first low job may have taken it before the urgent one arrived; after that, urgent goes next.
    expect(order.indexOf('urgent')).toBeLessThanOrEqual(1);
    expect(order.filter((n) => n.startsWith('low-'))).toEqual(['low-0', 'low-1', 'low-2', 'low-3']);
  });

  it('keeps SUBMIT_RATE_LIMIT and MAX_ACTIVE_JOBS absolute across teams with three workers', async () => {
    stack = await new Stack({
      roles: { api: 1, worker: 3, poller: 1 },
      env: { SUBMIT_RATE_LIMIT: '10', MAX_ACTIVE_JOBS: '4', POLL_INTERVAL_MS: '200' },
      simEnv: { SIM_INIT_MS: '100', SIM_WAITING_MS: '100', SIM_RUNNING_MS: '400' },
    }).start();
    const x = await team('team-x', { weight: 3 });
    const y = await team('team-y');
    for (let i = 0; i < 15; i++) {
      expect((await submit(x.key, `x-${i}`)).status).toBe(202);
      expect((await submit(y.key, `y-${i}`)).status).toBe(202);
    }
    await eventually(async () => (await creates()).length === 30, { what: 'thirty creates', timeoutMs: 90_000 });
    const jobs = (await stack.sim('/jobs')).filter((j: { job_name: string }) => /^[xy]-/.test(j.job_name));
    expect(jobs).toHaveLength(30);
    expect(maxOverlap(jobs)).toBeLessThanOrEqual(4);
    expect(
      maxInAnyWindow(
        (await creates()).map((c) => c.at),
        1_000,
      ),
    ).toBeLessThanOrEqual(10);
  });
});
