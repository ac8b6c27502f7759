import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../run-cli';
import { startFakeJobgate, type FakeJobgate } from '../test-support/fake-jobgate';
import { JOB_ID, jobRecord } from '../test-support/job-record.fixture';
import { instantSleep, memoryOutput } from '../test-support/memory-output';

const RERUN_ID = '7d1a4b2c-0000-4000-8000-000000000001';
const ref = {
  job_id: '501',
  version_id: null,
  version_name: null,
  resource_id: null,
  status: null,
  status_name: null,
  create_time: null,
  pre_version_id: '601',
};

describe('jobgate rerun, specs and engines', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jobgate-rerun-'));
  let fake: FakeJobgate | undefined;
  afterEach(() => fake?.close());

  async function run(argv: string[]) {
    let polls = 0;
    fake = await startFakeJobgate((req) => {
      if (req.method === 'POST') return { status: 202, body: jobRecord({ id: RERUN_ID, rerun_of: JOB_ID, modelarts: ref }) };
      if (req.path === '/v1/modelarts/specs') {
        return {
          status: 200,
          body: {
            items: [
              { spec_id: '1', spec_code: 'modelarts.vm.cpu.2u', core: '2', cpu: '8', gpu_num: 0, gpu_type: '', max_num: 2, storage: '', no_resource: false },
            ],
            refreshed_at: '2024-05-01T12:00:00.000Z',
          },
        };
      }
      if (req.path === '/v1/modelarts/engines') {
        return {
          status: 200,
          body: {
            items: [{ engine_id: '1', engine_name: 'TensorFlow', engine_version: 'TF-1.8.0-python3.6', engine_type: 1 }],
            refreshed_at: '2024-05-01T12:00:00.000Z',
          },
        };
      }
      const done = polls++ > 0;
      return {
        status: 200,
        body: jobRecord({
          id: RERUN_ID,
          rerun_of: JOB_ID,
          status: done ? 'succeeded' : 'running',
          modelarts: { ...ref, version_id: '602', version_name: 'V0002' },
        }),
      };
    });
    const output = memoryOutput();
    const code = await runCli(argv, { env: { JOBGATE_URL: fake.url, JOBGATE_API_KEY: 'k' }, output, sleep: instantSleep().sleep });
    return { code, stdout: output.stdout.text(), stderr: output.stderr.text(), requests: fake.requests };
  }

  it('sends the changes of a file with each --param merged into its parameters, and the idempotency key', async () => {
    const file = join(dir, 'changes.yaml');
    writeFileSync(file, 'config:\n  spec_id: 2\n  parameter:\n    - {label: epochs, value: "5"}\n');
    const result = await run(['rerun', JOB_ID, '--config', file, '--param', 'learning_rate=0.02', '--idempotency-key', 'r-1']);
    expect(result.code).toBe(0);
    expect(result.requests[0]).toMatchObject({ method: 'POST', path: `/v1/jobs/${JOB_ID}/rerun`, headers: { 'idempotency-key': 'r-1' } });
    expect(result.requests[0]!.body).toEqual({
      config: {
        spec_id: 2,
        parameter: [
          { label: 'epochs', value: '5' },
          { label: 'learning_rate', value: '0.02' },
        ],
      },
    });
    expect(result.stdout).toContain(`accepted rerun ${RERUN_ID} of job ${JOB_ID} (TestModelArtsJob): queued; it becomes a new version of ModelArts job 501`);
  });

  it('sends an empty body without changes, and --wait follows the new job to its end with its version', async () => {
    const result = await run(['rerun', JOB_ID, '--wait', '--interval-ms', '5']);
    expect(result.code).toBe(0);
    expect(result.requests[0]!.body).toEqual({});
    expect(result.stdout).toMatch(/running .*\[V0002\]\n.*succeeded .*\[V0002\]\n$/);
  });

  it('refuses a --param without a label', async () => {
    const result = await run(['rerun', JOB_ID, '--param', '=3']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--param must be label=value');
  });

  it("prints the account's flavors and engines as tables", async () => {
    const specs = await run(['specs']);
    expect(specs.stdout.split('\n').slice(0, 2)).toEqual([
      'SPEC_ID  CODE                 VCPUS  MEMORY  GPUS  MAX_WORKERS  CAPACITY',
      '1        modelarts.vm.cpu.2u  2      8       0     2            available',
    ]);
    const engines = await run(['engines', '--json']);
    expect(JSON.parse(engines.stdout).items[0]).toMatchObject({ engine_id: '1', engine_name: 'TensorFlow' });
  });
});
