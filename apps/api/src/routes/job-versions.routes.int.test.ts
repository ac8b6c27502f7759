import request from 'supertest';
import type { Express } from 'express';
import { Lifecycle, type AccountClient, type LogClient } from '@jobgate/lifecycle';
import { createLogger } from '@jobgate/logging';
import { ModelArtsError, type AiEngine, type JobList, type LogChunk, type LogFiles, type ResourceSpec } from '@jobgate/modelarts';
import { createRedis, JobgateQueues } from '@jobgate/queues';
import { DispatchRepository, Store, SubmissionRepository } from '@jobgate/store';
import { buildApp } from '../app';
import { freshDatabase, type FreshDatabase } from '../../../../test/support/fresh-database';
import { sampleJob } from '../../../../test/support/seed-samples';
import { testServices, uniqueName } from '../../../../test/support/services';

const KEY = 'test-key-0123456789abcdef';
const auth = { Authorization: `Bearer ${KEY}` };
const logger = createLogger({ level: 'silent' });

/** The account's lists and a log, as the api's ModelArts reads see them. */
class FakeModelArts implements AccountClient, LogClient {
  specs: ResourceSpec[] = [
    {
      specId: '1',
      specCode: 'modelarts.vm.cpu.2u',
      core: '2',
      cpu: '8',
      gpuNum: 0,
      gpuType: '',
      maxNum: 2,
      unitNum: 1,
      storage: '',
      interfaceType: 1,
      noResource: false,
    },
  ];
  engines: AiEngine[] = [{ engineId: '1', engineName: 'TensorFlow', engineVersion: 'TF-1.8.0-python3.6', engineType: 1 }];
  logError: Error | null = null;
  async listResourceSpecs(): Promise<ResourceSpec[]> {
    return this.specs;
  }
  async listAiEngines(): Promise<AiEngine[]> {
    return this.engines;
  }
  async listTrainingJobs(): Promise<JobList> {
    return { total: 0, quotas: 10, jobCountLimit: 10, jobs: [], skipped: [] };
  }
  async logFileNames(): Promise<LogFiles> {
    if (this.logError) throw this.logError;
    return { ready: true, files: ['job-x.0'] };
  }
  async readLog(): Promise<LogChunk> {
    return { ready: true, lines: ['hello'], startLine: 1, endLine: 1 };
  }
}

