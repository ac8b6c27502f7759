import Ajv2020 from 'ajv/dist/2020';
import { loadConfig } from '@jobgate/config';
import { createLogger } from '@jobgate/logging';
import { DispatchRepository, SubmissionRepository, WebhookDeliveryRepository, WebhookEventRepository } from '@jobgate/store';
import { freshDatabase, type FreshDatabase } from '../../../../test/support/fresh-database';
import { sampleJob } from '../../../../test/support/seed-samples';
import { testServices, uniqueName } from '../../../../test/support/services';
import { gridSweepBody } from '../../../../test/support/sweeps';
import { startApi, type RunningApi } from '../start-api';
import { openApiDocument } from './openapi-document';

const KEY = 'record-answers-key-0123456789';
const DOC_ID = 'https://jobgate.dev/openapi.json';

/**
 * Every answer of the API, with its fields filled in (a created job, attempts, a webhook delivery,
 * a sweep with metrics), checked against the schema the OpenAPI document publishes for it. The
 * record schemas are closed for the check (no field beyond those listed), so an answer that grew a
 * field its contract lacks fails as surely as one missing a field.
 */
describe('API answers against the published record schemas (real PostgreSQL and Redis)', () => {
  let db: FreshDatabase;
  let api: RunningApi;
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema({ $id: DOC_ID, components: closeRecords(openApiDocument().components as Record<string, unknown>) });

  beforeAll(async () => {
    db = await freshDatabase();
    const loaded = loadConfig({ ...testServices(), DATABASE_URL: db.url, DATABASE_SCHEMA: db.schema, QUEUE_PREFIX: uniqueName('q'), API_KEYS: KEY, PORT: '0' });
    if (!loaded.ok) throw new Error(loaded.problems.join('; '));
    api = await startApi(loaded.config, createLogger({ level: 'silent' }));
  });
  afterAll(async () => {
    await api.close();
    await db.drop();
  });

  it('sends jobs, their events, attempts and deliveries, sweeps, metrics and problems as documented', async () => {
    const job = await call('POST', '/v1/jobs', { training_job: sampleJob('answers'), labels: { team: 'vision' }, priority: 3 });
    expectShape(job, 'JobRecord');
    await submitted(job.id as string);

    expectShape(await call('GET', `/v1/jobs/${job.id}`), 'JobRecord');
    expectShape(await call('GET', '/v1/jobs?limit=1'), 'JobList');
    expectShape(await call('GET', `/v1/jobs/${job.id}/events`), 'JobEventList');
    expectShape(await call('GET', `/v1/jobs/${job.id}/attempts`), 'AttemptList');
    const rerun = await call('POST', `/v1/jobs/${job.id}/rerun`, {
      config: { train_url: '/usr/train/', model_id: 1, parameter: [{ label: 'learning_rate', value: '0.02' }] },
    });
    expectShape(rerun, 'JobRecord');
    expect(rerun).toMatchObject({ rerun_of: job.id, modelarts: { job_id: '501', version_id: null, pre_version_id: '601' } });
    expectShape(await call('GET', `/v1/jobs/${job.id}/versions`), 'JobVersionList');
    // Not in ModelArts yet: no lines and a hint, without asking ModelArts (this api has none).
    expectShape(await call('GET', `/v1/jobs/${rerun.id}/logs`), 'LogPage');
    expectShape(await call('GET', '/v1/modelarts/specs'), 'Problem');
    const deliveries = await call('GET', `/v1/jobs/${job.id}/deliveries`);
    expectShape(deliveries, 'DeliveryList');
    const [delivery] = deliveries.items as { id: string }[];
    expectShape(await call('POST', `/v1/deliveries/${delivery!.id}/redeliver`), 'Delivery');

    const sweep = await call('POST', '/v1/sweeps', { ...gridSweepBody('answers'), objective: { metric: 'loss', goal: 'minimize' } });
    expectShape(sweep, 'SweepRecord');
    const trial = ((await call('GET', `/v1/sweeps/${sweep.id}/trials`)).items as { id: string }[])[0]!;
    expectShape(await call('POST', `/v1/jobs/${trial.id}/metrics`, { metrics: { loss: 0.25 } }), 'ReportedMetrics');
    expectShape(await call('POST', `/v1/jobs/${trial.id}/metrics`, { step: 3, metrics: { loss: 0.5 } }), 'ReportedMetrics');
    expectShape(await call('GET', `/v1/jobs/${trial.id}/metrics`), 'JobMetrics');
    expectShape(await call('GET', `/v1/sweeps/${sweep.id}/curves`), 'SweepCurves');
    expectShape(await call('POST', `/v1/jobs/${trial.id}/report-token`), 'ReportToken');
    expectShape(await call('GET', `/v1/sweeps/${sweep.id}`), 'SweepDetail');
    expectShape(await call('GET', `/v1/sweeps/${sweep.id}/trials?limit=1`), 'SweepTrialList');
    expectShape(await call('GET', '/v1/sweeps'), 'SweepList');
    expectShape(await call('POST', `/v1/sweeps/${sweep.id}/cancel`), 'SweepSummary');

    expectShape(
      await call('POST', '/v1/jobs/batch', { jobs: [{ training_job: sampleJob('answers-batch') }, { training_job: { job_name: 'bad name' } }] }),
      'JobBatchResult',
    );
    expectShape(await call('GET', '/v1/jobs/00000000-0000-4000-8000-000000000000'), 'Problem');
    expectShape(await call('POST', '/v1/jobs', { training_job: { job_name: 'bad name' } }), 'Problem');
  });

  it('refuses what the contract does not allow (the check can fail)', async () => {
    const job = await call('GET', '/v1/jobs?limit=1').then((page) => (page.items as Record<string, unknown>[])[0]!);
    expect(valid({ ...job, status: 'paused' }, 'JobRecord')).toBe(false);
    expect(valid({ ...job, surprise: 1 }, 'JobRecord')).toBe(false);
    const { attempts: _attempts, ...missing } = job;
    expect(valid(missing, 'JobRecord')).toBe(false);
  });

  /** Admits the job as the dispatcher would, attempts and creates it as the worker would, and records a failed webhook send. */
  async function submitted(id: string): Promise<void> {
    expect((await new DispatchRepository(db.pool, db.t).admit({ maxActive: 10, window: 10, policy: 'fair' })).map((a) => a.jobId)).toEqual([id]);
    const submissions = new SubmissionRepository(db.pool, db.t);
    expect(await submissions.claim(id)).toMatchObject({ kind: 'claimed' });
    const attempt = await submissions.startAttempt(id);
    await submissions.finishAttempt(id, attempt, { outcome: 'created', httpStatus: 200 });
    const row = await submissions.markSubmitted(id, attempt, {
      jobId: '501',
      versionId: '601',
      versionName: 'V0001',
      resourceId: 'jobabc',
      status: 1,
      statusName: 'JOBSTAT_INIT',
      createTime: Date.now(),
    });
    const eventId = await new WebhookEventRepository(db.pool, db.t, { defaultUrl: 'https://hooks.example.com/jobgate' }).recordForJob(row!);
    await new WebhookDeliveryRepository(db.pool, db.t).recordAttempt(eventId!, {
      statusCode: 500,
      latencyMs: 12,
      error: 'HTTP 500',
      status: 'pending',
      retryInMs: 60_000,
    });
  }

  async function call(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    const res = await fetch(`${api.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${KEY}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await res.json()) as Record<string, unknown>;
  }

  function valid(value: unknown, schema: string): boolean {
    return ajv.validate({ $ref: `${DOC_ID}#/components/schemas/${schema}` }, value);
  }

  function expectShape(value: unknown, schema: string): void {
    const ok = valid(value, schema);
    expect({ schema, errors: ok ? [] : ajv.errors }).toEqual({ schema, errors: [] });
  }
});

/** The components with every record object closed (`additionalProperties: false`); Problem stays open for extension members. */
function closeRecords(components: Record<string, unknown>): Record<string, unknown> {
  const schemas = structuredClone(components.schemas) as Record<string, unknown>;
  const close = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(close);
    if (!node || typeof node !== 'object') return;
    const schema = node as Record<string, unknown>;
    if (schema.type === 'object' && schema.properties && schema.additionalProperties === undefined) schema.additionalProperties = false;
    Object.values(schema).forEach(close);
  };
  for (const [name, schema] of Object.entries(schemas)) if (name !== 'Problem') close(schema);
  return { ...components, schemas };
}
