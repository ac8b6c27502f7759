import { runCli } from '../run-cli';
import { notFound, startFakeJobgate, type FakeHandler, type FakeJobgate } from '../test-support/fake-jobgate';
import { memoryOutput } from '../test-support/memory-output';
import { KEY_ID, TEAM_ID, apiKeyRecord, teamRecord } from '../test-support/team-record.fixture';

const KEY = 'jg_ab12cd34efgh5678ijkl9012mnop3456';
const OPERATOR_ONLY = {
  status: 403,
  body: { status: 403, title: 'Forbidden', code: 'operator_only', detail: 'Only operator keys (API_KEYS) may use this route' },
};

/** Whether the fake's key KEY_ID has been revoked (reset after each test). */
let revoked = false;

/** A jobgate with two teams, `vision` (TEAM_ID, keys `ci` and `laptop`) and `speech`. */
const teamsApi: FakeHandler = (req) => {
  const speech = teamRecord({
    id: '00000000-0000-4000-8000-000000000002',
    name: 'speech',
    weight: 1,
    max_active_jobs: null,
    usage: { queued: 0, active: 0, share: 0 },
  });
  if (req.method === 'GET' && req.path === '/v1/teams') return { status: 200, body: { items: [teamRecord(), speech] } };
  if (req.method === 'POST' && req.path === '/v1/teams') return { status: 201, body: teamRecord(req.body as object) };
  if (req.method === 'GET' && req.path === `/v1/teams/${TEAM_ID}`) return { status: 200, body: teamRecord() };
  if (req.method === 'POST' && req.path === `/v1/teams/${TEAM_ID}/api-keys`) {
    return { status: 201, body: { id: KEY_ID, name: (req.body as { name: string }).name, key: KEY, created_at: '2024-05-01T12:00:00.000Z' } };
  }
  if (req.method === 'GET' && req.path === `/v1/teams/${TEAM_ID}/api-keys`) {
    const revokedAt = revoked ? '2024-05-02T08:30:00.000Z' : null;
    return { status: 200, body: { items: [apiKeyRecord({ revoked_at: revokedAt }), apiKeyRecord({ id: 'k2', name: 'laptop', prefix: 'jg_zz99yy88' })] } };
  }
  if (req.method === 'DELETE' && req.path === `/v1/teams/${TEAM_ID}/api-keys/${KEY_ID}`) {
    revoked = true;
    return { status: 204 };
  }
  return notFound('thing');
};

