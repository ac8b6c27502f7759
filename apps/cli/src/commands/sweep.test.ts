import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../run-cli';
import type { JobStatus, SweepDetail, SweepStatus } from '@jobgate/contracts/records';
import { startFakeJobgate, type FakeJobgate } from '../test-support/fake-jobgate';
import { instantSleep, memoryOutput } from '../test-support/memory-output';
import { SWEEP_ID, sweepRecord, sweepTrial } from '../test-support/sweep-record.fixture';

const sweep = (status: SweepStatus, counts: Partial<Record<JobStatus, number>>, extra: Partial<SweepDetail> = {}): SweepDetail =>
  sweepRecord(counts, { status, ...extra });

/** A sweep of 4 trials moving through `polls`; the last state repeats. */
const POLLS = [
  sweep('running', { queued: 2, pending: 2 }),
  sweep('running', { running: 2, pending: 2 }),
  sweep('running', { running: 2, pending: 2 }),
  sweep('running', { succeeded: 1, running: 2, pending: 1 }),
  sweep('running', { succeeded: 3, failed: 1 }),
  sweep(
    'succeeded',
    { succeeded: 3, failed: 1 },
    { best_trial: sweepTrial({ id: 'j2', trial: 2, job_name: 'lr-search-2', parameters: { lr: '0.01' }, metrics: { loss: 0.12 } }) },
  ),
];

describe('jobgate sweep', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jobgate-sweep-'));
  const sweepFile = join(dir, 'sweep.yaml');
  writeFileSync(sweepFile, 'name: lr-search\nmethod: grid\ntemplate:\n  training_job:\n    job_name: lr-search\nparameters:\n  lr:\n    values: [0.1, 0.01]\n');
  let fake: FakeJobgate | undefined;
  afterEach(() => fake?.close());

  async function run(polls: SweepDetail[], options: { isTTY?: boolean; columns?: number }, ...argv: string[]) {
    let n = 0;
    fake = await startFakeJobgate((req) =>
      req.method === 'POST' ? { status: 202, body: sweep('running', { pending: 4 }) } : { status: 200, body: polls[Math.min(n++, polls.length - 1)] },
    );
    const output = memoryOutput(options);
    const code = await runCli(argv, { env: { JOBGATE_URL: fake.url, JOBGATE_API_KEY: 'k' }, output, sleep: instantSleep().sleep });
    return { code, stdout: output.stdout.text(), stderr: output.stderr.text(), requests: fake.requests };
  }

  it('posts the YAML file as the sweep body', async () => {
    const result = await run([], {}, 'sweep', sweepFile, '--json');
    expect(result.code).toBe(0);
    expect(result.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/sweeps',
      body: { name: 'lr-search', method: 'grid', parameters: { lr: { values: [0.1, 0.01] } } },
    });
    expect(JSON.parse(result.stdout)).toMatchObject({ id: SWEEP_ID, status: 'running' });
  });

  it('--watch without a TTY prints one progress line per change, then the result', async () => {
    const result = await run(POLLS, { isTTY: false }, 'sweep', sweepFile, '--watch');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      `accepted sweep ${SWEEP_ID} (lr-search): 4 trials`,
      '[....................] 0/4 pending 4 · sweep running',
      '[==========..........] 0/4 queued 2 · pending 2 · sweep running',
      '[==========..........] 0/4 running 2 · pending 2 · sweep running',
      '[#####==========.....] 1/4 succeeded 1 · running 2 · pending 1 · sweep running',
      '[####################] 4/4 succeeded 3 · failed 1 · sweep running',
      'sweep lr-search running',
      '',
    ]);
    expect(result.requests.filter((r) => r.method === 'GET')).toHaveLength(5);
  });

  it('--watch on a TTY redraws one line in place, with a bar a third of the terminal wide', async () => {
    const result = await run(POLLS.slice(3), { isTTY: true, columns: 90 }, 'sweep', sweepFile, '--watch');
    const draws = result.stdout.split('\r\x1b[2K');
    expect(draws[0]).toBe(`accepted sweep ${SWEEP_ID} (lr-search): 4 trials\n`);
    const lines = draws.slice(1).map((draw) => draw.split('\n')[0]!);
    expect(lines).toEqual([
      `[${'.'.repeat(30)}] 0/4 pending 4 · sweep running`,
      `[${'#'.repeat(7)}${'='.repeat(15)}${'.'.repeat(8)}] 1/4 succeeded 1 · running 2 · pending 1 · sweep running`,
      `[${'#'.repeat(30)}] 4/4 succeeded 3 · failed 1 · sweep running`,
    ]);
    expect(draws.at(-1)).toMatch(/ · sweep running\nsweep lr-search running\n$/);
  });

  it('--watch on a narrow TTY cuts the line rather than let it wrap', async () => {
    const result = await run(POLLS.slice(3), { isTTY: true, columns: 40 }, 'sweep', sweepFile, '--watch');
    const lines = result.stdout
      .split('\r\x1b[2K')
      .slice(1)
      .map((draw) => draw.split('\n')[0]!);
    expect(lines[1]).toBe('[###======....] 1/4 succeeded 1 · runn…');
    expect(lines[1]).toHaveLength(39);
  });

  it('--watch follows a sweep whose status ends it, and names its best trial', async () => {
    const result = await run([POLLS[1]!, POLLS[5]!], {}, 'sweep', sweepFile, '--watch');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /\] 4\/4 succeeded 3 · failed 1 · sweep succeeded\nsweep lr-search succeeded; best trial lr-search-2 \(lr=0\.01\) loss=0\.12\n$/,
    );
  });

  it('--watch exits 1 when the sweep failed; with --json stdout holds only the final sweep', async () => {
    const failed = sweep('failed', { succeeded: 1, failed: 3 });
    const result = await run([POLLS[1]!, failed], {}, 'sweep', sweepFile, '--watch', '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual(failed);
    expect(result.stderr).toMatch(/sweep failed\n$/);
  });
});
