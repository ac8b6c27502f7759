import { contractSchemas, type JsonSchema } from '@jobgate/contracts';
import { PROBLEM_RESPONSES } from './operation';
import { RECORD_SCHEMAS, ref } from './record-schemas';
import { V1_PATHS } from './v1-paths';
import { webhookOperations } from './webhooks';

const PUBLIC = { security: [] };

// Operator endpoints, public like the page that documents them.
const OPS_PATHS: Record<string, Record<string, JsonSchema>> = {
  '/healthz': {
    get: {
      ...PUBLIC,
      operationId: 'getHealth',
      tags: ['operations'],
      summary: 'Liveness: the process answers',
      responses: { '200': { description: 'alive', content: { 'application/json': { schema: ref('Health') } } } },
    },
  },
  '/readyz': {
    get: {
      ...PUBLIC,
      operationId: 'getReadiness',
      tags: ['operations'],
      summary: 'Readiness: Redis and PostgreSQL answer and migrations are applied',
      responses: {
        '200': { description: 'ready', content: { 'application/json': { schema: ref('Readiness') } } },
        '503': { description: 'not ready; `detail` names each failing part', content: { 'application/problem+json': { schema: ref('Problem') } } },
      },
    },
  },
  '/metrics': {
    get: {
      ...PUBLIC,
      operationId: 'getMetrics',
      tags: ['operations'],
      summary: 'Prometheus metrics (404 when METRICS_ENABLED=false)',
      responses: { '200': { description: 'text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } } },
    },
  },
  '/openapi.json': {
    get: {
      ...PUBLIC,
      operationId: 'getOpenApiDocument',
      tags: ['operations'],
      summary: 'This document',
      responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object', additionalProperties: true } } } } },
    },
  },
};

let cached: JsonSchema | null = null;

/**
 * The OpenAPI 3.1 document of the API: request schemas generated from the DTOs that validate
 * requests, answers from RECORD_SCHEMAS, the webhooks jobgate sends from WEBHOOK_EVENTS. Built once per process: the DTOs do not change at run time.
 */
export function openApiDocument(): JsonSchema {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'jobgate',
      version: '1',
      description:
        'A gateway for ModelArts v1 training jobs: validated intake, a shared submission rate, retries, status tracking, signed webhooks and sweeps.',
    },
    servers: [{ url: '/' }],
    security: [{ apiKey: [] }],
    tags: [{ name: 'jobs' }, { name: 'sweeps' }, { name: 'webhooks' }, { name: 'modelarts' }, { name: 'teams' }, { name: 'operations' }],
    paths: { ...V1_PATHS, ...OPS_PATHS },
    webhooks: webhookOperations(),
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'one of API_KEYS' } },
      schemas: { ...contractSchemas(), ...RECORD_SCHEMAS },
      responses: PROBLEM_RESPONSES,
    },
  };
  return cached;
}
