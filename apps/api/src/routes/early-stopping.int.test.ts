import request from 'supertest';
import { gridSweepBody, testAuth as auth, useSweepApp } from '../../../../test/support/sweeps';

describe('median stopping of sweep trials (real PostgreSQL and Redis)', () => {
  const t = useSweepApp();

  // As the worker and the poller would have it: in ModelArts and running.
  const running = (id: string) =>
    t.db.pool.query(`UPDATE ${t.db.t.jobs} SET status = 'running', modelarts_job_id = $2, modelarts_version_id = 'v-1', modelarts_status = 8 WHERE id = $1`, [
      id,
      `ma-${id.slice(0, 8)}`,
    ]);

  it('stops a running trial worse than the median at a step through a ModelArts stop, counted apart from failures', async () => {
    const body = gridSweepBody('median', {
      parameters: { lr: { values: [1, 2, 3, 4, 5] } },
      max_parallel: 5,
      reporting: true,
      objective: { metric: 'loss', goal: 'minimize' },
      early_stopping: { type: 'median', min_trials: 3, start_step: 2 },
    });
    const created = (await request(t.app).post('/v1/sweeps').set(auth).send(body).expect(202)).body;
    expect(created.early_stopping).toEqual({ type: 'median', min_trials: 3, start_step: 2 });
    const trials = ((await request(t.app).get(`/v1/sweeps/${created.id}/trials`).set(auth)).body.items as { id: string }[]).map((t) => t.id);
    for (const id of trials) await running(id);
    const report = (id: string, step: number, loss: number) =>
      request(t.app).post(`/v1/jobs/${id}/metrics`).set(auth).send({ step, metrics: { loss } }).expect(200);
    // Three good trials reach step 3 (running averages at step 2: 2, 3, 4 → median 3).
    for (const [i, offset] of [
      [0, 0],
      [1, 1],
      [2, 2],
    ] as const)
      for (let step = 0; step <= 3; step++) await report(trials[i]!, step, 3 - step + offset);
    // Trial 4 is bad but judged only from start_step 2; trial 5 is good.
    await report(trials[3]!, 0, 9);
    await report(trials[3]!, 1, 8);
    expect((await request(t.app).get(`/v1/jobs/${trials[3]}`).set(auth)).body.status).toBe('running');
    await report(trials[4]!, 0, 2);
    await report(trials[4]!, 1, 1.5);
    await report(trials[4]!, 2, 1);
    await report(trials[3]!, 2, 7.5); // best 7.5 > median 3: stopped
    const stopped = (await request(t.app).get(`/v1/jobs/${trials[3]}`).set(auth)).body;
    expect(stopped.status).toBe('canceling');
    const events = (await request(t.app).get(`/v1/jobs/${trials[3]}/events`).set(auth)).body.items as { to_status: string; reason: string }[];
    expect(events.at(-1)).toMatchObject({ to_status: 'canceling', reason: 'early_stopped' });
    expect((await t.queues.cancel.getJobs(['waiting'])).map((j) => j.data.jobId)).toEqual([trials[3]]);
    // Trial 5 stays: its best (1) beats the median.
    expect((await request(t.app).get(`/v1/jobs/${trials[4]}`).set(auth)).body.status).toBe('running');
    // A report after the stop changes nothing more.
    await report(trials[3]!, 3, 7);
    // Counted once ModelArts has confirmed the stop (as the poller records it), never before.
    expect((await request(t.app).get(`/v1/sweeps/${created.id}`).set(auth)).body.early_stopped).toBe(0);
    await t.db.pool.query(`UPDATE ${t.db.t.jobs} SET status = 'canceled' WHERE id = $1 AND status = 'canceling'`, [trials[3]]);
    const sweep = (await request(t.app).get(`/v1/sweeps/${created.id}`).set(auth)).body;
    expect(sweep.early_stopped).toBe(1);
    const paged = (await request(t.app).get(`/v1/sweeps/${created.id}/trials`).set(auth)).body.items;
    expect(paged.map((t: { early_stopped: boolean }) => t.early_stopped)).toEqual([false, false, false, true, false]);
    expect(sweep.counts.failed).toBe(0);
    expect((await request(t.app).get('/v1/sweeps').set(auth)).body.items[0]).toMatchObject({ id: created.id, early_stopped: 1 });
    // The curves the sweep page draws: every trial that reported, in trial order, points by step.
    const curves = (await request(t.app).get(`/v1/sweeps/${created.id}/curves`).set(auth).expect(200)).body;
    expect(curves.metric).toBe('loss');
    expect(curves.curves.map((c: { trial: number }) => c.trial)).toEqual([1, 2, 3, 4, 5]);
    expect(curves.curves[3]).toEqual({
      job_id: trials[3],
      trial: 4,
      points: [
        { step: 0, value: 9 },
        { step: 1, value: 8 },
        { step: 2, value: 7.5 },
        { step: 3, value: 7 },
      ],
    });
    expect((await request(t.app).get(`/v1/sweeps/${created.id}/curves?metric=acc`).set(auth)).body.curves).toEqual([]);
    expect((await request(t.app).get(`/v1/sweeps/${created.id}/curves?metric=a%20b`).set(auth)).status).toBe(400);
    expect((await request(t.app).get('/v1/sweeps/00000000-0000-4000-8000-000000000000/curves').set(auth)).status).toBe(404);
  });

  it('never stops trials of a sweep without early_stopping', async () => {
    const body = gridSweepBody('no-median', { parameters: { lr: { values: [1, 2, 3, 4] } }, max_parallel: 4, objective: { metric: 'loss', goal: 'minimize' } });
    const created = (await request(t.app).post('/v1/sweeps').set(auth).send(body).expect(202)).body;
    const trials = ((await request(t.app).get(`/v1/sweeps/${created.id}/trials`).set(auth)).body.items as { id: string }[]).map((t) => t.id);
    for (const id of trials) await running(id);
    for (const [i, id] of trials.entries())
      for (let step = 0; step <= 6; step++)
        await request(t.app)
          .post(`/v1/jobs/${id}/metrics`)
          .set(auth)
          .send({ step, metrics: { loss: i === 3 ? 100 : 1 } })
          .expect(200);
    expect((await request(t.app).get(`/v1/jobs/${trials[3]}`).set(auth)).body.status).toBe('running');
    expect(await t.queues.cancel.getJobs(['waiting'])).toEqual([]);
  });
});
