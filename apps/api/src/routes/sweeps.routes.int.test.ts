import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { Express } from 'express';
import { MAX_SWEEP_PLANNED_BYTES, type JobStatus } from '@jobgate/contracts';
import { createRedis, JobgateQueues } from '@jobgate/queues';
import { dispatchOnce } from '../../../../test/support/dispatch';
import { freshDatabase, type FreshDatabase } from '../../../../test/support/fresh-database';
import { sampleJob } from '../../../../test/support/seed-samples';
import { testServices, uniqueName } from '../../../../test/support/services';
import { gridSweepBody as gridSweep, sweepApp, testAuth as auth } from '../../../../test/support/sweeps';

describe('sweeps API (real PostgreSQL and Redis)', () => {
  let db: FreshDatabase;
  let queues: JobgateQueues;
  let app: Express;
  const redis = createRedis({ url: testServices().redisUrl, role: 'producer' });

  beforeEach(async () => {
    db = await freshDatabase();
    queues = new JobgateQueues({ connection: redis, prefix: uniqueName('q') });
    app = sweepApp(db, queues);
  });
  afterEach(async () => {
    for (const queue of queues.all()) await queue.obliterate({ force: true });
    await queues.close();
    await db.drop();
  });
  afterAll(() => redis.quit());

  /** Puts a trial where a worker and the poller would have taken it; the trial must be in `from`. */
  async function move(id: string, from: JobStatus, to: JobStatus, columns = '') {
    const { rowCount } = await db.pool.query(`UPDATE ${db.t.jobs} SET status = $3${columns}, updated_at = now() WHERE id = $1 AND status = $2`, [id, from, to]);
    expect(rowCount).toBe(1);
  }

  it('accepts a grid sweep: 202, Location, 12 trials stored, the first max_parallel released to wait for admission, which enqueues them under their job ids', async () => {
    const res = await request(app).post('/v1/sweeps').set(auth).send(gridSweep('grid'));
    expect(res.status).toBe(202);
    expect(res.headers.location).toBe(`/v1/sweeps/${res.body.id}`);
    expect(res.body).toMatchObject({
      name: 'grid search',
      status: 'running',
      method: 'grid',
      priority: 0,
      trial_count: 12,
      max_parallel: 2,
      max_failed_trials: null,
      seed: null,
      objective: null,
    });
    expect(res.body.counts).toMatchObject({ pending: 10, queued: 2 });
    const detail = (await request(app).get(res.headers.location).set(auth).expect(200)).body;
    expect(detail.trials).toBeUndefined(); // paged at /trials
    expect(detail.counts).toMatchObject({ pending: 10, queued: 2 });
    detail.trials = (await request(app).get(`${res.headers.location}/trials?limit=1000`).set(auth).expect(200)).body.items;
    expect(detail.trials).toHaveLength(12);
    expect(detail.trials[0]).toMatchObject({ trial: 1, job_name: 'grid-1', parameters: { lr: '0.1', batch: '16' }, status: 'queued', metrics: null });
    expect(detail.trials[11]).toMatchObject({ trial: 12, job_name: 'grid-12', parameters: { lr: '0.001', batch: '64' }, status: 'pending' });
    expect(detail.best_trial).toBeNull();
    expect(await queues.submit.getJobs(['waiting'])).toEqual([]); // released trials wait in PostgreSQL
    expect(await dispatchOnce(db, queues)).toBe(2); // the pending ones are not for the dispatcher
    expect((await queues.submit.getJobs(['waiting'])).map((j) => j.id).sort()).toEqual([detail.trials[0].id, detail.trials[1].id].sort());
    const job = (await request(app).get(`/v1/jobs/${detail.trials[4].id}`).set(auth)).body;
    expect(job.training_job.config.parameter).toEqual([
      { label: 'lr', value: '0.01' },
      { label: 'batch', value: '16' },
    ]);
    expect(job.labels).toEqual({ team: 'vision', sweep_id: res.body.id, trial: '5' });
    const listed = await request(app).get(`/v1/jobs?sweep_id=${res.body.id}&limit=200`).set(auth);
    expect(listed.body.items).toHaveLength(12);
  });

  it('answers every bad field with a 400 problem naming its path, and stores nothing', async () => {
    const bad = gridSweep('bad', { method: 'grid', parameters: { lr: { min: 1, max: 0.1 }, '9x': { values: [] } }, max_parallel: 0, extra: 1 });
    bad.template.training_job = { ...bad.template.training_job, job_name: 'bad name' };
    const res = await request(app).post('/v1/sweeps').set(auth).send(bad);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'extra',
      'max_parallel',
      'parameters.lr.max',
      'parameters.lr.step',
      'parameters["9x"]',
      'template.training_job.job_name',
    ]);
    const big = await request(app)
      .post('/v1/sweeps')
      .set(auth)
      .send(gridSweep('big', { max_trials: 10 }));
    expect(big.status).toBe(400);
    expect(big.body.errors).toEqual([{ path: 'parameters', message: 'grid has 3×4 = 12 trials, more than max_trials 10' }]);
    const long = await request(app)
      .post('/v1/sweeps')
      .set(auth)
      .send(gridSweep('n'.repeat(62)));
    expect(long.body.errors).toEqual([{ path: 'template.training_job.job_name', message: expect.stringMatching(/^leaves no room for the trial suffix/) }]);
    expect((await request(app).get('/v1/sweeps').set(auth)).body.items).toEqual([]);
    expect((await request(app).get('/v1/jobs').set(auth)).body.items).toEqual([]);
  });

  it('refuses a sweep of 10,000 copies of a ~900 KB template at once, naming the limit, while /healthz keeps answering within 100 ms', async () => {
    const body = gridSweep('huge', { method: 'random', max_trials: 10_000, parameters: { lr: { min: 0.001, max: 1 } } });
    body.template.training_job.config.parameter = Array.from({ length: 220 }, (_, i) => ({ label: `p${i}`, value: 'x'.repeat(4_000) }));
    const server = app.listen(0);
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const healthLatencies: number[] = [];
      let posting = true;
      const probe = (async () => {
        while (posting) {
          const started = performance.now();
          expect((await fetch(`${base}/healthz`)).status).toBe(200);
          healthLatencies.push(performance.now() - started);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })();
      const started = performance.now();
      const res = await fetch(`${base}/v1/sweeps`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const tookMs = performance.now() - started;
      posting = false;
      await probe;
      expect(res.status).toBe(400);
      const problem = (await res.json()) as { errors: { path: string; message: string }[] };
      expect(problem.errors).toEqual([
        { path: 'template', message: expect.stringContaining(`more than the limit of ${MAX_SWEEP_PLANNED_BYTES} bytes per sweep`) },
      ]);
      expect(tookMs).toBeLessThan(1_000);
      expect(healthLatencies.length).toBeGreaterThan(0);
      expect(Math.max(...healthLatencies)).toBeLessThan(100);
    } finally {
      server.close();
    }
    expect((await request(app).get('/v1/sweeps').set(auth)).body.items).toEqual([]);
  });

  it('pages trials at /v1/sweeps/{id}/trials in trial order; the sweep itself carries counts and no trials', async () => {
    const created = (await request(app).post('/v1/sweeps').set(auth).send(gridSweep('paged')).expect(202)).body;
    const first = await request(app).get(`/v1/sweeps/${created.id}/trials?limit=5`).set(auth).expect(200);
    expect(first.body.items.map((t: { trial: number }) => t.trial)).toEqual([1, 2, 3, 4, 5]);
    const second = await request(app).get(`/v1/sweeps/${created.id}/trials?limit=5&cursor=${first.body.next_cursor}`).set(auth).expect(200);
    const third = await request(app).get(`/v1/sweeps/${created.id}/trials?limit=5&cursor=${second.body.next_cursor}`).set(auth).expect(200);
    expect(second.body.items.map((t: { trial: number }) => t.trial)).toEqual([6, 7, 8, 9, 10]);
    expect(third.body).toMatchObject({ items: [{ trial: 11 }, { trial: 12 }], next_cursor: null });
    const bad = await request(app).get(`/v1/sweeps/${created.id}/trials?limit=1001&cursor=nope&x=1`).set(auth).expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['query.limit', 'query.x']);
    expect((await request(app).get(`/v1/sweeps/${created.id}/trials?cursor=nope`).set(auth)).status).toBe(400);
    expect((await request(app).get('/v1/sweeps/00000000-0000-4000-8000-000000000000/trials').set(auth)).status).toBe(404);
  });

  it('answers a body of 40,000 invalid values with the first 100 and their total', async () => {
    const body = { ...gridSweep('many'), extra: Array.from({ length: 40_000 }, () => 'nul\u0000') };
    const res = await request(app).post('/v1/sweeps').set(auth).send(body).expect(400);
    expect(res.body.errors).toHaveLength(100);
    expect(res.body.error_count).toBe(40_000);
    expect(res.body.detail).toMatch(/^40000 invalid fields \(the first 100 listed\): extra\[0\] must not contain/);
  });

  it('stores the seed it chose for a random sweep, and the same seed gives the same trials', async () => {
    const random = (name: string, seed?: number) => ({
      name,
      template: { training_job: sampleJob(name) },
      method: 'random',
      max_trials: 20,
      seed,
      parameters: { lr: { min: 1e-4, max: 1, distribution: 'log_uniform' }, layers: { min: 1, max: 6, distribution: 'int_uniform' } },
    });
    const chosen = await request(app).post('/v1/sweeps').set(auth).send(random('r1')).expect(202);
    expect(chosen.body.seed).toBe(12345);
    const again = await request(app).post('/v1/sweeps').set(auth).send(random('r2', 12345)).expect(202);
    const params = async (id: string) =>
      (await request(app).get(`/v1/sweeps/${id}/trials?limit=1000`).set(auth)).body.items.map((t: { parameters: unknown }) => t.parameters);
    expect(await params(again.body.id)).toEqual(await params(chosen.body.id));
  });

  it('refuses a sweep whose trial names are taken by live jobs with 409', async () => {
    await request(app)
      .post('/v1/jobs')
      .set(auth)
      .send({ training_job: sampleJob('taken-3') })
      .expect(202);
    const res = await request(app).post('/v1/sweeps').set(auth).send(gridSweep('taken'));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('job_name_taken');
  });

  it('cancels: pending and queued trials end in PostgreSQL and are never admitted, running ones get a stop request', async () => {
    const created = (
      await request(app)
        .post('/v1/sweeps')
        .set(auth)
        .send(gridSweep('cancel', { max_parallel: 3 }))
        .expect(202)
    ).body;
    const trials = (await request(app).get(`/v1/sweeps/${created.id}/trials`).set(auth)).body.items.map((t: { id: string }) => t.id);
    await move(trials[0], 'queued', 'running', ", modelarts_job_id = 'ma-1', modelarts_version_id = 'v-1', modelarts_status = 8");
    const res = await request(app).post(`/v1/sweeps/${created.id}/cancel`).set(auth);
    expect(res.status).toBe(202);
    // The running trial is stopped like a canceled job: `canceling` until ModelArts confirms.
    expect(res.body).toMatchObject({ status: 'canceling', counts: { canceling: 1, running: 0, canceled: 11, pending: 0, queued: 0 } });
    expect(res.body.trials).toBeUndefined();
    expect((await queues.cancel.getJobs(['waiting'])).map((j) => j.data)).toEqual([{ jobId: trials[0], requestId: res.headers['x-request-id'] }]);
    // Trials 2 and 3 waited for admission: the dispatcher has nothing left to hand a worker.
    expect(await dispatchOnce(db, queues)).toBe(0);
    expect(await queues.submit.getJobs(['waiting'])).toEqual([]);
    await move(trials[0], 'canceling', 'canceled');
    const done = await request(app).post(`/v1/sweeps/${created.id}/cancel`).set(auth);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'canceled', counts: { canceled: 12 } });
    expect(done.body.finished_at).not.toBeNull();
    expect((await request(app).post('/v1/sweeps/00000000-0000-4000-8000-000000000000/cancel').set(auth)).status).toBe(404);
    expect((await request(app).post('/v1/sweeps/nope/cancel').set(auth)).status).toBe(404);
  });

  it('lists sweeps newest first with a cursor and refuses a bad query', async () => {
    for (const name of ['l0', 'l1', 'l2']) await request(app).post('/v1/sweeps').set(auth).send(gridSweep(name)).expect(202);
    const page1 = await request(app).get('/v1/sweeps?limit=2').set(auth);
    expect(page1.body.items.map((s: { name: string }) => s.name)).toEqual(['l2 search', 'l1 search']);
    const page2 = await request(app).get(`/v1/sweeps?limit=2&cursor=${page1.body.next_cursor}`).set(auth);
    expect(page2.body).toMatchObject({ items: [{ name: 'l0 search' }], next_cursor: null });
    expect((await request(app).get('/v1/sweeps?status=running').set(auth)).body.items).toHaveLength(3);
    const bad = await request(app).get('/v1/sweeps?status=done&limit=500&color=red').set(auth);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['query.color', 'query.limit', 'query.status']);
    expect((await request(app).get('/v1/sweeps/00000000-0000-4000-8000-000000000000').set(auth)).status).toBe(404);
  });

  it('answers 503 and stores nothing when Redis is away', async () => {
    const deadRedis = createRedis({ url: 'redis://127.0.0.1:1', role: 'producer' });
    const deadQueues = new JobgateQueues({ connection: deadRedis, prefix: uniqueName('q') });
    const res = await request(sweepApp(db, deadQueues)).post('/v1/sweeps').set(auth).send(gridSweep('no-redis'));
    expect(res.status).toBe(503);
    expect((await request(app).get('/v1/sweeps').set(auth)).body.items).toEqual([]);
    await deadQueues.close().catch(() => undefined);
    deadRedis.disconnect();
  });
});
