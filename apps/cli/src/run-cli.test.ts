import { runCli } from './run-cli';
import { closedPortUrl, notFound, startFakeJobgate, type FakeHandler, type FakeJobgate } from './test-support/fake-jobgate';
import { JOB_ID, jobRecord } from './test-support/job-record.fixture';
import { memoryOutput } from './test-support/memory-output';

const SWEEP_ID = '7d1e2f30-1111-4a57-9d4b-6a1d6f0e9c21';

describe('runCli: status, list, cancel and error reporting', () => {
  let fake: FakeJobgate | undefined;
  afterEach(() => fake?.close());

  async function run(handler: FakeHandler, argv: string[], env: Record<string, string> = {}) {
    fake = await startFakeJobgate(handler);
    const output = memoryOutput();
    const code = await runCli(argv, { env: { JOBGATE_URL: fake.url, JOBGATE_API_KEY: 'env-key', ...env }, output });
    return { code, stdout: output.stdout.text(), stderr: output.stderr.text(), requests: fake.requests };
  }

  it("status shows a job's key fields", async () => {
    const job = jobRecord({
      status: 'failed',
      labels: { env: 'prod' },
      team: 'vision',
      error: { code: 'ModelArts.0103', message: 'name taken', retryable: false },
    });
    const result = await run(() => ({ status: 200, body: job }), ['status', JOB_ID]);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      `job:       ${JOB_ID} (TestModelArtsJob)`,
      'status:    failed',
      'error:     ModelArts.0103: name taken',
      'team:      vision',
      'labels:    env=prod',
      'attempts:  0',
      'created:   2024-05-01 12:00:00',
      '',
    ]);
  });

  it('status falls back to the sweep of that id, and says "no job or sweep" when neither exists (or sweeps do not)', async () => {
    const sweep = { id: SWEEP_ID, name: 'lr-search', status: 'running', counts: { succeeded: 1, running: 1 } };
    const found = await run((req) => (req.path.startsWith('/v1/sweeps/') ? { status: 200, body: sweep } : notFound('job')), ['status', SWEEP_ID, '--json']);
    expect(found.code).toBe(0);
    expect(JSON.parse(found.stdout)).toEqual(sweep);
    expect(found.requests.map((r) => r.path)).toEqual([`/v1/jobs/${SWEEP_ID}`, `/v1/sweeps/${SWEEP_ID}`]);
    await fake!.close();
    const missing = await run(() => notFound('thing'), ['status', 'nope']);
    expect(missing).toMatchObject({ code: 4, stdout: '', stderr: 'no job or sweep with id nope\n' });
    await fake!.close();
    const routeMissing = { status: 404, code: 'route_not_found', detail: 'No route for GET /v1/sweeps/nope' };
    const noSweeps = await run((req) => (req.path.startsWith('/v1/sweeps') ? { status: 404, body: routeMissing } : notFound('job')), ['status', 'nope']);
    expect(noSweeps).toMatchObject({ code: 4, stderr: 'no job or sweep with id nope\n' });
  });

  it('list prints a table, passes the filters and hints at the next page', async () => {
    const page = {
      items: [jobRecord({ status: 'running', labels: { env: 'prod' }, team: 'vision' }), jobRecord({ id: 'b', status: 'queued' })],
      next_cursor: 'c2',
    };
    const result = await run(() => ({ status: 200, body: page }), ['list', '--status', 'running', '--label', 'env=prod', '--team', 'vision', '--limit', '2']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      'ID                                    STATUS   JOB NAME          TEAM    CREATED (UTC)        LABELS',
      `${JOB_ID}  running  TestModelArtsJob  vision  2024-05-01 12:00:00  env=prod`,
      'b                                     queued   TestModelArtsJob  -       2024-05-01 12:00:00',
      '',
      'more jobs: add --cursor c2 (or --all)',
      '',
    ]);
    expect(Object.fromEntries(result.requests[0]!.query)).toEqual({ status: 'running', label: 'env:prod', team: 'vision', limit: '2' });
  });

  it('list still takes the old --label k:v, warning on stderr once per such label; --json stdout stays one document', async () => {
    const result = await run(() => ({ status: 200, body: { items: [], next_cursor: null } }), ['list', '--label', 'env:prod', '--label', 'run=7', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ items: [], next_cursor: null });
    expect(result.stderr).toBe('warning: --label env:prod is the old key:value form; write --label env=prod (key:value will be refused in a later version)\n');
    expect(result.requests[0]!.query.getAll('label')).toEqual(['env:prod', 'run:7']);
  });

  it('status and list show escape sequences from a record as visible text, never raw; --json keeps the exact strings', async () => {
    const job = jobRecord({
      job_name: 'evil\u001b[2J',
      labels: { title: '\u001b]0;pwned\u0007', clear: '\u001b[2J' },
      team: 'red\u009b31m',
      error: { code: 'E', message: 'boom\r\u001b[1A', retryable: false },
    });
    const status = await run(() => ({ status: 200, body: job }), ['status', JOB_ID]);
    expect(status.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(status.stdout).toContain('labels:    title=\\x1b]0;pwned\\x07,clear=\\x1b[2J');
    expect(status.stdout).toContain('error:     E: boom\\x0d\\x1b[1A');
    await fake!.close();
    const list = await run(() => ({ status: 200, body: { items: [job], next_cursor: null } }), ['list']);
    expect(list.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(list.stdout).toContain('evil\\x1b[2J');
    await fake!.close();
    const json = await run(() => ({ status: 200, body: job }), ['status', JOB_ID, '--json']);
    expect(JSON.parse(json.stdout)).toEqual(job);
  });

  it('list --all --json follows every page into one document', async () => {
    const pages: Record<string, unknown> = {
      '': { items: [jobRecord({ id: 'a' })], next_cursor: 'c2' },
      c2: { items: [jobRecord({ id: 'b' })], next_cursor: 'c3' },
      c3: { items: [jobRecord({ id: 'c' })], next_cursor: null },
    };
    const result = await run((req) => ({ status: 200, body: pages[req.query.get('cursor') ?? ''] }), ['list', '--all', '--json', '--sweep', SWEEP_ID]);
    const document = JSON.parse(result.stdout);
    expect(document.items.map((j: { id: string }) => j.id)).toEqual(['a', 'b', 'c']);
    expect(document.next_cursor).toBeNull();
    expect(result.requests.every((r) => r.query.get('sweep_id') === SWEEP_ID)).toBe(true);
  });

  it('cancel posts to the job, or to the sweep with --sweep', async () => {
    const job = await run(() => ({ status: 202, body: jobRecord({ status: 'canceling' }) }), ['cancel', JOB_ID]);
    expect(job).toMatchObject({ code: 0, stdout: `cancel requested for job ${JOB_ID} (TestModelArtsJob): canceling\n` });
    expect(job.requests[0]).toMatchObject({ method: 'POST', path: `/v1/jobs/${JOB_ID}/cancel` });
    await fake!.close();
    const sweep = await run(() => ({ status: 202, body: { id: SWEEP_ID, status: 'canceling' } }), ['cancel', '--sweep', SWEEP_ID]);
    expect(sweep.stdout).toBe(`cancel requested for sweep ${SWEEP_ID}: canceling\n`);
    expect(sweep.requests[0]).toMatchObject({ method: 'POST', path: `/v1/sweeps/${SWEEP_ID}/cancel` });
  });

  it('cancel of a finished job: 409 prints the detail, exit 5', async () => {
    const conflict = { status: 409, title: 'Conflict', code: 'conflict', detail: 'The job has already succeeded' };
    const result = await run(() => ({ status: 409, body: conflict }), ['cancel', JOB_ID]);
    expect(result).toMatchObject({ code: 5, stdout: '', stderr: 'The job has already succeeded\n' });
  });

  it('--api-key and --url win over the environment; a 401 names JOBGATE_API_KEY, exit 3', async () => {
    const result = await run(
      (req) => (req.headers.authorization === 'Bearer flag-key' ? { status: 401, body: { status: 401, detail: 'The API key is not valid' } } : notFound('x')),
      ['list', '--api-key', 'flag-key'],
    );
    expect(result).toMatchObject({ code: 3, stderr: 'jobgate rejected the API key (401): set JOBGATE_API_KEY\n' });
    const unreachable = await closedPortUrl();
    const output = memoryOutput();
    expect(await runCli(['list', '--url', unreachable], { env: { JOBGATE_URL: fake!.url }, output })).toBe(6);
    expect(output.stderr.text()).toBe(`cannot reach jobgate at ${unreachable}: is it running? (ECONNREFUSED)\n`);
  });

  it('with --json a refused request also prints the problem document on stdout', async () => {
    const problem = { status: 400, title: 'Invalid request', detail: 'The query is invalid', errors: [{ path: 'query.status', message: 'must be one of …' }] };
    const result = await run(() => ({ status: 400, body: problem }), ['list', '--status', 'bogus', '--json']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual(problem);
    expect(result.stderr).toBe('The query is invalid\n  query.status: must be one of …\n');
  });

  it('refuses a JOBGATE_URL that is not an http URL, naming the variable', async () => {
    const output = memoryOutput();
    expect(await runCli(['list'], { env: { JOBGATE_URL: 'jobgate:8080' }, output })).toBe(2);
    expect(output.stderr.text()).toBe('JOBGATE_URL must be an http:// or https:// URL, got "jobgate:8080"\n');
  });

  it('prints the version and help on stdout, and usage on stderr for a wrong command line', async () => {
    const output = memoryOutput();
    expect(await runCli(['--version'], { env: {}, output })).toBe(0);
    expect(output.stdout.text()).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(await runCli(['help', 'list'], { env: {}, output })).toBe(0);
    expect(output.stdout.text()).toContain('Usage: jobgate list [--status S]');
    expect(await runCli(['lsit'], { env: {}, output })).toBe(2);
    expect(output.stderr.text()).toBe(
      'unknown command "lsit"\nUsage: jobgate <command> [arguments] [flags]\nCommands: submit, sweep, status, list, sweeps, logs, rerun, cancel, deliveries, redeliver, specs, engines, teams, keys, completion, help\nRun "jobgate help" for details.\n',
    );
  });
});