describe('reruns, versions, logs and the account through the API (real PostgreSQL and Redis, fake ModelArts)', () => {
  let db: FreshDatabase;
  let queues: JobgateQueues;
  let app: Express;
  let lifecycle: Lifecycle;
  let fake: FakeModelArts;
  const redis = createRedis({ url: testServices().redisUrl, role: 'producer' });

  beforeEach(async () => {
    db = await freshDatabase();
    queues = new JobgateQueues({ connection: redis, prefix: uniqueName('q') });
    fake = new FakeModelArts();
    lifecycle = new Lifecycle({ store: new Store(db.pool, { schema: db.schema }), queues, logger, modelarts: { client: fake } });
    app = buildApp({ auth: { apiKeys: [KEY], disabled: false }, lifecycle, logger });
  });
  afterEach(async () => {
    await queues.submit.obliterate({ force: true });
    await queues.close();
    await db.drop();
  });
  afterAll(() => redis.quit());

  /** A job as the worker leaves it once ModelArts created it (job 501, version 601). */
  async function createdJob(
    name: string,
    versionId = '601',
    headers: Record<string, string> = auth,
    parameter = [
      { label: 'learning_rate', value: '0.01' },
      { label: 'batch_size', value: '32' },
    ],
  ): Promise<string> {
    const { body } = await request(app)
      .post('/v1/jobs')
      .set(headers)
      .send({ training_job: { ...sampleJob(name), config: { ...sampleJob(name).config, train_url: '/t/', model_id: 1, parameter } } });
    const subs = new SubmissionRepository(db.pool, db.t);
    await admitAll();
    const attempt = await subs.startAttempt(body.id);
    await subs.markSubmitted(body.id, attempt, {
      jobId: '501',
      versionId,
      versionName: 'V0001',
      resourceId: null,
      status: 8,
      statusName: 'JOBSTAT_RUNNING',
      createTime: Date.now(),
    });
    return body.id;
  }

  /** What the dispatcher admits now (`queued` → `submitting`), in the order it does. */
  async function admitAll(): Promise<string[]> {
    return (await new DispatchRepository(db.pool, db.t).admit({ maxActive: 100, window: 100, policy: 'fair' })).map((a) => a.jobId);
  }

  it('refuses a flavor, engine or worker count the account does not have, listing what it has', async () => {
    const job = sampleJob('checked');
    const res = await request(app)
      .post('/v1/jobs')
      .set(auth)
      .send({ training_job: { ...job, config: { ...job.config, spec_id: 9, engine_id: 7, worker_server_num: 1 } } });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toEqual([
      { path: 'training_job.config.spec_id', message: "must be one of the account's training flavors: 1 (modelarts.vm.cpu.2u, max 2 workers)" },
      { path: 'training_job.config.engine_id', message: "must be one of the account's engines: 1 (TensorFlow TF-1.8.0-python3.6)" },
    ]);
    const tooMany = await request(app)
      .post('/v1/sweeps')
      .set(auth)
      .send({
        name: 's',
        template: { training_job: { ...job, config: { ...job.config, worker_server_num: 3 } } },
        method: 'grid',
        parameters: { lr: { values: [0.1] } },
      });
    expect([tooMany.status, tooMany.body.errors]).toEqual([
      400,
      [{ path: 'template.training_job.config.worker_server_num', message: 'must be at most 2, the max_num of flavor 1 (modelarts.vm.cpu.2u)' }],
    ]);
    expect((await request(app).get('/v1/modelarts/specs').set(auth)).body).toMatchObject({
      items: [{ spec_id: '1', max_num: 2, no_resource: false }],
      refreshed_at: expect.any(String),
    });
    expect((await request(app).get('/v1/modelarts/engines').set(auth)).body.items).toEqual([
      { engine_id: '1', engine_name: 'TensorFlow', engine_version: 'TF-1.8.0-python3.6', engine_type: 1 },
    ]);
  });

  it('accepts a rerun as a new job under the same ModelArts job, and lists the versions', async () => {
    const id = await createdJob('rerun-api');
    const res = await request(app)
      .post(`/v1/jobs/${id}/rerun`)
      .set(auth)
      .set('Idempotency-Key', 'k1')
      .send({ config: { parameter: [{ label: 'learning_rate', value: '0.5' }] } });
    expect(res.status).toBe(202);
    expect(res.headers.location).toBe(`/v1/jobs/${res.body.id}`);
    expect(res.body).toMatchObject({
      status: 'queued',
      rerun_of: id,
      job_name: 'rerun-api',
      modelarts: { job_id: '501', version_id: null, pre_version_id: '601' },
    });
    expect(res.body.training_job.config.parameter).toEqual([
      { label: 'learning_rate', value: '0.5' },
      { label: 'batch_size', value: '32' },
    ]);
    // Queued like any job: nothing in the submit queue until the dispatcher admits it.
    expect(await queues.submit.getJob(res.body.id)).toBeUndefined();
    expect(await admitAll()).toEqual([res.body.id]);
    const replay = await request(app)
      .post(`/v1/jobs/${id}/rerun`)
      .set(auth)
      .set('Idempotency-Key', 'k1')
      .send({ config: { parameter: [{ label: 'learning_rate', value: '0.5' }] } });
    expect([replay.status, replay.headers['idempotent-replayed'], replay.body.id]).toEqual([202, 'true', res.body.id]);
    const versions = await request(app).get(`/v1/jobs/${res.body.id}/versions`).set(auth);
    expect(versions.body.items.map((v: { id: string; version_name: string | null }) => [v.id, v.version_name])).toEqual([
      [id, 'V0001'],
      [res.body.id, null],
    ]);
  });

  it("gives the rerun of a reporting job its own report URL and token, shown hidden, never the source's", async () => {
    const source = await createdJob('rerun-reporting', '601', auth, [
      { label: 'x1', value: '3' },
      { label: 'jobgate_report_url', value: 'http://gate/v1/jobs/SOURCE/metrics' },
      { label: 'jobgate_report_token', value: 'jgr_source_token' },
    ]);
    await db.pool.query(`UPDATE ${db.t.jobs} SET training_job = jsonb_set(training_job, '{config,parameter,1,value}', to_jsonb($2::text)) WHERE id = $1`, [
      source,
      `http://gate/v1/jobs/${source}/metrics`,
    ]);
    const res = await request(app).post(`/v1/jobs/${source}/rerun`).set(auth).send({});
    expect(res.status).toBe(202);
    const shown = res.body.training_job.config.parameter;
    expect(shown).toEqual([
      { label: 'x1', value: '3' },
      { label: 'jobgate_report_url', value: `http://gate/v1/jobs/${res.body.id}/metrics` },
      { label: 'jobgate_report_token', value: '[hidden]' },
    ]);
    // What ModelArts gets: a token of the rerun's own, which authenticates as the rerun.
    const { rows } = await db.pool.query(`SELECT training_job #>> '{config,parameter,2,value}' AS token FROM ${db.t.jobs} WHERE id = $1`, [res.body.id]);
    const token = rows[0].token as string;
    expect(token).toMatch(/^jgr_/);
    expect(token).not.toBe('jgr_source_token');
    expect(await lifecycle.reporting.authenticateReporter(token)).toMatchObject({ kind: 'reporter', jobId: res.body.id });
    expect((await request(app).get(`/v1/jobs/${res.body.id}`).set(auth)).body.training_job.config.parameter[2].value).toBe('[hidden]');
  });

  it('refuses a rerun that is invalid (naming the field), of an unknown job, or of a job not in ModelArts', async () => {
    const id = await createdJob('rerun-bad');
    const bad = await request(app)
      .post(`/v1/jobs/${id}/rerun`)
      .set(auth)
      .send({ config: { worker_server_num: 0, spec_id: 9 }, labels: {} });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['labels']);
    const invalid = await request(app)
      .post(`/v1/jobs/${id}/rerun`)
      .set(auth)
      .send({ config: { worker_server_num: 0 } });
    expect([invalid.status, invalid.body.errors[0].path]).toEqual([400, 'config.worker_server_num']);
    const unknownSpec = await request(app)
      .post(`/v1/jobs/${id}/rerun`)
      .set(auth)
      .send({ config: { spec_id: 9 } });
    expect([unknownSpec.status, unknownSpec.body.errors[0].path]).toEqual([400, 'config.spec_id']);
    expect((await request(app).post('/v1/jobs/00000000-0000-4000-8000-000000000000/rerun').set(auth).send({})).status).toBe(404);
    const { body: queued } = await request(app)
      .post('/v1/jobs')
      .set(auth)
      .send({ training_job: { ...sampleJob('queued'), config: { ...sampleJob('queued').config, train_url: '/t/', model_id: 1 } } });
    const conflict = await request(app).post(`/v1/jobs/${queued.id}/rerun`).set(auth).send();
    expect([conflict.status, conflict.body.code]).toEqual([409, 'not_in_modelarts']);
  });

  it('reads logs, refuses a bad query naming the field, and turns ModelArts log errors into problems', async () => {
    const id = await createdJob('logs-api');
    expect((await request(app).get(`/v1/jobs/${id}/logs`).set(auth)).body).toEqual({
      files: ['job-x.0'],
      file: 'job-x.0',
      lines: ['hello'],
      first_line: 1,
      next_cursor: '1',
      hint: null,
    });
    const bad = await request(app).get(`/v1/jobs/${id}/logs?lines=501&cursor=abc&tail=1`).set(auth);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['query.cursor', 'query.lines', 'query.tail']);
    const file = await request(app).get(`/v1/jobs/${id}/logs?file=job-x.3`).set(auth);
    expect([file.status, file.body.errors]).toEqual([400, [{ path: 'query.file', message: "must be one of the job's log files: job-x.0" }]]);
    fake.logError = new ModelArtsError({
      httpStatus: 400,
      errorCode: 'ModelArts.2819',
      errorMessage: 'LogFileHasCleared',
      retryable: false,
      outcomeUnknown: false,
    });
    const gone = await request(app)
      .get(`/v1/jobs/${await createdJob('logs-gone', '701')}/logs`)
      .set(auth);
    expect([gone.status, gone.body.code, gone.body.detail]).toEqual([
      410,
      'log_cleared',
      "ModelArts has cleared this job's log (ModelArts.2819: LogFileHasCleared)",
    ]);
  });

  it("keeps reruns, versions and logs within the team: another team's job is unknown, a rerun is the source's team's and counts against its queue", async () => {
    const team = await lifecycle.teams.createTeam({ name: 'vision', weight: 1, max_queued_jobs: 1 }, 'test');
    const { key } = await lifecycle.teams.createKey(team.id, 'ci', 'test');
    const teamAuth = { Authorization: `Bearer ${key}` };
    const operatorJob = await createdJob('operators-job');
    const teamJob = await createdJob('teams-job', '602', teamAuth);
    for (const path of [`/v1/jobs/${operatorJob}/logs`, `/v1/jobs/${operatorJob}/versions`]) {
      expect((await request(app).get(path).set(teamAuth)).status).toBe(404);
    }
    expect((await request(app).post(`/v1/jobs/${operatorJob}/rerun`).set(teamAuth).send({})).status).toBe(404);
    expect((await request(app).get(`/v1/jobs/${teamJob}/logs`).set(teamAuth)).status).toBe(200);
    // An operator's rerun of the team's job is the team's too.
    const mine = await request(app).post(`/v1/jobs/${teamJob}/rerun`).set(auth).send({});
    expect([mine.status, mine.body.team, mine.body.rerun_of]).toEqual([202, 'vision', teamJob]);
    expect((await request(app).get(`/v1/jobs/${mine.body.id}`).set(teamAuth)).status).toBe(200);
    // max_queued_jobs 1, and that rerun waits: the next is refused.
    const full = await request(app).post(`/v1/jobs/${teamJob}/rerun`).set(teamAuth).send({});
    expect([full.status, full.body.code, full.headers['retry-after']]).toEqual([429, 'team_queue_full', '30']);
    const versions = await request(app).get(`/v1/jobs/${teamJob}/versions`).set(teamAuth);
    expect(versions.body.items.map((v: { id: string }) => v.id)).toEqual([teamJob, mine.body.id]);
  });
});
