import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobRecord } from '@jobgate/contracts/records';
import { runCli } from '../run-cli';
import { startFakeJobgate, type FakeJobgate, type FakeReply } from '../test-support/fake-jobgate';
import { JOB_ID, jobRecord } from '../test-support/job-record.fixture';
import { instantSleep, memoryOutput } from '../test-support/memory-output';

/** A jobgate whose job goes through `script`, one reply per poll; the last reply repeats. */
function scriptedJob(script: Array<Partial<JobRecord> | FakeReply>) {
  let polls = 0;
  return (req: { method: string; path: string }): FakeReply => {
    if (req.method === 'POST' && req.path === '/v1/jobs') return { status: 202, body: jobRecord() };
    const step = script[Math.min(polls++, script.length - 1)]!;
    return 'status' in step && typeof step.status === 'number' ? (step as FakeReply) : { status: 200, body: jobRecord(step as Partial<JobRecord>) };
  };
}

describe('jobgate submit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jobgate-submit-'));
  const jobFile = join(dir, 'job.yaml');
  writeFileSync(jobFile, 'job_name: TestModelArtsJob\nconfig:\n  spec_id: 1\n');
  let fake: FakeJobgate | undefined;
  afterEach(() => fake?.close());

  async function run(script: Array<Partial<JobRecord> | FakeReply>, ...argv: string[]) {
    fake = await startFakeJobgate(scriptedJob(script));
    const output = memoryOutput();
    const clock = instantSleep();
    const code = await runCli(argv, { env: { JOBGATE_URL: fake.url, JOBGATE_API_KEY: 'k' }, output, sleep: clock.sleep });
    return { code, stdout: output.stdout.text(), stderr: output.stderr.text(), waits: clock.waits, requests: fake.requests };
  }

  it('wraps a bare YAML training job, adds the labels and prints the accepted record as JSON', async () => {
    const result = await run([], 'submit', jobFile, '--label', 'team=vision', '--webhook-url', 'https://hooks.example/a', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(jobRecord());
    expect(result.requests[0]!.body).toEqual({
      training_job: { job_name: 'TestModelArtsJob', config: { spec_id: 1 } },
      labels: { team: 'vision' },
      webhook_url: 'https://hooks.example/a',
    });
  });

  it('prints a readable acceptance without --json', async () => {
    const result = await run([], 'submit', jobFile);
    expect(result.stdout).toBe(`accepted job ${JOB_ID} (TestModelArtsJob): queued\nfollow it with: jobgate status ${JOB_ID}\n`);
  });

  it('--wait prints each status change once and exits 0 when the job succeeded', async () => {
    const running = { status: 'running' as const, updated_at: '2024-05-01T12:00:09Z', modelarts: modelArts(8, 'RUNNING') };
    const script = [{ status: 'submitted' as const, updated_at: '2024-05-01T12:00:03Z' }, running, running, { status: 'succeeded' as const, updated_at: '2024-05-01T12:01:10Z' }];
    const result = await run(script, 'submit', jobFile, '--wait', '--interval-ms', '250');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      `accepted job ${JOB_ID} (TestModelArtsJob): queued`,
      '12:00:03  TestModelArtsJob  submitted',
      '12:00:09  TestModelArtsJob  running (ModelArts 8 RUNNING)',
      '12:01:10  TestModelArtsJob  succeeded',
      '',
    ]);
    expect(result.waits).toEqual([250, 250, 250, 250]);
  });

  it('--wait exits 1 when the job failed, showing the error, and rides out a 503 while polling', async () => {
    const error = { code: 'ModelArts.0103', message: 'The job name already exists in ModelArts', retryable: false };
    const unavailable: FakeReply = { status: 503, body: { status: 503, title: 'Service Unavailable', detail: 'restarting' } };
    const result = await run([unavailable, unavailable, { status: 'failed', error }], 'submit', jobFile, '--wait', '--interval-ms', '5');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('failed — ModelArts.0103: The job name already exists in ModelArts');
  });

  it('--wait exits 1 on canceled; with --json stdout holds only the final record and changes go to stderr', async () => {
    const result = await run([{ status: 'canceling' }, { status: 'canceled' }], 'submit', jobFile, '--wait', '--json', '--interval-ms', '5');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ id: JOB_ID, status: 'canceled' });
    expect(result.stderr).toMatch(/: queued\n.*canceling\n.*canceled\n$/);
  });

  it('stops waiting after too many failed polls in a row, with the last error', async () => {
    const down: FakeReply = { status: 502, body: 'Bad Gateway', contentType: 'text/plain' };
    const result = await run([down], 'submit', jobFile, '--wait', '--interval-ms', '5');
    expect(result.code).toBe(7);
    expect(result.stderr).toBe('jobgate failed (502): Bad Gateway\n');
    expect(result.requests).toHaveLength(1 + 6);
  });
});

function modelArts(status: number, statusName: string): JobRecord['modelarts'] {
  return { job_id: '1', version_id: '2', version_name: 'V0001', resource_id: null, status, status_name: statusName, create_time: null, pre_version_id: null };
}
