import type { JobStatus } from '@jobgate/contracts';
import { ConflictError } from '@jobgate/errors';
import { freshDatabase, type FreshDatabase } from '../../../test/support/fresh-database';
import { newSweepInput as newSweep } from '../../../test/support/sweeps';
import { JobMetricsRepository } from './job-metrics.repository';
import { JobRepository } from './job.repository';
import { Store } from './store';
import { SweepRepository } from './sweep.repository';

describe('SweepRepository (PostgreSQL)', () => {
  let db: FreshDatabase;
  let sweeps: SweepRepository;
  let jobs: JobRepository;
  beforeEach(async () => {
    db = await freshDatabase();
    sweeps = new SweepRepository(db.pool, db.t);
    jobs = new JobRepository(db.pool, db.t);
  });
  afterEach(() => db.drop());

  const trialIds = async (sweepId: string) => (await sweeps.trials(sweepId, { limit: 1000 }))!.items.map((t) => t.id);
  // Puts a trial in a status as a worker or the poller would; the trial must be in `from`.
  const move = async (id: string, from: JobStatus, to: JobStatus) => {
    const { rowCount } = await db.pool.query(`UPDATE ${db.t.jobs} SET status = $3, updated_at = now() WHERE id = $1 AND status = $2`, [id, from, to]);
    expect(rowCount).toBe(1);
  };
  const moveAll = async (ids: string[], path: JobStatus[]) => {
    for (const id of ids) for (let i = 1; i < path.length; i++) await move(id, path[i - 1]!, path[i]!);
  };

  it('stores a 10,000-trial sweep and all its trials in one transaction and releases max_parallel of them', async () => {
    const input = newSweep({ random: 10_000, extra: { max_parallel: 5 } });
    const { sweep, released } = await sweeps.create(input);
    expect(sweep).toMatchObject({ id: input.id, status: 'running', method: 'random', trial_count: 10_000, max_parallel: 5, seed: 1, max_failed_trials: null });
    expect(sweep.counts).toMatchObject({ pending: 9_995, queued: 5 });
    const rows = await db.pool.query(
      `SELECT status, count(*)::int AS n, min(sweep_trial) AS first, max(sweep_trial) AS last FROM ${db.t.jobs} WHERE sweep_id = $1 GROUP BY status ORDER BY status`,
      [input.id],
    );
    expect(rows.rows).toEqual([
      { status: 'pending', n: 9_995, first: 6, last: 10_000 },
      { status: 'queued', n: 5, first: 1, last: 5 },
    ]);
    const events = await db.pool.query(`SELECT count(*)::int AS n FROM ${db.t.job_events} e JOIN ${db.t.jobs} j ON j.id = e.job_id WHERE j.sweep_id = $1`, [
      input.id,
    ]);
    expect(events.rows[0].n).toBe(10_005); // one `accepted` per trial, one release per queued trial
    const trial = await jobs.get(released[0]!.jobId);
    expect(trial).toMatchObject({ status: 'queued', job_name: 'trial-1', sweep_id: input.id, labels: { team: 'ml', sweep_id: input.id, trial: '1' } });
    expect(released[0]!.requestId).toBe('req-1');
  });

  it('writes nothing when a trial name is held by a live job', async () => {
    await jobs.create({ trainingJob: { job_name: 'clash-3', config: { worker_server_num: 1 } } });
    await expect(sweeps.create(newSweep({ name: 'clash' }))).rejects.toThrow(ConflictError);
    await expect(sweeps.create(newSweep({ name: 'clash' }))).rejects.toThrow('job_name "clash-3" is already used');
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM ${db.t.sweeps}`)).rows[0].n).toBe(0);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM ${db.t.jobs} WHERE sweep_id IS NOT NULL`)).rows[0].n).toBe(0);
  });

  it('names the best trial by the objective, ties to the earlier trial, and reports it when the sweep ends', async () => {
    const input = newSweep({ values: 4, extra: { max_parallel: 4, objective: { metric: 'loss', goal: 'minimize' } } });
    await sweeps.create(input);
    const ids = await trialIds(input.id);
    const metrics = new JobMetricsRepository(db.pool, db.t);
    expect((await sweeps.get(input.id))!.best_trial).toBeNull();
    await metrics.set(ids[0]!, { loss: 0.4 });
    await metrics.set(ids[1]!, { loss: 0.2, acc: 0.9 });
    await metrics.set(ids[2]!, { loss: 0.2 });
    await metrics.set(ids[3]!, { loss: 0.1 });
    await moveAll(ids.slice(0, 3), ['queued', 'succeeded']);
    await move(ids[3]!, 'queued', 'failed'); // its numbers do not count
    expect((await sweeps.get(input.id))!.best_trial).toMatchObject({ id: ids[1], trial: 2, parameters: { lr: '2' }, metrics: { loss: 0.2, acc: 0.9 } });
    const store = new Store(db.pool, { schema: db.schema });
    const seen: string[] = [];
    const summary = await store.transaction(async (tx) => {
      const ended = await tx.sweeps.finishIfDone(input.id);
      seen.push((await tx.sweeps.get(input.id))!.status, (await sweeps.get(input.id))!.status);
      return ended;
    });
    expect(summary?.best_trial?.trial).toBe(2);
    expect(summary).toMatchObject({ status: 'succeeded', counts: { succeeded: 3, failed: 1 } });
    expect(seen).toEqual(['succeeded', 'running']); // ended inside the caller's transaction, unseen outside it until commit
  });

  it('keeps the sweep open, and its sweep.completed event unwritten, when the finishing transaction fails', async () => {
    const input = newSweep({ values: 1 });
    await sweeps.create(input);
    await move((await trialIds(input.id))[0]!, 'queued', 'succeeded');
    const store = new Store(db.pool, { schema: db.schema, defaultWebhookUrl: 'https://hooks.example/sweeps' });
    await expect(
      store.transaction(async (tx) => {
        const ended = await tx.sweeps.finishIfDone(input.id);
        expect(await tx.events.recordForSweep(ended!)).toMatch(/^msg_/);
        throw new Error('outbox down');
      }),
    ).rejects.toThrow('outbox down');
    expect((await sweeps.get(input.id))!.status).toBe('running');
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM ${db.t.webhook_events}`)).rows[0].n).toBe(0);
    expect((await sweeps.finishIfDone(input.id))?.status).toBe('succeeded'); // the next pass ends it
  });

  it('lists sweeps newest first with counts, filters by status and pages with a cursor', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await sweeps.create(newSweep({ name: `l${i}`, values: 3, extra: { max_parallel: 1 } }))).sweep.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await sweeps.list({ limit: 2, cursor });
      seen.push(...page.items.map((s) => s.id));
      expect(page.items.every((s) => s.counts.pending === 2 && s.counts.queued === 1)).toBe(true);
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
    expect((await sweeps.list({ status: 'canceled' })).items).toEqual([]);
  });
});
