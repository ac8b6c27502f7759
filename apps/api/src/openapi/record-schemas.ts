import { JOB_STATUSES, SWEEP_METHODS, SWEEP_STATUSES, type JsonSchema } from '@jobgate/contracts';

/*
 * Schemas of what the API answers. The records are plain interfaces (contracts' job-record.ts,
 * sweep-record.ts, the store's DeliveryRecord), so they are written out here; request bodies come
 * from the DTOs themselves (contractSchemas).
 */

export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });
const time = { type: 'string', format: 'date-time' };
const nullableTime = { type: ['string', 'null'], format: 'date-time' };
const uuid = { type: 'string', format: 'uuid' };
const stringMap = { type: 'object', additionalProperties: { type: 'string' } };
const numberMap = { type: 'object', additionalProperties: { type: 'number' } };
const object = (properties: Record<string, JsonSchema>, extra: JsonSchema = {}): JsonSchema => ({ type: 'object', properties, required: Object.keys(properties), ...extra });
const page = (item: string): JsonSchema => object({ items: { type: 'array', items: ref(item) }, next_cursor: { type: ['string', 'null'], description: 'pass as ?cursor= for the next page; null on the last' } });

const ModelArtsRef = object({
  job_id: { type: 'string' }, version_id: { type: 'string' }, version_name: { type: ['string', 'null'] }, resource_id: { type: ['string', 'null'] },
  status: { type: ['integer', 'null'], description: 'raw ModelArts status code' }, status_name: { type: ['string', 'null'] }, create_time: nullableTime,
});

const JobRecord = object({
  id: uuid,
  status: { type: 'string', enum: [...JOB_STATUSES] },
  job_name: { type: 'string' },
  training_job: ref('TrainingJobDto'),
  labels: stringMap,
  webhook_url: { type: ['string', 'null'] },
  sweep_id: nullable(uuid),
  modelarts: nullable(ModelArtsRef),
  attempts: { type: 'integer', description: 'create calls made' },
  error: nullable(object({ code: { type: 'string' }, message: { type: 'string' }, retryable: { type: 'boolean' } })),
  created_at: time, updated_at: time, submitted_at: nullableTime, started_at: nullableTime, finished_at: nullableTime,
});

const SweepTrial = object({
  id: uuid, trial: { type: 'integer' }, job_name: { type: 'string' }, parameters: stringMap,
  status: { type: 'string', enum: [...JOB_STATUSES] }, metrics: nullable(numberMap),
});

const sweepFields = {
  id: uuid, name: { type: 'string' }, status: { type: 'string', enum: [...SWEEP_STATUSES] }, method: { type: 'string', enum: [...SWEEP_METHODS] },
  parameters: { $ref: '#/components/schemas/CreateSweepRequestDto/properties/parameters' },
  template: ref('CreateJobRequestDto'),
  trial_count: { type: 'integer' }, max_parallel: { type: 'integer' }, max_failed_trials: { type: ['integer', 'null'] }, seed: { type: ['integer', 'null'] },
  objective: nullable(ref('SweepObjectiveDto')),
  counts: object(Object.fromEntries(JOB_STATUSES.map((s) => [s, { type: 'integer' }])), { description: 'trials per job status' }),
  created_at: time, updated_at: time, finished_at: nullableTime,
};

const Delivery = object({
  id: { type: 'string', pattern: '^msg_[0-9a-f]{32}$', description: 'the webhook-id header' },
  type: { type: 'string', examples: ['job.succeeded'] }, url: { type: 'string' },
  status: { type: 'string', enum: ['pending', 'delivered', 'failed', 'gone'] },
  attempt_count: { type: 'integer' }, next_attempt_at: nullableTime, delivered_at: nullableTime, created_at: time,
  last_error: { type: ['string', 'null'] }, payload: { type: 'object', description: 'the webhook body' },
  attempts: { type: 'array', items: object({ attempt: { type: 'integer' }, attempted_at: time, status_code: { type: ['integer', 'null'] }, latency_ms: { type: 'integer' }, error: { type: ['string', 'null'] } }) },
});

const Problem = {
  type: 'object', description: 'RFC 9457 problem details',
  properties: {
    type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, instance: { type: 'string' },
    code: { type: 'string', description: 'stable machine-readable code' },
    errors: { type: 'array', description: 'every invalid field (400)', items: object({ path: { type: 'string' }, message: { type: 'string' } }) },
  },
  required: ['type', 'title', 'status'],
};

export const RECORD_SCHEMAS: Record<string, JsonSchema> = {
  JobRecord, JobList: page('JobRecord'), SweepTrial,
  SweepRecord: object(sweepFields),
  SweepSummary: object({ ...sweepFields, best_trial: nullable(ref('SweepTrial')) }),
  SweepDetail: object({ ...sweepFields, best_trial: nullable(ref('SweepTrial')), trials: { type: 'array', items: ref('SweepTrial') } }),
  SweepList: page('SweepRecord'),
  Delivery, DeliveryList: object({ items: { type: 'array', items: ref('Delivery') } }),
  JobMetrics: object({ job_id: uuid, metrics: nullable(numberMap) }),
  JobEventList: object({ items: { type: 'array', items: object({
    at: time, from_status: { type: ['string', 'null'] }, to_status: { type: 'string' },
    modelarts_status: { type: ['integer', 'null'] }, reason: { type: ['string', 'null'] },
  }) } }),
  AttemptList: object({ items: { type: 'array', items: object({
    attempt: { type: 'integer' }, started_at: time, finished_at: nullableTime,
    outcome: { type: ['string', 'null'], description: 'created, adopted, throttled, transient, unknown, permanent, auth; null = the worker died during the call' },
    http_status: { type: ['integer', 'null'] }, error_code: { type: ['string', 'null'] }, error_message: { type: ['string', 'null'] }, delay_ms: { type: ['integer', 'null'] },
  }) } }),
  Problem,
};