describe('jobgate teams and keys', () => {
  let fake: FakeJobgate | undefined;
  afterEach(async () => {
    await fake?.close();
    revoked = false;
  });

  async function run(argv: string[], handler: FakeHandler = teamsApi) {
    fake = await startFakeJobgate(handler);
    const output = memoryOutput();
    const code = await runCli(argv, { env: { JOBGATE_URL: fake.url, JOBGATE_API_KEY: 'operator' }, output });
    return { code, stdout: output.stdout.text(), stderr: output.stderr.text(), requests: fake.requests };
  }

  it('teams create sends the flags as the API fields, and prints what to do next', async () => {
    const result = await run([
      'teams',
      'create',
      'vision',
      '--weight',
      '2',
      '--max-active',
      '10',
      '--max-queued',
      '0',
      '--webhook-url',
      'https://hooks.example/v',
    ]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.requests[0]).toMatchObject({ method: 'POST', path: '/v1/teams' });
    expect(result.requests[0]!.body).toEqual({ name: 'vision', weight: 2, max_active_jobs: 10, max_queued_jobs: 0, webhook_url: 'https://hooks.example/v' });
    expect(result.stdout).toBe(`created team vision (${TEAM_ID})\ncreate its first key with: jobgate keys create vision --name <key name>\n`);
  });

  it('teams create leaves out the flags not given, and refuses a weight that is not a whole number before any request', async () => {
    const plain = await run(['teams', 'create', 'speech', '--json']);
    expect(plain.requests[0]!.body).toEqual({ name: 'speech' });
    expect(JSON.parse(plain.stdout)).toMatchObject({ name: 'speech' });
    await fake!.close();
    const bad = await run(['teams', 'create', 'speech', '--weight', '0.5']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      '--weight must be a whole number of at least 1, got "0.5"\nUsage: jobgate teams create <name> [--weight N] [--max-active N] [--max-queued N] [--webhook-url U]\nRun "jobgate help teams create" for its flags.\n',
    );
    expect(bad.requests).toEqual([]);
  });

  it('teams list prints usage, share and caps per team', async () => {
    const result = await run(['teams', 'list']);
    expect(result.stdout.split('\n')).toEqual([
      'ID                                    NAME    WEIGHT  MAX ACTIVE  MAX QUEUED  QUEUED  ACTIVE  SHARE',
      `${TEAM_ID}  vision  2       10          -           3       4       2`,
      '00000000-0000-4000-8000-000000000002  speech  1       -           -           0       0       0',
      '',
    ]);
    const json = await run(['teams', 'list', '--json']);
    expect(JSON.parse(json.stdout).items.map((t: { name: string }) => t.name)).toEqual(['vision', 'speech']);
  });

  it('teams show finds a team by name or by id, and says so when no team has that name', async () => {
    const byName = await run(['teams', 'show', 'vision']);
    expect(byName.code).toBe(0);
    expect(byName.stdout.split('\n')).toEqual([
      `team:            ${TEAM_ID} (vision)`,
      'weight:          2',
      'max active:      10',
      'max queued:      -',
      'usage:           queued 3 · active 4 · share 2',
      'webhook:         https://hooks.example/vision',
      'webhook secret:  whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'created:         2024-05-01 12:00:00',
      '',
    ]);
    expect(byName.requests.map((r) => r.path)).toEqual(['/v1/teams']);
    await fake!.close();
    const byId = await run(['teams', 'show', TEAM_ID, '--json']);
    expect(JSON.parse(byId.stdout)).toEqual(teamRecord());
    expect(byId.requests.map((r) => r.path)).toEqual([`/v1/teams/${TEAM_ID}`]);
    await fake!.close();
    expect(await run(['teams', 'show', 'nobody'])).toMatchObject({ code: 4, stderr: 'no team named "nobody" (jobgate teams list shows them)\n' });
    await fake!.close();
    const unknownId = await run(['teams', 'show', '00000000-0000-4000-8000-00000000dead']);
    expect(unknownId).toMatchObject({ code: 4, stderr: 'no team with id 00000000-0000-4000-8000-00000000dead\n' });
  });

  it('keys create prints the key once with a warning on stderr; with --json stdout is the record alone', async () => {
    const text = await run(['keys', 'create', 'vision', '--name', 'ci']);
    expect(text.code).toBe(0);
    expect(text.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/teams', `POST /v1/teams/${TEAM_ID}/api-keys`]);
    expect(text.requests[1]!.body).toEqual({ name: 'ci' });
    expect(text.stdout).toBe(`created API key ${KEY_ID} (ci) for team vision:\n\n  ${KEY}\n\n`);
    expect(text.stderr).toBe('This is the only time the key is shown: jobgate keeps only its hash. Store it now.\n');
    await fake!.close();
    const json = await run(['keys', 'create', TEAM_ID, '--name', 'ci', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ id: KEY_ID, key: KEY });
    expect(json.stderr).toMatch(/only time the key is shown/);
  });

  it('keys create without --name is a usage error, before any request', async () => {
    const result = await run(['keys', 'create', 'vision']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^--name is required: say what the key is for\nUsage: jobgate keys create <team> --name N\n/);
    expect(result.requests).toEqual([]);
  });

  it('keys list shows prefixes, never keys; keys revoke deletes the key and reads back when', async () => {
    const listed = await run(['keys', 'list', 'vision']);
    expect(listed.stdout.split('\n')).toEqual([
      'ID                                    NAME    PREFIX        CREATED (UTC)        REVOKED (UTC)',
      `${KEY_ID}  ci      jg_ab12cd34…  2024-05-01 12:00:00  -`,
      'k2                                    laptop  jg_zz99yy88…  2024-05-01 12:00:00  -',
      '',
    ]);
    await fake!.close();
    const text = await run(['keys', 'revoke', 'vision', KEY_ID]);
    expect(text).toMatchObject({ code: 0, stderr: '', stdout: `revoked API key ${KEY_ID} (ci) of team vision at 2024-05-02 08:30:00\n` });
    expect(text.requests.map((r) => `${r.method} ${r.path}`)).toContain(`DELETE /v1/teams/${TEAM_ID}/api-keys/${KEY_ID}`);
    await fake!.close();
    const json = await run(['keys', 'revoke', 'vision', KEY_ID, '--json']);
    expect(JSON.parse(json.stdout)).toEqual(apiKeyRecord({ revoked_at: '2024-05-02T08:30:00.000Z' }));
    await fake!.close();
    expect(await run(['keys', 'revoke', 'vision', 'k-unknown'])).toMatchObject({ code: 4, stderr: 'no API key with id k-unknown\n' });
  });

  it('a team key on the teams API: 403, exit 3, with what jobgate said', async () => {
    const result = await run(['teams', 'list'], () => OPERATOR_ONLY);
    expect(result).toEqual({
      code: 3,
      stdout: '',
      stderr: 'jobgate refused this API key here (403): Only operator keys (API_KEYS) may use this route\n',
      requests: expect.anything(),
    });
  });

  it('a group without its command, or with an unknown one, prints the group usage', async () => {
    const bare = await run(['teams']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toBe(
      '"teams" needs a command: create, list, show\nUsage: jobgate teams <command> [arguments] [flags]\nCommands: create, list, show\nRun "jobgate help teams" for details.\n',
    );
    await fake!.close();
    const unknown = await run(['keys', 'rotate', 'vision']);
    expect(unknown.stderr).toMatch(/^unknown command "keys rotate"\nUsage: jobgate keys <command>/);
    await fake!.close();
    const help = await run(['help', 'keys']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('  keys create <team> --name N  create an API key for a team; the key is shown this once (operator key)\n');
    expect(help.stdout).toContain('  keys revoke <team> <key-id>');
  });
});
