import request from 'supertest';
import type { Express } from 'express';
import { Lifecycle } from '@jobgate/lifecycle';
import { createLogger } from '@jobgate/logging';
import { createRedis, JobgateQueues } from '@jobgate/queues';
import { Store } from '@jobgate/store';
import { buildApp } from '../app';
import { lifecycleMounts } from './lifecycle-mounts';
import { freshDatabase, type FreshDatabase } from '../../../../test/support/fresh-database';
import { sampleJob } from '../../../../test/support/seed-samples';
import { testServices, uniqueName } from '../../../../test/support/services';

const KEY = 'batch-test-key-0123456789abcdef';
const auth = { Authorization: `Bearer ${KEY}` };
const logger = createLogger({ level: 'silent' });

describe('POST /v1/jobs/batch (real PostgreSQL and Redis)', () => {
  let db: FreshDatabase;
  let queues: JobgateQueues;
  let app: Express;
  const accepted: number[] = [];
  const redis = createRedis({ url: testServices().redisUrl, role: 'producer' });

  beforeEach(async () => {
    db = await freshDatabase();
    queues = new JobgateQueues({ connection: redis, prefix: uniqueName('q') });
    const lifecycle = new Lifecycle({ store: new Store(db.pool, { schema: db.schema }), queues, logger });
    accepted.length = 0;
    const deps = {
      auth: { apiKeys: [KEY], disabled: false },
      lifecycle,
      logger,
      onAccepted: (n: number) => void accepted.push(n),
      checkWebhookUrl: async (url: string) =>
        url.includes('internal') ? { ok: false as const, reason: 'host internal.example is not allowed' } : { ok: true as const },
    };
    app = buildApp({ ...deps, extraRoutes: lifecycleMounts(deps) });
  });
  afterEach(async () => {
    await queues.close();
    await db.drop();
  });
  afterAll(() => redis.quit());

  const jobCount = async () => (await db.pool.query(`SELECT count(*)::int AS n FROM ${db.t.jobs}`)).rows[0].n as number;

  it('accepts every valid item in one go and answers 207 with one result per item, in order', async () => {
    await request(app)
      .post('/v1/jobs')
      .set(auth)
      .send({ training_job: sampleJob('taken') })
      .expect(202);
    const jobs = [
      { training_job: sampleJob('b-1'), labels: { team: 'vision' } },
      { training_job: { ...sampleJob('b-2'), job_name: 'bad name' } },
      { training_job: sampleJob('taken') },
      { training_job: sampleJob('b-4'), webhook_url: 'https://internal.example/x' },
      { training_job: sampleJob('b-5'), priority: 7 },
      { training_job: sampleJob('b-5') },
    ];
    const res = await request(app).post('/v1/jobs/batch').set(auth).send({ jobs }).expect(207);
    expect(res.body).toMatchObject({ accepted: 2, refused: 4 });
    expect(res.body.items.map((i: { status: number }) => i.status)).toEqual([202, 400, 409, 400, 202, 409]);
    expect(res.body.items[0].job).toMatchObject({ job_name: 'b-1', status: 'queued', labels: { team: 'vision' } });
    expect(res.body.items[1].problem.errors).toEqual([{ path: 'training_job.job_name', message: expect.any(String) }]);
    expect(res.body.items[2].problem).toMatchObject({ code: 'job_name_taken', status: 409 });
    expect(res.body.items[3].problem.errors).toEqual([{ path: 'webhook_url', message: 'host internal.example is not allowed' }]);
    expect(res.body.items[4].job).toMatchObject({ job_name: 'b-5', priority: 7 });
    expect(res.body.items[5].problem.code).toBe('job_name_taken'); // the same name earlier in the batch
    expect((await request(app).get(`/v1/jobs/${res.body.items[0].job.id}`).set(auth).expect(200)).body).toEqual(res.body.items[0].job);
    const events = await db.pool.query(`SELECT count(*)::int AS n FROM ${db.t.job_events} WHERE reason = 'accepted'`);
    expect(events.rows[0].n).toBe(3);
    expect(accepted).toEqual([1, 2]);
  });

  it('covers the whole batch with one Idempotency-Key: the same body replays the answer, another body is a 422', async () => {
    const body = { jobs: [{ training_job: sampleJob('i-1') }, { training_job: { ...sampleJob('i-2'), job_name: 'no good' } }] };
    const first = await request(app).post('/v1/jobs/batch').set(auth).set('Idempotency-Key', 'batch-1').send(body).expect(207);
    const again = await request(app).post('/v1/jobs/batch').set(auth).set('Idempotency-Key', 'batch-1').send(body).expect(207);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await jobCount()).toBe(1);
    const other = await request(app)
      .post('/v1/jobs/batch')
      .set(auth)
      .set('Idempotency-Key', 'batch-1')
      .send({ jobs: [body.jobs[0]] });
    expect(other.status).toBe(422);
    expect(accepted).toEqual([1]);
  });

  it('refuses a batch that is not one: no jobs array, empty, over 1,000 items, unknown fields', async () => {
    expect((await request(app).post('/v1/jobs/batch').set(auth).send({ job: [] }).expect(400)).body.errors).toEqual([
      { path: 'job', message: 'unknown field' },
      { path: 'jobs', message: 'is required: an array of job requests' },
    ]);
    expect((await request(app).post('/v1/jobs/batch').set(auth).send({ jobs: [] }).expect(400)).body.errors).toEqual([
      { path: 'jobs', message: 'must have 1–1000 items' },
    ]);
    const many = Array.from({ length: 1_001 }, (_, i) => ({ training_job: sampleJob(`m-${i}`) }));
    expect((await request(app).post('/v1/jobs/batch').set(auth).send({ jobs: many }).expect(400)).body.errors).toEqual([
      { path: 'jobs', message: 'must have 1–1000 items' },
    ]);
    expect(await jobCount()).toBe(0);
  });

  it('accepts 1,000 jobs in one request', async () => {
    const jobs = Array.from({ length: 1_000 }, (_, i) => ({ training_job: sampleJob(`k-${i}`) }));
    const res = await request(app).post('/v1/jobs/batch').set(auth).send({ jobs }).expect(207);
    expect(res.body).toMatchObject({ accepted: 1_000, refused: 0 });
    expect(res.body.items[999].job.job_name).toBe('k-999');
    expect(await jobCount()).toBe(1_000);
  });

  it("applies a team's max_queued_jobs to the whole batch: 429 and nothing stored when its valid items do not fit", async () => {
    const team = (await request(app).post('/v1/teams').set(auth).send({ name: 'small', weight: 1, max_queued_jobs: 2 }).expect(201)).body;
    const key = (await request(app).post(`/v1/teams/${team.id}/api-keys`).set(auth).send({ name: 'ci' }).expect(201)).body.key as string;
    const asTeam = { Authorization: `Bearer ${key}` };
    const three = { jobs: [1, 2, 3].map((i) => ({ training_job: sampleJob(`q-${i}`) })) };
    const refused = await request(app).post('/v1/jobs/batch').set(asTeam).send(three);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('team_queue_full');
    expect(await jobCount()).toBe(0);
    const two = await request(app)
      .post('/v1/jobs/batch')
      .set(asTeam)
      .send({ jobs: [...three.jobs.slice(0, 2), { training_job: { job_name: 'x y' } }] })
      .expect(207);
    expect(two.body.items.map((i: { status: number; job?: { team: string } }) => [i.status, i.job?.team])).toEqual([
      [202, 'small'],
      [202, 'small'],
      [400, undefined],
    ]);
  });
});
