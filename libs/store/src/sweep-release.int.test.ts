import { randomUUID } from 'node:crypto';
import type { JobStatus } from '@jobgate/contracts';
import { ConflictError } from '@jobgate/errors';
import { freshDatabase, type FreshDatabase } from '../../../test/support/fresh-database';
import { newSweepInput as newSweep } from '../../../test/support/sweeps';
import { JobRepository } from './job.repository';
import { SweepRepository } from './sweep.repository';

describe('sweep trial release, cancel and finish (PostgreSQL)', () => {
  let db: FreshDatabase;
  let sweeps: SweepRepository;
  let jobs: JobRepository;
  beforeEach(async () => {
    db = await freshDatabase();
    sweeps = new SweepRepository(db.pool);
    jobs = new JobRepository(db.pool);
  });
  afterEach(() => db.drop());

  const trialIds = async (sweepId: string) => (await sweeps.get(sweepId))!.trials.map((t) => t.id);
  const statuses = async (sweepId: string) => (await sweeps.get(sweepId))!.trials.map((t) => t.status);
  const move = (id: string, from: JobStatus, to: JobStatus) => jobs.transition(id, { from: [from], to });
  const moveAll = async (ids: string[], path: JobStatus[]) => {
    for (const id of ids) for (let i = 1; i < path.length; i++) await move(id, path[i - 1]!, path[i]!);
  };

  it('releases in trial order, never more than max_parallel active at once, also when releases race', async () => {
    const input = newSweep({ values: 9, extra: { max_parallel: 3 } });
    const { released } = await sweeps.create(input);
    const ids = await trialIds(input.id);
    expect(released.map((r) => r.jobId)).toEqual(ids.slice(0, 3));
    expect(await sweeps.releaseTrials(input.id)).toEqual([]);
    await moveAll(ids.slice(0, 3), ['queued', 'submitting', 'submitted', 'running']);
    expect(await sweeps.releaseTrials(input.id)).toEqual([]); // running trials hold their slots
    await moveAll(ids.slice(0, 2), ['running', 'succeeded']);
    const racing = await Promise.all(Array.from({ length: 6 }, () => sweeps.releaseTrials(input.id)));
    expect(racing.flat().map((r) => r.jobId).sort()).toEqual(ids.slice(3, 5).sort());
    expect(await statuses(input.id)).toEqual(['succeeded', 'succeeded', 'running', 'queued', 'queued', 'pending', 'pending', 'pending', 'pending']);
  });

  it('releaseAll releases free slots of every running sweep', async () => {
    const a = newSweep({ name: 'a', values: 4, extra: { max_parallel: 1 } });
    const b = newSweep({ name: 'b', values: 4, extra: { max_parallel: 2 } });
    await sweeps.create(a);
    await sweeps.create(b);
    expect(await sweeps.releaseAll()).toEqual([]);
    await moveAll((await trialIds(a.id)).slice(0, 1), ['queued', 'failed']);
    await moveAll((await trialIds(b.id)).slice(0, 2), ['queued', 'canceled']);
    const released = await sweeps.releaseAll();
    expect(released.map((r) => r.jobId).sort()).toEqual([...(await trialIds(a.id)).slice(1, 2), ...(await trialIds(b.id)).slice(2, 4)].sort());
  });

  it('stops releasing once more trials failed than max_failed_trials, skips the rest and ends the sweep failed', async () => {
    const input = newSweep({ values: 5, extra: { max_parallel: 2, max_failed_trials: 1 } });
    await sweeps.create(input);
    const ids = await trialIds(input.id);
    await move(ids[0]!, 'queued', 'failed');
    expect((await sweeps.releaseTrials(input.id)).map((r) => r.jobId)).toEqual([ids[2]]); // one failure is within budget
    await move(ids[1]!, 'queued', 'failed');
    expect(await sweeps.releaseTrials(input.id)).toEqual([]);
    expect(await sweeps.finishIfDone(input.id)).toBeNull(); // trial 3 is still queued
    expect(await statuses(input.id)).toEqual(['failed', 'failed', 'queued', 'canceled', 'canceled']);
    await move(ids[2]!, 'queued', 'succeeded');
    const summary = await sweeps.finishIfDone(input.id);
    expect(summary).toMatchObject({ status: 'failed', counts: { failed: 2, succeeded: 1, canceled: 2, pending: 0 } });
    expect(summary!.finished_at).not.toBeNull();
    expect(await sweeps.finishIfDone(input.id)).toBeNull(); // reported once
  });

  it('ends a sweep succeeded when a trial succeeded within budget, failed when none did', async () => {
    const good = newSweep({ name: 'good', values: 2, extra: { max_parallel: 2 } });
    const bad = newSweep({ name: 'bad', values: 2, extra: { max_parallel: 2 } });
    await sweeps.create(good);
    await sweeps.create(bad);
    const [g1, g2] = await trialIds(good.id);
    await move(g1!, 'queued', 'failed');
    expect(await sweeps.finishAllDone()).toEqual([]);
    await move(g2!, 'queued', 'succeeded');
    await moveAll(await trialIds(bad.id), ['queued', 'failed']);
    const ended = await sweeps.finishAllDone();
    expect(Object.fromEntries(ended.map((s) => [s.id, s.status]))).toEqual({ [good.id]: 'succeeded', [bad.id]: 'failed' });
    expect(await sweeps.finishAllDone()).toEqual([]);
  });

  it('cancels pending and queued trials in PostgreSQL and names the ones that need a stop call', async () => {
    const input = newSweep({ values: 6, extra: { max_parallel: 3 } });
    await sweeps.create(input);
    const ids = await trialIds(input.id);
    await moveAll([ids[0]!], ['queued', 'submitting', 'submitted', 'running']);
    await move(ids[1]!, 'queued', 'submitting');
    const result = await sweeps.cancel(input.id);
    expect(result).toEqual({ dequeued: [ids[2]], needStop: [ids[0], ids[1]] });
    expect(await statuses(input.id)).toEqual(['running', 'submitting', 'canceled', 'canceled', 'canceled', 'canceled']);
    expect((await sweeps.get(input.id))!.status).toBe('canceling');
    expect(await sweeps.releaseTrials(input.id)).toEqual([]);
    expect(await sweeps.cancel(input.id)).toEqual({ dequeued: [], needStop: [ids[0], ids[1]] }); // repeatable
    expect(await sweeps.finishIfDone(input.id)).toBeNull();
    await move(ids[0]!, 'running', 'canceled');
    await move(ids[1]!, 'submitting', 'failed');
    expect(await sweeps.finishIfDone(input.id)).toMatchObject({ status: 'canceled', counts: { canceled: 5, failed: 1 } });
    await expect(sweeps.cancel(input.id)).resolves.toEqual({ dequeued: [], needStop: [] });
    expect(await sweeps.cancel(randomUUID())).toBeNull();
  });

  it('refuses to cancel a sweep that already ended', async () => {
    const input = newSweep({ values: 1 });
    await sweeps.create(input);
    await move((await trialIds(input.id))[0]!, 'queued', 'succeeded');
    await sweeps.finishIfDone(input.id);
    await expect(sweeps.cancel(input.id)).rejects.toThrow(ConflictError);
  });
});
