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
    const script = [
      { status: 'submitted' as const, updated_at: '2024-05-01T12:00:03Z' },
      running,
      running,
      { status: 'succeeded' as const, updated_at: '2024-05-01T12:01:10Z' },
    ];
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

describe('jobgate submit <file of many jobs>', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jobgate-batch-'));
  let fake: FakeJobgate | undefined;
  afterEach(() => fake?.close());

  /** A jobgate that accepts every item except those named `bad…` (400) and `taken…` (409). */
  async function run(file: string, ...argv: string[]) {
    fake = await startFakeJobgate((req) => {
      const jobs = (req.body as { jobs: { training_job: { job_name: string } }[] }).jobs;
      const items = jobs.map(({ training_job: { job_name: name } }) => {
        if (name.startsWith('bad'))
          return {
            status: 400,
            problem: { type: 't', title: 'Invalid request', status: 400, errors: [{ path: 'training_job.job_name', message: 'must match the pattern' }] },
          };
        if (name.startsWith('taken'))
          return { status: 409, problem: { type: 't', title: 'Conflict', status: 409, detail: `job_name "${name}" is already used` } };
        return { status: 202, job: jobRecord({ job_name: name }) };
      });
      return { status: 207, body: { accepted: items.filter((i) => i.status === 202).length, refused: items.filter((i) => i.status !== 202).length, items } };
    });
    const output = memoryOutput();
    const code = await runCli(['submit', file, ...argv], { env: { JOBGATE_URL: fake.url, JOBGATE_API_KEY: 'k' }, output, sleep: instantSleep().sleep });
    return { code, stdout: output.stdout.text(), stderr: output.stderr.text(), requests: fake.requests };
  }

  it('sends every item (bare or full, with the flags applied) in one batch and prints one line per item', async () => {
    const file = join(dir, 'jobs.yaml');
    writeFileSync(
      file,
      'jobs:\n  - job_name: one\n    config: {spec_id: 1}\n  - training_job: {job_name: bad name}\n  - training_job: {job_name: two}\n    labels: {team: nlp}\n',
    );
    const result = await run(file, '--label', 'run=7');
    expect(result.requests).toHaveLength(1);
    expect(result.requests[0]).toMatchObject({ method: 'POST', path: '/v1/jobs/batch' });
    expect(result.requests[0]!.body).toEqual({
      jobs: [
        { training_job: { job_name: 'one', config: { spec_id: 1 } }, labels: { run: '7' } },
        { training_job: { job_name: 'bad name' }, labels: { run: '7' } },
        { training_job: { job_name: 'two' }, labels: { team: 'nlp', run: '7' } },
      ],
    });
    expect(result.stdout.split('\n')).toEqual([
      `jobs[0]: accepted job ${JOB_ID} (one): queued`,
      'jobs[1]: refused (400) training_job.job_name must match the pattern',
      `jobs[2]: accepted job ${JOB_ID} (two): queued`,
      '2 of 3 accepted',
      '',
    ]);
    expect(result.code).toBe(2);
  });

  it('splits 2,500 jobs into batches of 1,000 with one idempotency key each, and exits 5 on a name conflict', async () => {
    const file = join(dir, 'many.json');
    writeFileSync(file, JSON.stringify({ jobs: Array.from({ length: 2_500 }, (_, i) => ({ job_name: i === 2_400 ? 'taken-1' : `j-${i}` })) }));
    const result = await run(file, '--idempotency-key', 'nightly', '--json');
    expect(result.requests.map((r) => [(r.body as { jobs: unknown[] }).jobs.length, r.headers['idempotency-key']])).toEqual([
      [1_000, 'nightly'],
      [1_000, 'nightly.1'],
      [500, 'nightly.2'],
    ]);
    expect(JSON.parse(result.stdout)).toMatchObject({ accepted: 2_499, refused: 1 });
    expect(result.code).toBe(5);
  });

  it('refuses --wait with a file of many jobs', async () => {
    const file = join(dir, 'wait.json');
    writeFileSync(file, JSON.stringify({ jobs: [{ job_name: 'a' }] }));
    const result = await run(file, '--wait');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--wait follows one job/);
    expect(result.requests).toHaveLength(0);
  });
});
