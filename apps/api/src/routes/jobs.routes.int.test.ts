import request from 'supertest';
import type { Express } from 'express';
import { Lifecycle } from '@jobgate/lifecycle';
import { createLogger } from '@jobgate/logging';
import { createRedis, JobgateQueues } from '@jobgate/queues';
import { Store } from '@jobgate/store';
import { buildApp } from '../app';
import { freshDatabase, type FreshDatabase } from '../../../../test/support/fresh-database';
import { sampleJob, seedSamples } from '../../../../test/support/seed-samples';
import { testServices, uniqueName } from '../../../../test/support/services';

const KEY = 'test-key-0123456789abcdef';
const auth = { Authorization: `Bearer ${KEY}` };
const logger = createLogger({ level: 'silent' });

describe('jobs API (real PostgreSQL and Redis)', () => {
  let db: FreshDatabase;
  let queues: JobgateQueues;
  let app: Express;
  let lifecycle: Lifecycle;
  const redis = createRedis({ url: testServices().redisUrl, role: 'producer' });

  beforeEach(async () => {
    db = await freshDatabase();
    queues = new JobgateQueues({ connection: redis, prefix: uniqueName('q') });
    lifecycle = new Lifecycle({ store: new Store(db.pool, { schema: db.schema }), queues, logger });
    app = buildApp({ auth: { apiKeys: [KEY, 'second-rotated-key-000000'], disabled: false }, lifecycle, logger });
  });
  afterEach(async () => {
    await queues.submit.obliterate({ force: true });
    await queues.close();
    await db.drop();
  });
  afterAll(() => redis.quit());

  it('accepts each of the seed page samples: 202, Location, record stored and waiting; admission enqueues it under the record id', async () => {
    const ids: string[] = [];
    for (const [i, sample] of seedSamples().entries()) {
      const priority = i % 2 ? i : undefined;
      const res = await request(app)
        .post('/v1/jobs')
        .set(auth)
        .send({ training_job: sample, labels: { team: 'vision' }, priority });
      expect(res.status).toBe(202);
      expect(res.headers.location).toBe(`/v1/jobs/${res.body.id}`);
      expect(res.body).toMatchObject({
        status: 'queued',
        job_name: sample.job_name,
        training_job: sample,
        labels: { team: 'vision' },
        priority: priority ?? 0,
        modelarts: null,
        attempts: 0,
        error: null,
        sweep_id: null,
      });
      // It waits in PostgreSQL for its turn: intake queues nothing.
      expect(await queues.submit.getJob(res.body.id)).toBeUndefined();
      const read = await request(app).get(res.headers.location).set(auth);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(res.body);
      ids.push(res.body.id);
    }
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM ${db.t.outbox}`)).rows[0].n).toBe(0);
    expect(await lifecycle.dispatchSystem({ maxActive: 100, window: 100, policy: 'fair' }).dispatch()).toBe(ids.length);
    for (const id of ids) expect((await queues.submit.getJob(id))?.data.jobId).toBe(id);
    // Each admission's submit entry was published right after its commit and forgotten.
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM ${db.t.outbox}`)).rows[0].n).toBe(0);
  });

  it('rejects missing and wrong keys with 401 problem+json, accepts any configured key', async () => {
    const none = await request(app).get('/v1/jobs');
    expect(none.status).toBe(401);
    expect(none.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(none.body.code).toBe('missing_api_key');
    const wrong = await request(app).get('/v1/jobs').set({ Authorization: 'Bearer nope-nope-nope-nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('invalid_api_key');
    expect((await request(app).get('/v1/jobs').set({ Authorization: 'Bearer second-rotated-key-000000' })).status).toBe(200);
  });

  it('answers bad input with a field-level 400 and stores nothing', async () => {
    const bad = { job_name: 'bad name!', config: { worker_server_num: 0, app_url: '/usr/app/', data_url: '/d/', spec_id: 'x' } };
    const res = await request(app).post('/v1/jobs').set(auth).send({ training_job: bad });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'training_job.job_name',
        'training_job.config.worker_server_num',
        'training_job.config.boot_file_url',
        'training_job.config.spec_id',
      ]),
    );
    expect((await request(app).get('/v1/jobs').set(auth)).body.items).toEqual([]);
  });

  it('gives malformed JSON a 400, an oversized body a 413, a non-JSON body a 415, an unknown route a 404, all as problems', async () => {
    const malformed = await request(app).post('/v1/jobs').set(auth).set('Content-Type', 'application/json').send('{"training_job": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('malformed_json');
    const huge = await request(app)
      .post('/v1/jobs')
      .set(auth)
      .send({ training_job: { ...sampleJob('big'), job_desc: 'x'.repeat(1_100_000) } });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('body_too_large');
    const text = await request(app).post('/v1/jobs').set(auth).set('Content-Type', 'text/plain').send('hello');
    expect(text.status).toBe(415);
    const unknown = await request(app).get('/v1/nothing-here').set(auth);
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    const noJob = await request(app).get('/v1/jobs/00000000-0000-4000-8000-000000000000').set(auth);
    expect(noJob.status).toBe(404);
    expect((await request(app).get('/v1/jobs/not-a-uuid').set(auth)).status).toBe(404);
  });

  it('replays an Idempotency-Key with the same body, 422 with another body, 409 for a live job_name', async () => {
    const body = { training_job: sampleJob('idem-1') };
    const first = await request(app).post('/v1/jobs').set(auth).set('Idempotency-Key', 'abc-1').send(body);
    expect(first.status).toBe(202);
    // Same JSON value, different key order: still the same request.
    const reordered = { training_job: { config: body.training_job.config, job_name: 'idem-1' } };
    const again = await request(app).post('/v1/jobs').set(auth).set('Idempotency-Key', 'abc-1').send(reordered);
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const different = await request(app)
      .post('/v1/jobs')
      .set(auth)
      .set('Idempotency-Key', 'abc-1')
      .send({ training_job: sampleJob('idem-2') });
    expect(different.status).toBe(422);
    const taken = await request(app).post('/v1/jobs').set(auth).send(body);
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('job_name_taken');
    expect((await request(app).get('/v1/jobs').set(auth)).body.items).toHaveLength(1);
    expect(await lifecycle.dispatchSystem({ maxActive: 100, window: 100, policy: 'fair' }).dispatch()).toBe(1);
    expect(await queues.submit.getJobCounts('waiting')).toEqual({ waiting: 1 });
  });

  it('lists newest first, filters by status and label, and pages with a cursor', async () => {
    for (let i = 0; i < 5; i++) {
      await request(app)
        .post('/v1/jobs')
        .set(auth)
        .send({ training_job: sampleJob(`list-${i}`), labels: { parity: i % 2 ? 'odd' : 'even' } })
        .expect(202);
      await new Promise((r) => setTimeout(r, 2)); // created_at has millisecond resolution; same-ms jobs order by id
    }
    const page1 = await request(app).get('/v1/jobs?limit=2').set(auth);
    expect(page1.body.items.map((j: { job_name: string }) => j.job_name)).toEqual(['list-4', 'list-3']);
    const page2 = await request(app).get(`/v1/jobs?limit=2&cursor=${page1.body.next_cursor}`).set(auth);
    expect(page2.body.items.map((j: { job_name: string }) => j.job_name)).toEqual(['list-2', 'list-1']);
    const odd = await request(app).get('/v1/jobs?label=parity:odd&status=queued').set(auth);
    expect(odd.body.items.map((j: { job_name: string }) => j.job_name)).toEqual(['list-3', 'list-1']);
    const bad = await request(app).get('/v1/jobs?status=nope&limit=0&label=novalue&color=red').set(auth);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['query.color', 'query.label', 'query.limit', 'query.status']);
    expect((await request(app).get('/v1/jobs?cursor=bogus').set(auth)).status).toBe(400);
  });

  it('answers 503 and stores nothing when Redis refuses the job', async () => {
    const deadRedis = createRedis({ url: 'redis://127.0.0.1:1', role: 'producer' });
    const deadQueues = new JobgateQueues({ connection: deadRedis, prefix: uniqueName('q') });
    const store = new Store(db.pool, { schema: db.schema });
    const deadApp = buildApp({ auth: { apiKeys: [KEY], disabled: false }, lifecycle: new Lifecycle({ store, queues: deadQueues, logger }), logger });
    const res = await request(deadApp)
      .post('/v1/jobs')
      .set(auth)
      .send({ training_job: sampleJob('no-redis') });
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect((await store.jobs.list()).items).toEqual([]);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM ${db.t.outbox}`)).rows[0].n).toBe(0);
    await deadQueues.close().catch(() => undefined);
    deadRedis.disconnect();
  });
});
