import { randomUUID } from 'node:crypto';
import type { JobStatus } from '@jobgate/contracts';
import { ConflictError } from '@jobgate/errors';
import { freshDatabase, type FreshDatabase } from '../../../test/support/fresh-database';
import { newSweepInput as newSweep } from '../../../test/support/sweeps';
import { SweepRepository } from './sweep.repository';

describe('sweep trial release, cancel and finish (PostgreSQL)', () => {
  let db: FreshDatabase;
  let sweeps: SweepRepository;
  beforeEach(async () => {
    db = await freshDatabase();
    sweeps = new SweepRepository(db.pool, db.t);
  });
  afterEach(() => db.drop());

  const trialIds = async (sweepId: string) => (await sweeps.trials(sweepId, { limit: 1000 }))!.items.map((t) => t.id);
  const statuses = async (sweepId: string) => (await sweeps.trials(sweepId, { limit: 1000 }))!.items.map((t) => t.status);
  // Puts a trial in a status as a worker or the poller would; the trial must be in `from`.
  const move = async (id: string, from: JobStatus, to: JobStatus) => {
    const { rowCount } = await db.pool.query(`UPDATE ${db.t.jobs} SET status = $3, updated_at = now() WHERE id = $1 AND status = $2`, [id, from, to]);
    expect(rowCount).toBe(1);
  };
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
    expect(
      racing
        .flat()
        .map((r) => r.jobId)
        .sort(),
    ).toEqual(ids.slice(3, 5).sort());
    expect(await statuses(input.id)).toEqual(['succeeded', 'succeeded', 'running', 'queued', 'queued', 'pending', 'pending', 'pending', 'pending']);
  });

  it('names the running sweeps with pending trials, whose releases fill the free slots of each', async () => {
    const a = newSweep({ name: 'a', values: 4, extra: { max_parallel: 1 } });
    const b = newSweep({ name: 'b', values: 4, extra: { max_parallel: 2 } });
    const full = newSweep({ name: 'full', values: 2, extra: { max_parallel: 2 } });
    const canceled = newSweep({ name: 'gone', values: 3, extra: { max_parallel: 1 } });
    for (const input of [a, b, full, canceled]) await sweeps.create(input);
    await db.pool.query(`UPDATE ${db.t.sweeps} SET status = 'canceling' WHERE id = $1`, [canceled.id]);
    // Oldest first; a sweep with every trial released, or one no longer running, has nothing to release.
    expect(await sweeps.withPendingTrials()).toEqual([a.id, b.id]);
    const releaseEach = async () => (await Promise.all((await sweeps.withPendingTrials()).map((id) => sweeps.releaseTrials(id)))).flat();
    expect(await releaseEach()).toEqual([]);
    await moveAll((await trialIds(a.id)).slice(0, 1), ['queued', 'failed']);
    await moveAll((await trialIds(b.id)).slice(0, 2), ['queued', 'canceled']);
    const released = await releaseEach();
    expect(released.map((r) => r.jobId).sort()).toEqual([...(await trialIds(a.id)).slice(1, 2), ...(await trialIds(b.id)).slice(2, 4)].sort());
    expect(await sweeps.withPendingTrials()).toEqual([a.id]); // b has released its last trials
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
    // A finish pass: every open sweep, each ended at most once.
    const finishOpen = async () => {
      const ended = await Promise.all((await sweeps.open()).map((id) => sweeps.finishIfDone(id)));
      return ended.filter((s) => s !== null);
    };
    const [g1, g2] = await trialIds(good.id);
    await move(g1!, 'queued', 'failed');
    expect(await finishOpen()).toEqual([]);
    expect(await sweeps.open()).toEqual([good.id, bad.id]);
    await move(g2!, 'queued', 'succeeded');
    await moveAll(await trialIds(bad.id), ['queued', 'failed']);
    const ended = await finishOpen();
    expect(Object.fromEntries(ended.map((s) => [s.id, s.status]))).toEqual({ [good.id]: 'succeeded', [bad.id]: 'failed' });
    expect(await sweeps.open()).toEqual([]);
    expect(await finishOpen()).toEqual([]);
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
