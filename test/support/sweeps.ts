import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import { planSweep, validateCreateSweepRequest } from '@jobgate/contracts';
import { Lifecycle } from '@jobgate/lifecycle';
import { createLogger } from '@jobgate/logging';
import { JobgateQueues } from '@jobgate/queues';
import { Store, type NewSweep } from '@jobgate/store';
import { buildApp } from '@jobgate/api';
import { freshDatabase, type FreshDatabase } from './fresh-database';
import { sampleJob } from './seed-samples';
import { testRedis, uniquePrefix } from './services';

export interface SweepInputOptions {
  /** Template job name; trials are `<name>-<n>`. Default `trial`. */
  name?: string;
  /** A grid over `lr` = 1…values (default 7), unless `random` trials are asked for. */
  values?: number;
  random?: number;
  /** More request fields (max_parallel, objective…). */
  extra?: Record<string, unknown>;
}

/** A validated and planned sweep, ready for SweepRepository.create, as the API would build it. */
export function newSweepInput(options: SweepInputOptions = {}): NewSweep {
  const id = randomUUID();
  const parameters = options.random ? { lr: { min: 0, max: 1 } } : { lr: { values: Array.from({ length: options.values ?? 7 }, (_, i) => i + 1) } };
  const checked = validateCreateSweepRequest({
    name: 'test sweep',
    template: {
      training_job: { job_name: options.name ?? 'trial', config: { worker_server_num: 1, data_url: '/d/', spec_id: 1, model_id: 1 } },
      labels: { team: 'ml' },
    },
    method: options.random ? 'random' : 'grid',
    parameters,
    ...(options.random ? { max_trials: options.random } : {}),
    ...options.extra,
  });
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  const planned = planSweep(checked.value, { sweepId: id, seed: 1 });
  if (!planned.ok) throw new Error(JSON.stringify(planned.issues));
  return { id, request: checked.value, trials: planned.value, seed: options.random ? 1 : null, requestId: 'req-1' };
}

/** A `POST /v1/sweeps` body: a 3×4 grid over a small valid job named `name`. */
export function gridSweepBody(name: string, extra: Record<string, unknown> = {}) {
  return {
    name: `${name} search`,
    template: { training_job: sampleJob(name), labels: { team: 'vision' } },
    method: 'grid',
    parameters: { lr: { values: [0.1, 0.01, 0.001] }, batch: { min: 16, max: 64, step: 16 } },
    max_parallel: 2,
    ...extra,
  };
}

const TEST_API_KEY = 'test-key-0123456789abcdef';
export const testAuth = { Authorization: `Bearer ${TEST_API_KEY}` };

/**
 * The API app on a lifecycle of its own (every /v1 route mounted); stop calls land in `queues.cancel`,
 * random seeds are 12345. The lifecycle's relay sweep is not started: entries are published by the
 * intents themselves, right after their commit.
 */
export function sweepApp(db: FreshDatabase, queues: JobgateQueues): Express {
  const logger = createLogger({ level: 'silent' });
  const lifecycle = new Lifecycle({ store: new Store(db.pool, { schema: db.schema }), queues, logger });
  return buildApp({ auth: { apiKeys: [TEST_API_KEY], disabled: false }, lifecycle, logger, randomSeed: () => 12345 });
}

/** What a test of the sweep app gets: a fresh database, queues on a fresh prefix, and the app on them. */
export interface SweepAppHarness {
  db: FreshDatabase;
  queues: JobgateQueues;
  app: Express;
}

/**
 * Registers the set-up and clean-up of a sweep-app test suite (call inside `describe`); the fields of the
 * returned object are fresh for each test.
 */
export function useSweepApp(): SweepAppHarness {
  const redis = testRedis('producer');
  const harness = {} as SweepAppHarness;
  beforeEach(async () => {
    harness.db = await freshDatabase();
    harness.queues = new JobgateQueues({ connection: redis, prefix: uniquePrefix() });
    harness.app = sweepApp(harness.db, harness.queues);
  });
  afterEach(async () => {
    await Promise.all(harness.queues.all().map((queue) => queue.obliterate({ force: true })));
    await harness.queues.close();
    await harness.db.drop();
  });
  afterAll(() => redis.quit());
  return harness;
}
