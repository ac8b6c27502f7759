import type { JsonSchema } from '@jobgate/contracts';
import { ref } from './record-schemas';

/** Problem responses shared by the operations (components.responses). */
export const PROBLEM_RESPONSES: Record<string, JsonSchema> = {
  '400': problem('Invalid body or query; `errors` lists every invalid field by its JSON path'),
  '401': problem('Missing or invalid API key', { 'WWW-Authenticate': { schema: { type: 'string' } } }),
  '403': problem('Operator keys only: a team key may not use this route'),
  '404': problem("Unknown id or route (another team's ids read as unknown)"),
  '409': problem('Conflict: the job_name is held by a live job, the job has already ended, or the team name is taken'),
  '410': problem('Gone for good: ModelArts has cleared the log (ModelArts.2819)'),
  '413': problem('Body over the 1 MB limit'),
  '415': problem('Body is not JSON'),
  '422': problem('Idempotency-Key reused with a different body'),
  '429': problem('API_RATE_LIMIT exceeded for this key, or (reads of ModelArts) the ModelArts read budget is spent or ModelArts throttles', {
    'Retry-After': { description: 'seconds until a request is accepted again', schema: { type: 'integer' } },
  }),
  '502': problem('ModelArts refused a read made on your behalf (its error_code is in the detail)'),
  '503': problem('Redis, PostgreSQL or ModelArts unavailable; nothing was stored, retry', { 'Retry-After': { schema: { type: 'integer' } } }),
};

function problem(description: string, headers?: Record<string, JsonSchema>): JsonSchema {
  return { description, ...(headers ? { headers } : {}), content: { 'application/problem+json': { schema: ref('Problem') } } };
}

export interface OperationSpec {
  /** Stable and unique in the document: the generated client (@jobgate/client) and its users know operations by it. */
  operationId: string;
  summary: string;
  tag: string;
  /** Request body schema (a DTO's). */
  body?: JsonSchema;
  /** Success status → schema of the JSON answer. */
  ok: Record<string, JsonSchema>;
  /** Problem statuses besides 401 and 429, which every /v1 operation can answer. */
  problems?: string[];
  parameters?: JsonSchema[];
  headers?: Record<string, JsonSchema>;
}

/** One /v1 operation: bearer-authenticated, rate-limited, problems as RFC 9457. */
export function operation(spec: OperationSpec): JsonSchema {
  const responses: Record<string, JsonSchema> = {};
  for (const [status, schema] of Object.entries(spec.ok)) {
    responses[status] = { description: 'OK', ...(spec.headers ? { headers: spec.headers } : {}), content: { 'application/json': { schema } } };
  }
  if (Object.keys(spec.ok).length === 0) {
    responses['204'] = { description: 'Done; no body' };
  }
  for (const status of ['401', '429', ...(spec.problems ?? [])].sort()) responses[status] = { $ref: `#/components/responses/${status}` };
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    tags: [spec.tag],
    ...(spec.parameters ? { parameters: spec.parameters } : {}),
    ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: spec.body } } } } : {}),
    responses,
  };
}

export const pathId = (description: string): JsonSchema => ({ name: 'id', in: 'path', required: true, description, schema: { type: 'string' } });
export const query = (name: string, schema: JsonSchema, description: string): JsonSchema => ({ name, in: 'query', required: false, description, schema });
