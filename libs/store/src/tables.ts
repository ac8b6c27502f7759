import { quoteIdent } from './create-pool';

/** jobgate's tables, by their names in the migrations. */
export const TABLE_NAMES = [
  'api_keys',
  'audit_log',
  'idempotency_batches',
  'idempotency_keys',
  'job_attempts',
  'job_events',
  'job_metric_steps',
  'jobs',
  'outbox',
  'schema_migrations',
  'sweeps',
  'teams',
  'webhook_attempts',
  'webhook_events',
] as const;

type TableName = (typeof TABLE_NAMES)[number];

/**
 * Every table schema-qualified (`"schema".jobs`), for SQL text. jobgate names its schema in every
 * statement instead of relying on a connection's search_path: behind a transaction-pooling proxy
 * (PgBouncer) a connection is shared and start-up options do not reach the server.
 */
export type Tables = { readonly [name in TableName]: string } & { readonly schema: string };

export function tables(schema: string): Tables {
  const qualified = Object.fromEntries(TABLE_NAMES.map((name) => [name, `${quoteIdent(schema)}.${name}`])) as { [name in TableName]: string };
  return { ...qualified, schema };
}
