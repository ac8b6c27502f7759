import { runCli } from '../run-cli';
import { startFakeJobgate, type FakeHandler, type FakeJobgate } from '../test-support/fake-jobgate';
import { memoryOutput } from '../test-support/memory-output';
import { SWEEP_ID, sweepRecord, sweepTrial } from '../test-support/sweep-record.fixture';

const OTHER = '00000000-0000-4000-8000-0000000000b2';

/** A sweep as `GET /v1/sweeps` lists it: no best_trial. */
function listed(...args: Parameters<typeof sweepRecord>) {
  const { best_trial: _best, ...record } = sweepRecord(...args);
  return record;
}

describe('jobgate sweeps', () => {
  let fake: FakeJobgate | undefined;
  afterEach(() => fake?.close());

  async function run(handler: FakeHandler, argv: string[]) {
    fake = await startFakeJobgate(handler);
    const output = memoryOutput();
    const code = await runCli(argv, { env: { JOBGATE_URL: fake.url, JOBGATE_API_KEY: 'k' }, output });
    return { code, stdout: output.stdout.text(), stderr: output.stderr.text(), requests: fake.requests };
  }

  const running = listed({ succeeded: 3, failed: 1, running: 2, pending: 4 });
  const plain = listed({ succeeded: 2 }, { id: OTHER, name: 'no-objective', status: 'succeeded', objective: null, team: 'vision' });
  const api: FakeHandler = (req) => {
    if (req.path === '/v1/sweeps') return { status: 200, body: { items: [running, plain], next_cursor: 'c2' } };
    if (req.path === `/v1/sweeps/${SWEEP_ID}`) return { status: 200, body: { ...running, best_trial: sweepTrial({ trial: 7, metrics: { loss: 0.12 } }) } };
    return { status: 500, body: { status: 500, detail: `unexpected ${req.path}` } };
  };

  it('lists status, progress and the best value, reading the best trial only of sweeps with an objective, and passes the filters', async () => {
    const result = await run(api, ['sweeps', '--status', 'running', '--team', 'vision', '--limit', '2', '--cursor', 'c1']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.split('\n')).toEqual([
      'ID                                    STATUS     NAME          TEAM    TRIALS               BEST                     CREATED (UTC)',
      `${SWEEP_ID}  running    lr-search     -       4/10 done, 2 active  min loss=0.12 (trial 7)  2024-05-01 12:00:00`,
      `${OTHER}  succeeded  no-objective  vision  2/2 done             -                        2024-05-01 12:00:00`,
      '',
      'more sweeps: add --cursor c2 (or --all)',
      '',
    ]);
    expect(Object.fromEntries(result.requests[0]!.query)).toEqual({ status: 'running', team: 'vision', limit: '2', cursor: 'c1' });
    expect(result.requests.map((r) => r.path)).toEqual(['/v1/sweeps', `/v1/sweeps/${SWEEP_ID}`]);
  });

  it('--all --json follows every page into one document, each sweep with its best_trial', async () => {
    const pages: Record<string, unknown> = {
      '': { items: [running], next_cursor: 'c2' },
      c2: { items: [plain], next_cursor: null },
    };
    const result = await run(
      (req) => (req.path === '/v1/sweeps' ? { status: 200, body: pages[req.query.get('cursor') ?? ''] } : api(req)),
      ['sweeps', '--all', '--json'],
    );
    const document = JSON.parse(result.stdout);
    expect(document.next_cursor).toBeNull();
    expect(document.items.map((s: { id: string; best_trial: { trial: number } | null }) => [s.id, s.best_trial?.trial ?? null])).toEqual([
      [SWEEP_ID, 7],
      [OTHER, null],
    ]);
  });

  it('no sweeps; a status jobgate refuses: exit 2 with its field; a bad --limit: exit 2 before any request', async () => {
    const none = await run(() => ({ status: 200, body: { items: [], next_cursor: null } }), ['sweeps']);
    expect(none.stdout).toBe('no sweeps\n');
    await fake!.close();
    const problem = { status: 400, detail: 'The query is invalid', errors: [{ path: 'query.status', message: 'must be one of running, canceling' }] };
    const refused = await run(() => ({ status: 400, body: problem }), ['sweeps', '--status', 'bogus']);
    expect(refused).toMatchObject({ code: 2, stderr: 'The query is invalid\n  query.status: must be one of running, canceling\n' });
    await fake!.close();
    const badLimit = await run(api, ['sweeps', '--limit', '0']);
    expect(badLimit.code).toBe(2);
    expect(badLimit.stderr).toMatch(/^--limit must be a whole number of at least 1, got "0"\nUsage: jobgate sweeps /);
    expect(badLimit.requests).toEqual([]);
  });
});
