import { JOB_STATUSES, MAX_BATCH_JOBS, MAX_TRIAL_PAGE, SWEEP_STATUSES, type JsonSchema } from '@jobgate/contracts';
import { operation, pathId, query } from './operation';
import { ref } from './record-schemas';

const jobId = pathId('job id (UUID)');
const teamId = pathId('team id (UUID)');
const team = query('team', { type: 'string' }, "operators: only this team's (by name)");
const sweepId = pathId('sweep id (UUID)');
const limit = query('limit', { type: 'integer', minimum: 1, maximum: 200, default: 50 }, 'page size');
const cursor = query('cursor', { type: 'string' }, 'next_cursor of the previous page');
const location = { Location: { description: 'URL of the new record', schema: { type: 'string' } } };

/** Every /v1 route buildApp mounts (a test compares this with the routers). */
export const V1_PATHS: Record<string, Record<string, JsonSchema>> = {
  '/v1/jobs': {
    post: operation({
      operationId: 'createJob',
      tag: 'jobs',
      summary: 'Submit a training job',
      body: ref('CreateJobRequestDto'),
      ok: { '202': ref('JobRecord') },
      problems: ['400', '409', '413', '415', '422', '503'],
      parameters: [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'same key + same body → the original answer; scoped per API key',
          schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
        },
      ],
      headers: { ...location, 'Idempotent-Replayed': { description: '`true` when the answer is a replay', schema: { type: 'string' } } },
    }),
    get: operation({
      operationId: 'listJobs',
      tag: 'jobs',
      summary: 'List jobs, newest first',
      ok: { '200': ref('JobList') },
      problems: ['400'],
      parameters: [
        query('status', { type: 'string', enum: [...JOB_STATUSES] }, 'only jobs in this status'),
        query('label', { type: 'array', items: { type: 'string', pattern: '^[^:]{1,63}:.{0,256}$' } }, 'key:value; may repeat, all must match'),
        query('sweep_id', { type: 'string', format: 'uuid' }, 'only the trials of this sweep'),
        team,
        limit,
        cursor,
      ],
    }),
  },
  '/v1/jobs/batch': {
    post: operation({
      operationId: 'createJobBatch',
      tag: 'jobs',
      summary: 'Submit up to 1,000 training jobs: every valid one accepted in one transaction, one result per item in order',
      body: {
        type: 'object',
        required: ['jobs'],
        additionalProperties: false,
        properties: { jobs: { type: 'array', minItems: 1, maxItems: MAX_BATCH_JOBS, items: ref('CreateJobRequestDto') } },
      },
      ok: { '207': ref('JobBatchResult') },
      problems: ['400', '413', '415', '422', '503'],
      parameters: [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'covers the whole batch: same key + same body → the original answer',
          schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
        },
      ],
    }),
  },
  '/v1/jobs/{id}': {
    get: operation({ operationId: 'getJob', tag: 'jobs', summary: 'Read a job', parameters: [jobId], ok: { '200': ref('JobRecord') }, problems: ['404'] }),
  },
  '/v1/jobs/{id}/cancel': {
    post: operation({
      operationId: 'cancelJob',
      tag: 'jobs',
      summary: 'Cancel a job (stops it in ModelArts when it is there)',
      parameters: [jobId],
      ok: { '202': ref('JobRecord') },
      problems: ['404', '409', '503'],
    }),
  },
  '/v1/jobs/{id}/events': {
    get: operation({
      operationId: 'listJobEvents',
      tag: 'jobs',
      summary: "A job's status changes, oldest first (its timeline)",
      parameters: [jobId],
      ok: { '200': ref('JobEventList') },
      problems: ['404'],
    }),
  },
  '/v1/jobs/{id}/attempts': {
    get: operation({
      operationId: 'listJobAttempts',
      tag: 'jobs',
      summary: "A job's ModelArts create attempts with outcome, error code and the delay chosen",
      parameters: [jobId],
      ok: { '200': ref('AttemptList') },
      problems: ['404'],
    }),
  },
  '/v1/jobs/{id}/deliveries': {
    get: operation({
      operationId: 'listJobDeliveries',
      tag: 'webhooks',
      summary: "A job's webhook events with every delivery attempt",
      parameters: [jobId],
      ok: { '200': ref('DeliveryList') },
      problems: ['404'],
    }),
  },
  '/v1/sweeps/{id}/curves': {
    get: operation({
      operationId: 'getSweepCurves',
      tag: 'sweeps',
      summary: "Every trial's learning curve of one metric (the objective's by default)",
      parameters: [sweepId, query('metric', { type: 'string' }, 'another metric than the objective')],
      ok: { '200': ref('SweepCurves') },
      problems: ['400', '404'],
    }),
  },
  '/v1/jobs/{id}/report-token': {
    post: operation({
      operationId: 'createReportToken',
      tag: 'sweeps',
      summary: 'A new report token for the job, shown once (the old one stops working); it may only call POST /v1/jobs/{id}/metrics',
      parameters: [jobId],
      ok: { '201': ref('ReportToken') },
      problems: ['404'],
    }),
  },
  '/v1/jobs/{id}/metrics': {
    post: operation({
      operationId: 'reportJobMetrics',
      tag: 'sweeps',
      summary: "Report a job's final metrics or one step of its learning curve (its training code does, with an API key or the job's report token)",
      parameters: [jobId],
      body: ref('ReportMetricsRequestDto'),
      ok: { '200': ref('ReportedMetrics') },
      problems: ['400', '404', '413', '415', '422'],
    }),
    get: operation({
      operationId: 'getJobMetrics',
      tag: 'sweeps',
      summary: "Read a job's final metrics and learning curve",
      parameters: [jobId],
      ok: { '200': ref('JobMetrics') },
      problems: ['404'],
    }),
  },
  '/v1/jobs/{id}/rerun': {
    post: operation({
      operationId: 'rerunJob',
      tag: 'jobs',
      summary: 'Run a job again as a new version of its ModelArts job, with config changes (validated like a create)',
      parameters: [
        jobId,
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'same key + same body for the same job → the original answer',
          schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
        },
      ],
      body: ref('RerunRequestDto'),
      ok: { '202': ref('JobRecord') },
      problems: ['400', '404', '409', '413', '415', '422', '503'],
      headers: location,
    }),
  },
  '/v1/jobs/{id}/versions': {
    get: operation({
      operationId: 'listJobVersions',
      tag: 'jobs',
      summary: "The versions jobgate made of the job's ModelArts job (the job and its reruns), oldest first",
      parameters: [jobId],
      ok: { '200': ref('JobVersionList') },
      problems: ['404'],
    }),
  },
  '/v1/jobs/{id}/logs': {
    get: operation({
      operationId: 'getJobLogs',
      tag: 'jobs',
      summary: "Up to 500 lines of one of the job's ModelArts log files from a cursor; follow with next_cursor until it is null",
      parameters: [
        jobId,
        query('file', { type: 'string' }, "one of `files`; default the first (worker 0's)"),
        query('cursor', { type: 'string', pattern: '^\\d{1,9}$' }, 'next_cursor of the previous page; default the start of the file'),
        query('lines', { type: 'integer', minimum: 1, maximum: 500, default: 500 }, 'lines to read'),
      ],
      ok: { '200': ref('LogPage') },
      problems: ['400', '404', '410', '502', '503'],
    }),
  },
  '/v1/modelarts/specs': {
    get: operation({
      operationId: 'listModelArtsSpecs',
      tag: 'modelarts',
      summary: "The ModelArts account's training flavors (cached; what spec_id and worker_server_num are checked against)",
      ok: { '200': ref('ResourceSpecList') },
      problems: ['503'],
    }),
  },
  '/v1/modelarts/engines': {
    get: operation({
      operationId: 'listModelArtsEngines',
      tag: 'modelarts',
      summary: "The ModelArts account's engines (cached; what engine_id is checked against)",
      ok: { '200': ref('EngineList') },
      problems: ['503'],
    }),
  },
  '/v1/deliveries/{id}/redeliver': {
    post: operation({
      operationId: 'redeliverEvent',
      tag: 'webhooks',
      summary: 'Send a webhook event again, with the same webhook-id',
      parameters: [pathId('event id (msg_…)')],
      ok: { '202': ref('Delivery') },
      problems: ['404'],
    }),
  },
  '/v1/sweeps': {
    post: operation({
      operationId: 'createSweep',
      tag: 'sweeps',
      summary: 'Start a hyperparameter sweep',
      body: ref('CreateSweepRequestDto'),
      ok: { '202': ref('SweepRecord') },
      problems: ['400', '409', '413', '415', '503'],
      headers: location,
    }),
    get: operation({
      operationId: 'listSweeps',
      tag: 'sweeps',
      summary: 'List sweeps, newest first',
      ok: { '200': ref('SweepList') },
      problems: ['400'],
      parameters: [query('status', { type: 'string', enum: [...SWEEP_STATUSES] }, 'only sweeps in this status'), team, limit, cursor],
    }),
  },
  '/v1/sweeps/{id}': {
    get: operation({
      operationId: 'getSweep',
      tag: 'sweeps',
      summary: 'Read a sweep: counts per status and the best trial',
      parameters: [sweepId],
      ok: { '200': ref('SweepDetail') },
      problems: ['404'],
    }),
  },
  '/v1/sweeps/{id}/trials': {
    get: operation({
      operationId: 'listSweepTrials',
      tag: 'sweeps',
      summary: "A page of a sweep's trials, in trial order",
      ok: { '200': ref('SweepTrialList') },
      problems: ['400', '404'],
      parameters: [sweepId, query('limit', { type: 'integer', minimum: 1, maximum: MAX_TRIAL_PAGE, default: 100 }, 'page size'), cursor],
    }),
  },
  '/v1/teams': {
    post: operation({
      operationId: 'createTeam',
      tag: 'teams',
      summary: 'Create a team (operators)',
      body: ref('CreateTeamRequestDto'),
      ok: { '201': ref('TeamRecord') },
      problems: ['400', '403', '409', '413', '415'],
      headers: location,
    }),
    get: operation({
      operationId: 'listTeams',
      tag: 'teams',
      summary: 'List teams with their usage (operators)',
      ok: { '200': ref('TeamList') },
      problems: ['403'],
    }),
  },
  '/v1/teams/{id}': {
    get: operation({
      operationId: 'getTeam',
      tag: 'teams',
      summary: 'Read a team (operators)',
      parameters: [teamId],
      ok: { '200': ref('TeamRecord') },
      problems: ['403', '404'],
    }),
    patch: operation({
      operationId: 'updateTeam',
      tag: 'teams',
      summary: "Change a team's weight, limits or webhook URL (operators)",
      parameters: [teamId],
      body: ref('UpdateTeamRequestDto'),
      ok: { '200': ref('TeamRecord') },
      problems: ['400', '403', '404', '413', '415'],
    }),
  },
  '/v1/teams/{id}/api-keys': {
    post: operation({
      operationId: 'createApiKey',
      tag: 'teams',
      summary: 'Create a team key, shown once (operators)',
      parameters: [teamId],
      body: ref('CreateApiKeyRequestDto'),
      ok: { '201': ref('CreatedApiKey') },
      problems: ['400', '403', '404', '413', '415'],
    }),
    get: operation({
      operationId: 'listApiKeys',
      tag: 'teams',
      summary: "A team's keys, without secrets (operators)",
      parameters: [teamId],
      ok: { '200': ref('ApiKeyList') },
      problems: ['403', '404'],
    }),
  },
  '/v1/teams/{id}/api-keys/{keyId}': {
    delete: operation({
      operationId: 'revokeApiKey',
      tag: 'teams',
      summary: 'Revoke a team key at once on every replica (operators)',
      parameters: [teamId, { name: 'keyId', in: 'path', required: true, description: 'key id (UUID)', schema: { type: 'string' } }],
      ok: {},
      problems: ['403', '404'],
    }),
  },
  '/v1/teams/{id}/webhook-secret/rotate': {
    post: operation({
      operationId: 'rotateWebhookSecret',
      tag: 'teams',
      summary: 'Rotate the team webhook secret; both sign during WEBHOOK_SECRET_OVERLAP_S (operators)',
      parameters: [teamId],
      ok: { '200': ref('TeamRecord') },
      problems: ['403', '404'],
    }),
  },
  '/v1/team': {
    get: operation({
      operationId: 'getOwnTeam',
      tag: 'teams',
      summary: "A team key's own team, with its webhook secret",
      ok: { '200': ref('TeamRecord') },
      problems: ['404'],
    }),
  },
  '/v1/audit': {
    get: operation({
      operationId: 'listAuditEntries',
      tag: 'teams',
      summary: 'Operator actions, newest first (operators)',
      ok: { '200': ref('AuditLog') },
      problems: ['400', '403'],
      parameters: [query('team_id', { type: 'string', format: 'uuid' }, 'only actions on this team'), limit, cursor],
    }),
  },
  '/v1/sweeps/{id}/cancel': {
    post: operation({
      operationId: 'cancelSweep',
      tag: 'sweeps',
      summary: 'Cancel a sweep: 200 once every trial has ended, 202 while running trials stop',
      parameters: [sweepId],
      ok: { '200': ref('SweepSummary'), '202': ref('SweepSummary') },
      problems: ['404'],
    }),
  },
};
