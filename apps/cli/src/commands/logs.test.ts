import type { LogPage } from '@jobgate/contracts/records';
import { runCli } from '../run-cli';
import { startFakeJobgate, type FakeJobgate, type FakeReply } from '../test-support/fake-jobgate';
import { JOB_ID, jobRecord } from '../test-support/job-record.fixture';
import { instantSleep, memoryOutput } from '../test-support/memory-output';

const page = (lines: string[], first: number, next: string | null, extra: Partial<LogPage> = {}): LogPage => ({
  files: ['job-x.0', 'job-x.1'],
  file: 'job-x.0',
  lines,
  first_line: lines.length ? first : null,
  next_cursor: next,
  hint: null,
  ...extra,
});

describe('jobgate logs', () => {
  let fake: FakeJobgate | undefined;
  afterEach(() => fake?.close());

  /** A jobgate whose log answers `pages` one after the other (the last repeats), and whose job ends `status`. */
  async function run(pages: Array<LogPage | FakeReply>, argv: string[], status = 'succeeded' as const) {
    let served = 0;
    fake = await startFakeJobgate((req) => {
      if (req.path.endsWith('/logs')) {
        const next = pages[Math.min(served++, pages.length - 1)]!;
        return 'files' in next ? { status: 200, body: next } : next;
      }
      return { status: 200, body: jobRecord({ status }) };
    });
    const output = memoryOutput();
    const clock = instantSleep();
    const code = await runCli(argv, { env: { JOBGATE_URL: fake.url, JOBGATE_API_KEY: 'k' }, output, sleep: clock.sleep });
    return {
      code,
      stdout: output.stdout.text(),
      stderr: output.stderr.text(),
      waits: clock.waits,
      cursors: fake.requests.filter((r) => r.path.endsWith('/logs')).map((r) => r.query.get('cursor')),
    };
  }

  it('prints the lines there are now, page after page, and stops at the first short page', async () => {
    const result = await run([page(['a', 'b'], 1, '2'), page(['c'], 3, '3'), page([], 0, '3')], ['logs', JOB_ID]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('a\nb\nc\n');
    expect(result.cursors).toEqual(['0', '2', '3']);
    expect(result.stderr).toBe('log files: job-x.0, job-x.1 (showing job-x.0; pick one with --file)\n');
  });

  it('--follow waits for new lines while the job runs, rides out a 429 by its Retry-After, and ends with the job', async () => {
    const busy: FakeReply = { status: 429, body: { status: 429, title: 'Too Many Requests', code: 'modelarts_read_budget', retry_after_sec: 3 } };
    const result = await run(
      [
        page([], 0, '0', { files: [], file: null, hint: 'ModelArts is not logging for this job yet (ModelArts.2776 NotReadyToFetchLog)' }),
        page(['a'], 1, '1'),
        busy,
        page([], 0, '1'),
        page(['b', 'c'], 2, '3'),
        page([], 0, null),
      ],
      ['logs', JOB_ID, '--follow', '--interval-ms', '100', '--file', 'job-x.0'],
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('a\nb\nc\n');
    expect(result.cursors).toEqual(['0', '0', '1', '1', '1', '3']);
    expect(result.waits).toEqual([100, 3_000, 100]);
    expect(result.stderr).toContain('ModelArts.2776');
    expect(result.stderr).toContain(`job ${JOB_ID} (TestModelArtsJob) succeeded`);
  });

  it('--follow exits 1 when the job failed; --json prints one object per line', async () => {
    const result = await run([page(['a', 'b'], 5, null)], ['logs', JOB_ID, '-f', '--json'], 'failed' as never);
    expect(result.code).toBe(1);
    expect(
      result.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { file: 'job-x.0', line_number: 5, line: 'a' },
      { file: 'job-x.0', line_number: 6, line: 'b' },
    ]);
  });

  it('ends with the problem jobgate gave for a cleared log', async () => {
    const gone: FakeReply = {
      status: 410,
      body: { status: 410, title: 'Gone', code: 'log_cleared', detail: "ModelArts has cleared this job's log (ModelArts.2819: LogFileHasCleared)" },
    };
    const result = await run([gone], ['logs', JOB_ID, '--follow']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ModelArts.2819');
  });
});
