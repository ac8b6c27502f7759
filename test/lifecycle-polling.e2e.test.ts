import { randomUUID } from 'node:crypto';
import { AkSkAuth, ModelArtsClient, type CreatedJob } from '@jobgate/modelarts';
import { createPool, tables } from '@jobgate/store';
import { testServices } from './support/services';
import { SIM_CREDENTIALS, Stack, eventually } from './support/stack';
import { sampleJob } from './support/seed-samples';

const ACTIVE = 1_000;

interface SimCall {
  seq: number;
  op: string;
  query?: string;
}

/** The poller's cost: 1,000 active jobs are followed with at most 3 ModelArts calls per tick. */
describe('lifecycle: bulk status polling', () => {
  const stack = new Stack({
    roles: { poller: 1 },
    env: { POLL_INTERVAL_MS: '500' },
    simEnv: { SIM_INIT_MS: '0', SIM_WAITING_MS: '1000', SIM_RUNNING_MS: '600000' },
  });
  beforeAll(() => stack.start(), 120_000);
  afterAll(() => stack.stop());

  it(`polls ${ACTIVE} active jobs with at most 3 calls per tick and moves each one to running`, async () => {
    // The jobs are created in ModelArts directly and recorded the way the worker records them.
    const client = new ModelArtsClient({ endpoint: stack.simUrl, projectId: 'e2e-project', auth: new AkSkAuth(SIM_CREDENTIALS) });
    const created: CreatedJob[] = [];
    for (let i = 0; i < ACTIVE; i += 50) {
      created.push(...(await Promise.all(Array.from({ length: 50 }, (_, k) => client.createTrainingJob(sampleJob(`bulk-${i + k}`))))));
    }
    await recordAsSubmitted(stack.schema, created);
    await stack.sim('/calls', { method: 'DELETE' });

    const pool = createPool({ url: testServices().databaseUrl, max: 1 });
    try {
      await eventually(
        async () => {
          const { rows } = await pool.query(`SELECT count(*)::int AS n FROM ${tables(stack.schema).jobs} WHERE status = 'running' AND started_at IS NOT NULL`);
          return rows[0].n === ACTIVE;
        },
        { what: 'every job running', timeoutMs: 60_000 },
      );
    } finally {
      await pool.end();
    }
    await new Promise((r) => setTimeout(r, 1_500)); // a few more ticks with nothing to change

    const ticks = groupByTick(await stack.sim('/calls'));
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    for (const tick of ticks) expect(tick.length).toBeLessThanOrEqual(3);
    expect(ticks.flat().every((c) => c.op === 'list' || c.op === 'detail')).toBe(true);
  }, 180_000);
});

/** Inserts one `submitted` record per ModelArts job, in one statement. */
async function recordAsSubmitted(schema: string, jobs: CreatedJob[]): Promise<void> {
  const pool = createPool({ url: testServices().databaseUrl, max: 1 });
  try {
    await pool.query(
      `INSERT INTO ${tables(schema).jobs} (id, status, job_name, training_job, modelarts_job_id, modelarts_version_id, modelarts_status, modelarts_create_time, submitted_at)
       SELECT id, 'submitted', name, jsonb_build_object('job_name', name, 'config', '{}'::jsonb), mid, vid, 1, to_timestamp(ct / 1000.0), now()
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::bigint[]) AS t(id, name, mid, vid, ct)`,
      [jobs.map(() => randomUUID()), jobs.map((j) => j.jobName), jobs.map((j) => j.jobId), jobs.map((j) => j.versionId), jobs.map((j) => j.createTime)],
    );
  } finally {
    await pool.end();
  }
}

/** A tick starts with its first list page; the calls up to the next one are that tick's. */
function groupByTick(calls: SimCall[]): SimCall[][] {
  const ticks: SimCall[][] = [];
  for (const call of [...calls].sort((a, b) => a.seq - b.seq)) {
    const firstPage = call.op === 'list' && new URLSearchParams(call.query ?? '').get('page') === '1';
    if (firstPage || ticks.length === 0) ticks.push([]);
    ticks[ticks.length - 1]!.push(call);
  }
  return ticks;
}
