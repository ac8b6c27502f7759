import type { Server } from 'node:http';
import fc from 'fast-check';
import { validateCreateJobRequest } from '@jobgate/contracts';
import { createRedis, JobgateQueues } from '@jobgate/queues';
import { JobRepository } from '@jobgate/store';
import { dispatchOnce } from '../../../../test/support/dispatch';
import { freshDatabase, type FreshDatabase } from '../../../../test/support/fresh-database';
import { mutated, notJson } from '../../../../test/support/json-mutations';
import { seedSamples } from '../../../../test/support/seed-samples';
import { testServices, uniqueName } from '../../../../test/support/services';
import { gridSweepBody, sweepApp, testAuth } from '../../../../test/support/sweeps';

// Thousands of bodies in well under a minute: one listening server, one keep-alive client.
const JOB_RUNS = 2_500;
const SWEEP_RUNS = 1_200;

describe('intake fuzzing: random and mutated bodies (real PostgreSQL and Redis)', () => {
  let db: FreshDatabase;
  let queues: JobgateQueues;
  let server: Server;
  let url: string;
  const redis = createRedis({ url: testServices().redisUrl, role: 'producer' });
  let n = 0;
  const unique = () => `fz${(n++).toString(36)}`;

  beforeEach(async () => {
    db = await freshDatabase();
    queues = new JobgateQueues({ connection: redis, prefix: uniqueName('q') });
    server = sweepApp(db, queues).listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    await queues.submit.obliterate({ force: true });
    await queues.close();
    await db.drop();
  });
  afterAll(() => redis.quit());

  /** Sends one body; fails the property on a 5xx, or on a 4xx that is not a problem document. */
  async function send(path: string, body: string, idempotencyKey?: string): Promise<{ status: number; json: any; replayed: boolean }> {
    const headers: Record<string, string> = {
      ...testAuth,
      'Content-Type': 'application/json',
      ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
    };
    const res = await fetch(url + path, { method: 'POST', headers, body });
    const json = await res.json();
    if (res.status >= 500 || (res.status >= 300 && res.status < 400)) throw new Error(`${res.status} for ${body.slice(0, 300)}: ${JSON.stringify(json)}`);
    if (res.status >= 400) {
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(json.status).toBe(res.status);
    }
    return { status: res.status, json, replayed: res.headers.get('idempotent-replayed') === 'true' };
  }

  /**
   * Admits everything waiting (nothing reaches the submit queue before that), then checks that every
   * queue entry belongs to a record that validates as a POST /v1/jobs body. Returns how many entries.
   */
  async function queuedRecordsRevalidate(): Promise<number> {
    const states = ['waiting', 'delayed', 'prioritized'] as const;
    expect(await queues.submit.getJobs([...states])).toEqual([]);
    const admitted = await dispatchOnce(db, queues, { maxActive: 100_000, window: 100_000, policy: 'fair' });
    const entries = await queues.submit.getJobs([...states]);
    expect(entries).toHaveLength(admitted);
    const jobs = new JobRepository(db.pool, db.t);
    for (const entry of entries) {
      const record = (await jobs.get(entry.data.jobId))!;
      const body = {
        training_job: record.training_job,
        labels: record.labels,
        priority: record.priority,
        ...(record.webhook_url ? { webhook_url: record.webhook_url } : {}),
      };
      expect([entry.data.jobId, validateCreateJobRequest(body).ok]).toEqual([entry.data.jobId, true]);
    }
    return entries.length;
  }

  it('POST /v1/jobs: never a 5xx, and exactly the accepted jobs reach the queue once admitted, each valid', async () => {
    const seed = fc
      .constantFrom(...seedSamples())
      .map((sample) => ({ training_job: { ...sample, job_name: unique() }, labels: { team: 'fuzz' }, webhook_url: 'https://hooks.example.com/x' }));
    const body = fc.oneof({ weight: 9, arbitrary: mutated(seed).map((v) => JSON.stringify(v)) }, { weight: 1, arbitrary: notJson });
    // Now and then an Idempotency-Key: replays must not enqueue twice, bad keys are 400s.
    const key = fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('k1', 'k2', 'bad key', 'x'.repeat(300)) });
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(body, key, async (text, idempotencyKey) => {
        const res = await send('/v1/jobs', text, idempotencyKey);
        if (res.status === 202 && !res.replayed) accepted++;
      }),
      { numRuns: JOB_RUNS },
    );
    expect(accepted).toBeGreaterThan(JOB_RUNS / 10);
    expect(await queuedRecordsRevalidate()).toBe(accepted);
  });

  it('POST /v1/sweeps: never a 5xx, and admission queues exactly the trials the answers say were released', async () => {
    const seed = fc.constantFrom('grid', 'random').map((method) => {
      const sweep = gridSweepBody(unique(), { max_parallel: 2 }) as Record<string, unknown>;
      return method === 'grid'
        ? sweep
        : { ...sweep, method: 'random', max_trials: 4, seed: 7, parameters: { lr: { min: 0.001, max: 1, distribution: 'log_uniform' } } };
    });
    const body = fc.oneof({ weight: 9, arbitrary: mutated(seed).map((v) => JSON.stringify(v)) }, { weight: 1, arbitrary: notJson });
    let released = 0;
    let acceptedSweeps = 0;
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const res = await send('/v1/sweeps', text);
        if (res.status === 202) {
          acceptedSweeps++;
          released += res.json.counts.queued;
        }
      }),
      { numRuns: SWEEP_RUNS },
    );
    expect(acceptedSweeps).toBeGreaterThan(SWEEP_RUNS / 10);
    expect(await queuedRecordsRevalidate()).toBe(released);
  });
});
