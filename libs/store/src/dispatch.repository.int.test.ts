import { randomUUID } from 'node:crypto';
import type { JobStatus } from '@jobgate/contracts';
import { freshDatabase, type FreshDatabase } from '../../../test/support/fresh-database';
import { createPool } from './create-pool';
import { DispatchRepository, type DispatchLimits } from './dispatch.repository';
import { JobRepository } from './job.repository';
import { SubmissionRepository } from './submission.repository';
import { TeamRepository } from './team.repository';

const body = (name: string) => ({ job_name: name, config: { worker_server_num: 1, data_url: '/d/', spec_id: 1 } });
// Waiting jobs get created_at one second apart from here, in the order the test creates them.
const EPOCH = Date.parse('2026-01-01T00:00:00Z');

type Owner = { id: string; name: string } | null;

describe('DispatchRepository (PostgreSQL)', () => {
  let db: FreshDatabase;
  let dispatch: DispatchRepository;
  let jobs: JobRepository;
  let seq: number;
  /** Job id → `<owner>:<n>`, so orders read as names. */
  let labels: Map<string, string>;

  beforeEach(async () => {
    db = await freshDatabase();
    dispatch = new DispatchRepository(db.pool, db.t);
    jobs = new JobRepository(db.pool, db.t);
    seq = 0;
    labels = new Map();
  });
  afterEach(() => db.drop());

  async function team(name: string, options: { weight?: number; maxActiveJobs?: number | null } = {}): Promise<Owner> {
    const created = await new TeamRepository(db.pool, db.t).create({ id: randomUUID(), name, ...options, webhookSecret: `whsec-${name}` });
    return { id: created.id, name: created.name };
  }

  /** `n` waiting jobs of `owner` (null: an operator), each one second younger than the last job created. */
  async function waiting(owner: Owner, n: number, priority = 0): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const at = seq++;
      const { job } = await jobs.create({ trainingJob: body(`job-${at}`), team: owner, priority, requestId: `req-${at}` });
      await db.pool.query(`UPDATE ${db.t.jobs} SET created_at = $2 WHERE id = $1`, [job.id, new Date(EPOCH + at * 1_000)]);
      const label = `${owner?.name ?? 'ops'}:${[...labels.values()].filter((l) => l.startsWith(`${owner?.name ?? 'ops'}:`)).length}`;
      labels.set(job.id, label);
      ids.push(job.id);
    }
    return ids;
  }

  /** Moves waiting jobs on, as admission, a worker and the poller would have (guarded: each must be `queued`). */
  async function move(ids: string[], to: JobStatus): Promise<void> {
    const { rowCount } = await db.pool.query(`UPDATE ${db.t.jobs} SET status = $2 WHERE id = ANY($1::uuid[]) AND status = 'queued'`, [ids, to]);
    expect(rowCount).toBe(ids.length);
  }

  const admit = async (limits: Partial<DispatchLimits> = {}) => dispatch.admit({ maxActive: 100, window: 100, policy: 'fair', ...limits });
  const names = async (limits: Partial<DispatchLimits> = {}) => (await admit(limits)).map((a) => labels.get(a.jobId));
  const statusCount = async (status: JobStatus, teamId?: string) =>
    (
      await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${db.t.jobs} WHERE status = $1 AND ($2::uuid IS NULL OR team_id = $2)`, [
        status,
        teamId ?? null,
      ])
    ).rows[0]!.n;

  it('admits waiting jobs (queued → submitting, logged), with their request ids, and says whether anything waits', async () => {
    expect(await dispatch.anyWaiting()).toBe(false);
    const [a, b] = await waiting(null, 2);
    const [pending] = await waiting(null, 1);
    await db.pool.query(`UPDATE ${db.t.jobs} SET status = 'pending' WHERE id = $1`, [pending]); // a trial waiting for its sweep is not for the dispatcher
    expect(await dispatch.anyWaiting()).toBe(true);
    expect(await admit()).toEqual([
      { jobId: a, requestId: 'req-0' },
      { jobId: b, requestId: 'req-1' },
    ]);
    expect(await dispatch.anyWaiting()).toBe(false);
    expect(await admit()).toEqual([]);
    expect((await jobs.get(a!))!.status).toBe('submitting');
    expect((await jobs.get(pending!))!.status).toBe('pending');
    const events = await db.pool.query(`SELECT from_status, to_status, reason FROM ${db.t.job_events} WHERE job_id = $1 ORDER BY id`, [a]);
    expect(events.rows).toEqual([
      { from_status: null, to_status: 'queued', reason: 'accepted' },
      { from_status: 'queued', to_status: 'submitting', reason: 'admitted (fair share)' },
    ]);
    // Admitted is what a worker's claim takes.
    expect(await new SubmissionRepository(db.pool, db.t).claim(a!)).toMatchObject({ kind: 'claimed', job: { id: a, status: 'submitting' } });
  });

  it('never takes more than MAX_ACTIVE_JOBS minus the active jobs, nor more than the window allows in submitting', async () => {
    const ids = await waiting(null, 12);
    await move(ids.slice(0, 1), 'running');
    await move(ids.slice(1, 2), 'canceling');
    await move(ids.slice(2, 3), 'submitted');
    await move(ids.slice(3, 4), 'succeeded'); // ended: holds no slot
    expect(await admit({ maxActive: 6 })).toHaveLength(3); // 6 − 3 active
    expect(await admit({ maxActive: 6 })).toEqual([]);
    expect(await statusCount('submitting')).toBe(3);

    // The window counts only jobs admitted and not yet created (`submitting`).
    expect(await admit({ window: 4 })).toHaveLength(1);
    expect(await admit({ window: 4 })).toEqual([]);
    await db.pool.query(`UPDATE ${db.t.jobs} SET status = 'submitted' WHERE id IN (SELECT id FROM ${db.t.jobs} WHERE status = 'submitting' LIMIT 2)`);
    expect(await admit({ window: 4 })).toHaveLength(2);
    // Both limits at once: the tighter one decides.
    expect(await admit({ maxActive: 10, window: 100 })).toHaveLength(1); // 9 active
    expect(await statusCount('queued')).toBe(1);
    expect(await admit({ maxActive: 0, window: 0 })).toEqual([]);
  });

  it('never lets a team exceed its own max_active_jobs, counting the slots it already holds', async () => {
    const capped = await team('capped', { maxActiveJobs: 3 });
    const open = await team('open');
    const cappedJobs = await waiting(capped, 6);
    await waiting(open, 4);
    await move(cappedJobs.slice(0, 1), 'running');
    const first = await names();
    expect(first.filter((n) => n!.startsWith('capped:'))).toHaveLength(2); // 3 − 1 running
    expect(first.filter((n) => n!.startsWith('open:'))).toHaveLength(4);
    expect(await admit()).toEqual([]); // the capped team's other jobs wait, though slots are free
    expect(await statusCount('queued', capped!.id)).toBe(3);
    await db.pool.query(`UPDATE ${db.t.jobs} SET status = 'failed' WHERE id = $1`, [cappedJobs[0]]); // one ended: one slot back
    expect(await names()).toEqual(['capped:3']);
    const zero = await team('frozen', { maxActiveJobs: 0 });
    await waiting(zero, 2);
    expect(await admit()).toEqual([]);
  });

  it('shares between two teams of weight 1:1 by active jobs, ties going to the oldest waiting job', async () => {
    const a = await team('a');
    const b = await team('b');
    await waiting(b, 1); // the oldest job of all
    await waiting(a, 4);
    await waiting(b, 3);
    expect(await names({ window: 6 })).toEqual(['b:0', 'a:0', 'a:1', 'b:1', 'a:2', 'b:2']);
    expect(await names({ window: 100 })).toEqual(['a:3', 'b:3']);
  });

  it('counts the slots a team already holds: the next ones go to the team with the lowest active ÷ weight', async () => {
    const a = await team('a');
    const b = await team('b');
    const busy = await waiting(a, 3); // older than all of b's
    await move(busy, 'running');
    await waiting(a, 3);
    await waiting(b, 5);
    // b catches up to a's 3 before a gets another; then they alternate, the oldest first on each tie.
    expect(await names({ window: 5 })).toEqual(['b:0', 'b:1', 'b:2', 'a:3', 'b:3']);
  });

  it('shares 3:1 by weight: a team of weight 3 takes three slots for every one of a team of weight 1', async () => {
    const heavy = await team('heavy', { weight: 3 });
    const light = await team('light', { weight: 1 });
    await waiting(heavy, 20);
    await waiting(light, 10);
    const order = await names({ window: 8 });
    expect(order).toEqual(['heavy:0', 'light:0', 'heavy:1', 'heavy:2', 'heavy:3', 'light:1', 'heavy:4', 'heavy:5']);
    // Over more passes (capacity freeing a little at a time) the split stays 3:1.
    for (let i = 0; i < 8; i++) await admit({ window: 9 + i });
    expect([await statusCount('submitting', heavy!.id), await statusCount('submitting', light!.id)]).toEqual([12, 4]);
  });

  it("orders a team's own jobs by priority, then age; priority never jumps ahead of another team's share", async () => {
    const a = await team('a');
    const b = await team('b');
    await waiting(b, 1, -100); // b:0, the oldest
    await waiting(a, 1, 0); // a:0
    await waiting(a, 1, 5); // a:1
    await waiting(a, 1, -1); // a:2
    await waiting(a, 1, 5); // a:3
    expect(await names({ window: 1 })).toEqual(['b:0']); // a tie (no team holds slots): the oldest job, whatever its priority
    expect(await names({ window: 100 })).toEqual(['a:1', 'a:3', 'a:0', 'a:2']);
  });

  it("treats operators' jobs (no team) as one more owner of weight 1", async () => {
    const a = await team('a');
    await waiting(null, 3);
    await waiting(a, 3);
    expect(await names({ window: 4 })).toEqual(['ops:0', 'a:0', 'ops:1', 'a:1']);
  });

  it('is work-conserving: a team alone with waiting work takes all the free capacity, whatever its weight', async () => {
    const alone = await team('alone', { weight: 1 });
    const idle = await team('idle', { weight: 10 });
    await waiting(alone, 8);
    await move(await waiting(idle, 2), 'running'); // the heavy team holds slots but wants no more
    expect(await admit({ maxActive: 7 })).toHaveLength(5);
    expect(await statusCount('submitting', alone!.id)).toBe(5);
  });

  it('fifo: takes the oldest waiting jobs whoever they belong to, still within each team’s own cap', async () => {
    const a = await team('a', { maxActiveJobs: 2 });
    const b = await team('b');
    await move(await waiting(b, 3), 'running'); // b's usage does not matter to fifo
    await waiting(b, 2);
    await waiting(a, 3);
    await waiting(null, 1);
    await waiting(b, 1);
    await waiting(b, 1, 100); // priority orders a team's jobs under fair share only
    const order = await names({ policy: 'fifo', window: 100 });
    expect(order).toEqual(['b:3', 'b:4', 'a:0', 'a:1', 'ops:0', 'b:5', 'b:6']); // a:2 passed over: a is at its cap
    const events = await db.pool.query(`SELECT DISTINCT reason FROM ${db.t.job_events} WHERE to_status = 'submitting'`);
    expect(events.rows).toEqual([{ reason: 'admitted (first in, first out)' }]);
  });

  it('fifo: a capped team with many old jobs does not keep other teams out of free capacity', async () => {
    const capped = await team('capped', { maxActiveJobs: 1 });
    const other = await team('other');
    await move(await waiting(capped, 1), 'running');
    await waiting(capped, 40); // all older than other's jobs, none of them admissible
    await waiting(other, 2);
    expect(await names({ policy: 'fifo', maxActive: 5 })).toEqual(['other:0', 'other:1']);
  });

  it('never over-admits when admissions run at once on two connections', async () => {
    const second = createPool({ url: db.url, max: 5 });
    try {
      const capped = await team('capped', { maxActiveJobs: 2 });
      const other = await team('other', { weight: 2 });
      // Plenty waiting for every round; their order does not matter here, so they go in together.
      await Promise.all(
        [capped, other, null].flatMap((owner) =>
          Array.from({ length: 60 }, (_, i) => jobs.create({ trainingJob: body(`${owner?.name ?? 'ops'}-${i}`), team: owner })),
        ),
      );
      const repos = [dispatch, new DispatchRepository(second, db.t)];
      const limits: DispatchLimits = { maxActive: 5, window: 5, policy: 'fair' };
      // Each round, ten passes race for five slots; then the admitted jobs end and free them again.
      for (let round = 0; round < 15; round++) {
        const passes = await Promise.all(Array.from({ length: 10 }, (_, i) => repos[i % 2]!.admit(limits)));
        const admitted = passes.flat().map((a) => a.jobId);
        expect([round, admitted.length, new Set(admitted).size]).toEqual([round, 5, 5]);
        expect([round, await statusCount('submitting')]).toEqual([round, 5]);
        expect(await statusCount('submitting', capped!.id)).toBeLessThanOrEqual(2);
        await db.pool.query(`UPDATE ${db.t.jobs} SET status = 'failed' WHERE status = 'submitting'`);
      }
      const logged = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${db.t.job_events} WHERE to_status = 'submitting'`);
      expect(logged.rows[0]!.n).toBe(75);
    } finally {
      await second.end();
    }
  });
});
