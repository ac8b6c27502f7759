import request from 'supertest';
import { sampleJob } from '../../../../test/support/seed-samples';
import { gridSweepBody as gridSweep, testAuth as auth, useSweepApp } from '../../../../test/support/sweeps';

describe('job metrics API (real PostgreSQL and Redis)', () => {
  const t = useSweepApp();

  it('takes final metrics for a job and names the best trial by the objective', async () => {
    const body = gridSweep('best', { parameters: { lr: { values: [1, 2, 3] } }, objective: { metric: 'accuracy', goal: 'maximize' } });
    const created = (await request(t.app).post('/v1/sweeps').set(auth).send(body).expect(202)).body;
    expect(created.objective).toEqual({ metric: 'accuracy', goal: 'maximize' });
    const trials = (await request(t.app).get(`/v1/sweeps/${created.id}/trials`).set(auth)).body.items.map((t: { id: string }) => t.id);
    const reported = await request(t.app)
      .post(`/v1/jobs/${trials[1]}/metrics`)
      .set(auth)
      .send({ metrics: { accuracy: 0.93, loss: 0.2 } });
    expect(reported.status).toBe(200);
    expect(reported.body).toEqual({ job_id: trials[1], step: null, metrics: { accuracy: 0.93, loss: 0.2 } });
    await request(t.app)
      .post(`/v1/jobs/${trials[0]}/metrics`)
      .set(auth)
      .send({ metrics: { accuracy: 0.9 } })
      .expect(200);
    expect((await request(t.app).get(`/v1/jobs/${trials[1]}/metrics`).set(auth)).body.metrics).toEqual({ accuracy: 0.93, loss: 0.2 });
    const detail = (await request(t.app).get(`/v1/sweeps/${created.id}`).set(auth)).body;
    expect(detail.best_trial).toMatchObject({ id: trials[1], trial: 2, parameters: { lr: '2' }, metrics: { accuracy: 0.93 } });
    const bad = await request(t.app)
      .post(`/v1/jobs/${trials[0]}/metrics`)
      .set(auth)
      .send({ metrics: { accuracy: 'high', 'a b': 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['metrics.accuracy', 'metrics["a b"]']);
    expect(
      (
        await request(t.app)
          .post('/v1/jobs/00000000-0000-4000-8000-000000000000/metrics')
          .set(auth)
          .send({ metrics: { a: 1 } })
      ).status,
    ).toBe(404);
  });

  it('stores metrics for any job, a second report replacing the first; 404 for an unknown job', async () => {
    const job = (
      await request(t.app)
        .post('/v1/jobs')
        .set(auth)
        .send({ training_job: sampleJob('single') })
        .expect(202)
    ).body;
    expect((await request(t.app).get(`/v1/jobs/${job.id}/metrics`).set(auth)).body).toEqual({ job_id: job.id, metrics: null, steps: [] });
    await request(t.app)
      .post(`/v1/jobs/${job.id}/metrics`)
      .set(auth)
      .send({ metrics: { loss: 0.5, acc: 0.7 } })
      .expect(200);
    const second = await request(t.app)
      .post(`/v1/jobs/${job.id}/metrics`)
      .set(auth)
      .send({ metrics: { loss: 0.4 } });
    expect(second.body).toEqual({ job_id: job.id, step: null, metrics: { loss: 0.4 } });
    expect((await request(t.app).get(`/v1/jobs/${job.id}`).set(auth)).body.status).toBe('queued'); // the job routes still answer
    expect((await request(t.app).get('/v1/jobs/00000000-0000-4000-8000-000000000000/metrics').set(auth)).status).toBe(404);
    expect(
      (
        await request(t.app)
          .post('/v1/jobs/not-a-uuid/metrics')
          .set(auth)
          .send({ metrics: { a: 1 } })
      ).status,
    ).toBe(404);
  });

  it('keeps a learning curve: one point per step, a step reported again replacing it, next to the final metrics', async () => {
    const job = (
      await request(t.app)
        .post('/v1/jobs')
        .set(auth)
        .send({ training_job: sampleJob('curve') })
        .expect(202)
    ).body;
    const step = (n: number, metrics: Record<string, number>) => request(t.app).post(`/v1/jobs/${job.id}/metrics`).set(auth).send({ step: n, metrics });
    expect((await step(2, { loss: 0.8 })).body).toEqual({ job_id: job.id, step: 2, metrics: { loss: 0.8 } });
    await step(0, { loss: 2.5, acc: 0.1 }).expect(200);
    await step(1, { loss: 1.2 }).expect(200);
    await step(1, { loss: 1.1 }).expect(200); // a retried or corrected report of step 1
    await step(1, { loss: 1.1 }).expect(200);
    await request(t.app)
      .post(`/v1/jobs/${job.id}/metrics`)
      .set(auth)
      .send({ metrics: { loss: 0.7 } })
      .expect(200);
    expect((await request(t.app).get(`/v1/jobs/${job.id}/metrics`).set(auth)).body).toEqual({
      job_id: job.id,
      metrics: { loss: 0.7 },
      steps: [
        { step: 0, metrics: { loss: 2.5, acc: 0.1 } },
        { step: 1, metrics: { loss: 1.1 } },
        { step: 2, metrics: { loss: 0.8 } },
      ],
    });
    for (const bad of [-1, 1.5, '3', 1e10]) {
      const res = await step(bad as number, { loss: 1 });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['step']);
    }
    expect(
      (
        await request(t.app)
          .post('/v1/jobs/00000000-0000-4000-8000-000000000000/metrics')
          .set(auth)
          .send({ step: 1, metrics: { a: 1 } })
      ).status,
    ).toBe(404);
  });
});
