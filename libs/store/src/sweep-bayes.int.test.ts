import { randomUUID } from 'node:crypto';
import { planSweep, proposeTrial, randomTrials, validateCreateSweepRequest, type TpeObservation } from '@jobgate/contracts';
import { freshDatabase, type FreshDatabase } from '../../../test/support/fresh-database';
import type { NewSweep } from './sweep-insert';
import { SweepRepository } from './sweep.repository';

const PARAMETERS = { x1: { min: -5, max: 10 }, x2: { min: 0, max: 15 } };

function branin(v: Record<string, string>): number {
  const [x1, x2] = [Number(v.x1), Number(v.x2)];
  return (x2 - (5.1 / (4 * Math.PI ** 2)) * x1 ** 2 + (5 / Math.PI) * x1 - 6) ** 2 + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x1) + 10;
}

function bayesSweep(maxTrials: number, maxParallel: number): NewSweep {
  const id = randomUUID();
  const checked = validateCreateSweepRequest({
    name: 'bayes',
    method: 'bayes',
    max_trials: maxTrials,
    max_parallel: maxParallel,
    seed: 99,
    objective: { metric: 'loss', goal: 'minimize' },
    template: {
      training_job: {
        job_name: 'tpe',
        config: { worker_server_num: 1, data_url: '/d/', spec_id: 1, model_id: 1, parameter: [{ label: 'epochs', value: '3' }] },
      },
    },
    parameters: PARAMETERS,
  });
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  const planned = planSweep(checked.value, { sweepId: id, seed: 99 });
  if (!planned.ok) throw new Error(JSON.stringify(planned.issues));
  return { id, request: checked.value, trials: planned.value, seed: 99 };
}

describe('bayes sweeps: trials planned at release from the results so far (PostgreSQL)', () => {
  let db: FreshDatabase;
  let sweeps: SweepRepository;
  beforeEach(async () => {
    db = await freshDatabase();
    sweeps = new SweepRepository(db.pool, db.t);
  });
  afterEach(() => db.drop());

  it('releases the random start-up trials, then TPE proposals from finished trials in trial order', async () => {
    const input = bayesSweep(16, 2);
    await sweeps.create(input);
    const observations: TpeObservation[] = [];
    for (let round = 0; round < 8; round++) {
      // The queued trials run to the end and report their final loss, in trial order.
      const { rows } = await db.pool.query<{
        id: string;
        sweep_trial: number;
        sweep_parameters: Record<string, string>;
        training_job: { config: { parameter: { label: string; value: string }[] } };
      }>(`SELECT id, sweep_trial, sweep_parameters, training_job FROM ${db.t.jobs} WHERE sweep_id = $1 AND status = 'queued' ORDER BY sweep_trial`, [input.id]);
      expect(rows.length).toBe(2); // max_parallel: proposals wait for results
      for (const row of rows) {
        const expected = proposeTrial(PARAMETERS, observations, { seed: 99, index: row.sweep_trial - 1, goal: 'minimize' });
        expect(row.sweep_parameters).toEqual(expected);
        expect(row.training_job.config.parameter).toEqual([
          { label: 'epochs', value: '3' },
          { label: 'x1', value: expected.x1 },
          { label: 'x2', value: expected.x2 },
        ]);
        if (row.sweep_trial <= 10) expect(row.sweep_parameters).toEqual(randomTrials(PARAMETERS, 16, 99)[row.sweep_trial - 1]);
        else expect(row.sweep_parameters).not.toEqual(randomTrials(PARAMETERS, 16, 99)[row.sweep_trial - 1]);
      }
      for (const row of rows) {
        const loss = branin(row.sweep_parameters);
        await db.pool.query(`UPDATE ${db.t.jobs} SET status = 'succeeded', metrics = $2 WHERE id = $1`, [row.id, JSON.stringify({ loss })]);
        observations.push({ parameters: row.sweep_parameters, value: loss });
      }
      await sweeps.releaseTrials(input.id);
    }
    expect((await sweeps.get(input.id))!.counts.succeeded).toBe(16);
  });
});
