import type { Server } from 'node:http';
import fc from 'fast-check';
import { validateCreateApiKeyRequest, validateCreateTeamRequest } from '@jobgate/contracts';
import { createRedis, JobgateQueues } from '@jobgate/queues';
import { TeamRepository } from '@jobgate/store';
import { freshDatabase, type FreshDatabase } from '../../../../test/support/fresh-database';
import { mutated, notJson } from '../../../../test/support/json-mutations';
import { testServices, uniqueName } from '../../../../test/support/services';
import { sweepApp, testAuth } from '../../../../test/support/sweeps';

const CREATE_RUNS = 800;
const PATCH_RUNS = 600;
const KEY_RUNS = 600;

/** Ids a path may carry: mostly real teams, else an unknown UUID or something that is not one. */
const NOT_TEAM_IDS = ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', '%00', 'null', "1'%20OR%201=1", 'x'.repeat(300)];

describe('teams API fuzzing: random and mutated bodies (real PostgreSQL and Redis)', () => {
  let db: FreshDatabase;
  let queues: JobgateQueues;
  let server: Server;
  let url: string;
  let teams: TeamRepository;
  const redis = createRedis({ url: testServices().redisUrl, role: 'producer' });
  let n = 0;
  const unique = () => `fz-${(n++).toString(36)}`;

  beforeEach(async () => {
    db = await freshDatabase();
    teams = new TeamRepository(db.pool, db.t);
    queues = new JobgateQueues({ connection: redis, prefix: uniqueName('q') });
    server = sweepApp(db, queues).listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    await queues.close();
    await db.drop();
  });
  afterAll(() => redis.quit());

  /** Sends one body; fails the property on a 5xx or a redirect, or on a 4xx that is not a problem document. */
  async function send(method: string, path: string, body?: string, auth: Record<string, string> = testAuth): Promise<{ status: number; json: any }> {
    const headers = { ...auth, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) };
    const res = await fetch(url + path, { method, headers, body });
    const json = await res.json();
    if (res.status >= 500 || (res.status >= 300 && res.status < 400))
      throw new Error(`${res.status} for ${method} ${path} ${body?.slice(0, 300)}: ${JSON.stringify(json)}`);
    if (res.status >= 400) {
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(json.status).toBe(res.status);
    }
    return { status: res.status, json };
  }

  /** Mostly mutated seeds, now and then any JSON value at all, or no JSON. */
  const bodies = (seed: fc.Arbitrary<object>) =>
    fc.oneof(
      { weight: 8, arbitrary: mutated(seed).map((v) => JSON.stringify(v)) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
      { weight: 1, arbitrary: notJson },
    );
  const count = async (table: 'teams' | 'api_keys' | 'audit_log') => Number((await db.pool.query(`SELECT count(*) AS n FROM ${db.t[table]}`)).rows[0].n);
  /** What a team's settings are, as a create body would give them. */
  const settings = (t: { name: string; weight: number; max_active_jobs: number | null; max_queued_jobs: number | null; webhook_url: string | null }) => ({
    name: t.name,
    weight: t.weight,
    max_active_jobs: t.max_active_jobs,
    max_queued_jobs: t.max_queued_jobs,
    webhook_url: t.webhook_url,
  });
  const createTeam = async () => (await send('POST', '/v1/teams', JSON.stringify({ name: unique(), weight: 2 }))).json.id as string;
  const teamPath = (ids: string[]) => fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: fc.constantFrom(...NOT_TEAM_IDS) });

  /** Every stored team would be accepted as it is by POST /v1/teams. */
  async function storedTeamsRevalidate(): Promise<void> {
    for (const team of await teams.list()) {
      const checked = validateCreateTeamRequest(settings(team));
      expect([team.id, checked.ok ? [] : checked.issues]).toEqual([team.id, []]);
    }
  }

  it('POST /v1/teams: never a 5xx; the team count grows by one exactly on a 201, each created team valid and audited', async () => {
    const seed = fc.record(
      {
        name: fc.constant(null).map(() => unique()),
        weight: fc.integer({ min: 1, max: 5 }),
        max_active_jobs: fc.constantFrom(0, 10, null),
        max_queued_jobs: fc.constantFrom(5, null),
        webhook_url: fc.constantFrom('https://hooks.example.com/t', null),
      },
      { requiredKeys: ['name'] },
    );
    let created = 0;
    await fc.assert(
      fc.asyncProperty(bodies(seed), async (text) => {
        const before = await count('teams');
        const res = await send('POST', '/v1/teams', text);
        expect(await count('teams')).toBe(before + (res.status === 201 ? 1 : 0));
        if (res.status !== 201) return;
        created++;
        const stored = await teams.get(res.json.id);
        expect(settings(res.json)).toEqual(settings(stored!));
        expect(res.json.webhook_secret).toMatch(/^whsec_/);
      }),
      { numRuns: CREATE_RUNS },
    );
    expect(created).toBeGreaterThan(CREATE_RUNS / 10);
    expect(await count('teams')).toBe(created);
    expect(Number((await db.pool.query(`SELECT count(*) AS n FROM ${db.t.audit_log} WHERE action = 'team.created'`)).rows[0].n)).toBe(created);
    await storedTeamsRevalidate();
  });

  it('PATCH /v1/teams/{id}: never a 5xx; a refused patch changes nothing, an accepted one exactly the fields it names', async () => {
    const ids = [await createTeam(), await createTeam(), await createTeam()];
    const seed = fc.record(
      {
        weight: fc.integer({ min: 1, max: 5 }),
        max_active_jobs: fc.constantFrom(0, 3, null),
        max_queued_jobs: fc.constantFrom(7, null),
        webhook_url: fc.constantFrom('https://hooks.example.com/p', null),
      },
      { requiredKeys: [] },
    );
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(teamPath(ids), bodies(seed), async (id, text) => {
        const before = await Promise.all(ids.map((t) => teams.get(t)));
        const res = await send('PATCH', `/v1/teams/${id}`, text);
        const after = await Promise.all(ids.map((t) => teams.get(t)));
        const target = ids.indexOf(id);
        if (res.status !== 200) {
          expect(after.map((t) => settings(t!))).toEqual(before.map((t) => settings(t!)));
          return;
        }
        accepted++;
        // Express reads an empty JSON body as {}: a patch of nothing.
        const patch = (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>;
        const expected = { ...settings(before[target]!), ...patch };
        expect(settings(after[target]!)).toEqual(expected);
        expect(settings(res.json)).toEqual(expected);
        // The other teams are untouched.
        expect(after.filter((_, i) => i !== target).map((t) => settings(t!))).toEqual(before.filter((_, i) => i !== target).map((t) => settings(t!)));
      }),
      { numRuns: PATCH_RUNS },
    );
    expect(accepted).toBeGreaterThan(PATCH_RUNS / 10);
    expect(await count('teams')).toBe(ids.length);
    await storedTeamsRevalidate();
  });

  it('POST /v1/teams/{id}/api-keys: never a 5xx; one key more exactly on a 201, and that key speaks for its team at once', async () => {
    const ids = [await createTeam(), await createTeam()];
    const seed = fc.constantFrom('ci', 'laptop', 'a'.repeat(64)).map((name) => ({ name }));
    // Now and then a team key asks: a 403 whatever the body says, nothing stored (a body the JSON parser refuses is a 400 before auth).
    const teamKey = (await send('POST', `/v1/teams/${ids[0]}/api-keys`, JSON.stringify({ name: 'own' }))).json.key as string;
    const caller = fc.oneof({ weight: 9, arbitrary: fc.constant(testAuth) }, { weight: 1, arbitrary: fc.constant({ Authorization: `Bearer ${teamKey}` }) });
    let created = 0;
    await fc.assert(
      fc.asyncProperty(teamPath(ids), bodies(seed), caller, async (id, text, auth) => {
        const before = await count('api_keys');
        const res = await send('POST', `/v1/teams/${id}/api-keys`, text, auth);
        expect(await count('api_keys')).toBe(before + (res.status === 201 ? 1 : 0));
        if (auth !== testAuth) expect(res.status).toBe(parserTakes(text) ? 403 : 400);
        if (res.status !== 201) return;
        created++;
        expect(res.json.key).toMatch(/^jg_[A-Za-z0-9_-]{32}$/);
        expect(res.json.name).toBe(JSON.parse(text).name);
        const own = await send('GET', '/v1/team', undefined, { Authorization: `Bearer ${res.json.key}` });
        expect(own).toMatchObject({ status: 200, json: { id } });
      }),
      { numRuns: KEY_RUNS },
    );
    expect(created).toBeGreaterThan(KEY_RUNS / 10);
    for (const id of ids) {
      for (const key of await teams.keys(id)) {
        const checked = validateCreateApiKeyRequest({ name: key.name });
        expect([key.id, checked.ok]).toEqual([key.id, true]);
        expect(key.prefix).toMatch(/^jg_/);
      }
    }
  });
});

/** What express.json (strict) accepts: an empty body, or a JSON object or array. */
function parserTakes(text: string): boolean {
  if (text === '') return true;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null;
  } catch {
    return false;
  }
}
