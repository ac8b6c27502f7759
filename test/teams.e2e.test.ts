import { Webhook } from 'standardwebhooks';
import { Stack, eventually } from './support/stack';
import { sampleJob } from './support/seed-samples';
import { gridSweepBody } from './support/sweeps';
import { WebhookReceiver } from './support/webhook-receiver';

const OPERATOR_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** Two teams and an operator on one gateway: what each sees, what each may do, whose secret signs what. */
describe('teams end to end', () => {
  const receiver = new WebhookReceiver();
  const stack = new Stack({
    roles: { api: 1, worker: 1, poller: 1 },
    env: {
      WEBHOOK_SECRET: OPERATOR_SECRET,
      WEBHOOK_ALLOWED_CIDRS: '127.0.0.0/8',
      WEBHOOK_RETRY_SCHEDULE: '1,1,1',
      POLL_INTERVAL_MS: '300',
      WEBHOOK_SECRET_OVERLAP_S: '3600',
    },
    simEnv: { SIM_INIT_MS: '300', SIM_WAITING_MS: '300', SIM_RUNNING_MS: '800' },
  });
  let a: { id: string; key: string; secret: string };
  let b: { id: string; key: string; secret: string };

  beforeAll(async () => {
    await receiver.start();
    await stack.start();
    a = await newTeam('vision', '/vision');
    b = await newTeam('speech', '/speech');
  }, 120_000);
  afterAll(async () => {
    await stack.stop();
    await receiver.stop();
  });

  async function newTeam(name: string, path: string) {
    const created = await stack.api('/v1/teams', {
      body: { name, weight: 2, max_active_jobs: 10, max_queued_jobs: 100, webhook_url: `${receiver.url}${path}` },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name, weight: 2, max_active_jobs: 10, max_queued_jobs: 100, usage: { queued: 0, active: 0, share: 0 } });
    expect(created.body.webhook_secret).toMatch(/^whsec_/);
    const key = await stack.api(`/v1/teams/${created.body.id}/api-keys`, { body: { name: 'ci' } });
    expect(key.status).toBe(201);
    expect(key.body.key).toMatch(/^jg_[A-Za-z0-9_-]{32}$/);
    return { id: created.body.id as string, key: key.body.key as string, secret: created.body.webhook_secret as string };
  }
  const as = (key: string) => ({ Authorization: `Bearer ${key}` });
  const call = (key: string, path: string, init: { method?: string; body?: unknown } = {}) => stack.api(path, { ...init, headers: as(key) });
  const ended = (key: string, id: string) =>
    eventually(
      async () => {
        const r = await call(key, `/v1/jobs/${id}`);
        return ['succeeded', 'failed', 'canceled'].includes(r.body.status) ? r.body : null;
      },
      { what: `job ${id} to end` },
    );

  it('lets each team see and act on its own jobs and sweeps only; other ids are 404 everywhere, lists never leak', async () => {
    const jobA = await call(a.key, '/v1/jobs', { body: { training_job: sampleJob('vision-1') } });
    expect(jobA.status).toBe(202);
    expect(jobA.body.team).toBe('vision');
    const jobB = await call(b.key, '/v1/jobs', { body: { training_job: sampleJob('speech-1') } });
    const sweepA = await call(a.key, '/v1/sweeps', { body: gridSweepBody('vision-grid') });
    expect(sweepA.status).toBe(202);
    expect(sweepA.body.team).toBe('vision');

    for (const [path, method] of [
      [`/v1/jobs/${jobA.body.id}`, 'GET'],
      [`/v1/jobs/${jobA.body.id}/events`, 'GET'],
      [`/v1/jobs/${jobA.body.id}/attempts`, 'GET'],
      [`/v1/jobs/${jobA.body.id}/deliveries`, 'GET'],
      [`/v1/jobs/${jobA.body.id}/metrics`, 'GET'],
      [`/v1/jobs/${jobA.body.id}/cancel`, 'POST'],
      [`/v1/sweeps/${sweepA.body.id}`, 'GET'],
      [`/v1/sweeps/${sweepA.body.id}/cancel`, 'POST'],
    ] as const) {
      const res = await call(b.key, path, { method });
      expect([path, res.status]).toEqual([path, 404]);
    }
    expect((await call(b.key, `/v1/jobs/${jobA.body.id}/metrics`, { body: { metrics: { accuracy: 1 } } })).status).toBe(404);

    const listedByB = (await call(b.key, '/v1/jobs?limit=200')).body.items.map((j: { id: string }) => j.id);
    expect(listedByB).toContain(jobB.body.id);
    expect(listedByB).not.toContain(jobA.body.id);
    expect((await call(b.key, `/v1/jobs?sweep_id=${sweepA.body.id}`)).body.items).toEqual([]);
    expect((await call(b.key, '/v1/sweeps')).body.items).toEqual([]);

    // Operators see everything, and may narrow it to one team.
    const all = (await stack.api('/v1/jobs?limit=200')).body.items.map((j: { id: string }) => j.id);
    expect(all).toEqual(expect.arrayContaining([jobA.body.id, jobB.body.id]));
    const visionOnly = (await stack.api('/v1/jobs?team=vision&limit=200')).body.items;
    expect(visionOnly.every((j: { team: string }) => j.team === 'vision')).toBe(true);
    expect(visionOnly.map((j: { id: string }) => j.id)).toContain(jobA.body.id);
    expect((await stack.api('/v1/jobs?team=nobody')).status).toBe(400);

    // A name held by another team's live job is a 409 that does not say whose it is.
    const clash = await call(b.key, '/v1/jobs', { body: { training_job: sampleJob('vision-1') } });
    expect(clash.status).toBe(409);
    expect(JSON.stringify(clash.body)).not.toContain('vision"');
    await call(a.key, `/v1/sweeps/${sweepA.body.id}/cancel`, { method: 'POST' });
  });

  it('scopes Idempotency-Key per team', async () => {
    const send = (key: string, name: string) =>
      stack.api('/v1/jobs', { body: { training_job: sampleJob(name) }, headers: { ...as(key), 'Idempotency-Key': 'same-key' } });
    const first = await send(a.key, 'idem-vision');
    const other = await send(b.key, 'idem-speech');
    expect([first.status, other.status]).toEqual([202, 202]);
    expect(other.body.id).not.toBe(first.body.id);
    const replay = await send(a.key, 'idem-vision');
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.id).toBe(first.body.id);
  });

  it("signs a team's webhooks with that team's secret only, and sends them to the team's receiver", async () => {
    const job = await call(a.key, '/v1/jobs', { body: { training_job: sampleJob('vision-hooked') } });
    expect((await ended(a.key, job.body.id)).status).toBe('succeeded');
    await eventually(async () => receiver.at('/vision').filter((h) => JSON.parse(h.body).data.id === job.body.id).length === 3, {
      what: 'three team webhooks',
    });
    const hits = receiver.at('/vision').filter((h) => JSON.parse(h.body).data.id === job.body.id);
    for (const hit of hits) {
      expect(() => new Webhook(a.secret).verify(hit.body, hit.headers as Record<string, string>)).not.toThrow();
      expect(() => new Webhook(b.secret).verify(hit.body, hit.headers as Record<string, string>)).toThrow();
      expect(() => new Webhook(OPERATOR_SECRET).verify(hit.body, hit.headers as Record<string, string>)).toThrow();
    }
    expect(receiver.at('/speech').some((h) => JSON.parse(h.body).data.id === job.body.id)).toBe(false);
    // Another team cannot re-send it.
    const deliveries = (await call(a.key, `/v1/jobs/${job.body.id}/deliveries`)).body.items;
    expect((await call(b.key, `/v1/deliveries/${deliveries[0].id}/redeliver`, { method: 'POST' })).status).toBe(404);
    expect((await call(a.key, `/v1/deliveries/${deliveries[0].id}/redeliver`, { method: 'POST' })).status).toBe(202);
  });

  it('signs with both secrets during a rotation, so a receiver holding only the old or only the new one verifies', async () => {
    const rotated = await stack.api(`/v1/teams/${b.id}/webhook-secret/rotate`, { method: 'POST' });
    expect(rotated.status).toBe(200);
    const newSecret = rotated.body.webhook_secret as string;
    expect(newSecret).not.toBe(b.secret);
    expect(rotated.body.previous_secret_expires_at).not.toBeNull();
    const job = await call(b.key, '/v1/jobs', { body: { training_job: sampleJob('speech-rotated') } });
    await ended(b.key, job.body.id);
    await eventually(async () => receiver.at('/speech').filter((h) => JSON.parse(h.body).data.id === job.body.id).length === 3, {
      what: 'webhooks after rotation',
    });
    for (const hit of receiver.at('/speech').filter((h) => JSON.parse(h.body).data.id === job.body.id)) {
      expect(String(hit.headers['webhook-signature']).split(' ')).toHaveLength(2);
      expect(() => new Webhook(newSecret).verify(hit.body, hit.headers as Record<string, string>)).not.toThrow();
      expect(() => new Webhook(b.secret).verify(hit.body, hit.headers as Record<string, string>)).not.toThrow();
    }
    expect((await call(b.key, '/v1/team')).body.webhook_secret).toBe(newSecret);
    b.secret = newSecret;
  });

  it('refuses a revoked key at once, keeps the teams API and the audit log to operators, and audits every operator action', async () => {
    const extra = await stack.api(`/v1/teams/${b.id}/api-keys`, { body: { name: 'laptop' } });
    expect((await call(extra.body.key, '/v1/jobs')).status).toBe(200);
    const keys = (await stack.api(`/v1/teams/${b.id}/api-keys`)).body.items;
    expect(JSON.stringify(keys)).not.toContain(extra.body.key);
    expect(keys.map((k: { name: string }) => k.name)).toEqual(['ci', 'laptop']);
    expect((await stack.api(`/v1/teams/${b.id}/api-keys/${extra.body.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(extra.body.key, '/v1/jobs')).status).toBe(401);

    expect((await call(a.key, '/v1/teams')).status).toBe(403);
    expect((await call(a.key, '/v1/audit')).status).toBe(403);
    expect((await call(a.key, `/v1/teams/${b.id}/api-keys`, { body: { name: 'sneaky' } })).status).toBe(403);
    expect((await call(a.key, '/v1/team')).body).toMatchObject({ id: a.id, name: 'vision', webhook_secret: a.secret });

    const patched = await stack.api(`/v1/teams/${a.id}`, { method: 'PATCH', body: { weight: 3, max_queued_jobs: null } });
    expect(patched.body).toMatchObject({ weight: 3, max_queued_jobs: null, max_active_jobs: 10 });
    const audit = (await stack.api('/v1/audit?limit=200')).body.items as { action: string; team_id: string; actor: string; details: object }[];
    const actions = audit.map((e) => `${e.action}:${e.team_id}`);
    for (const expected of [
      `team.created:${a.id}`,
      `team.created:${b.id}`,
      `api_key.created:${b.id}`,
      `api_key.revoked:${b.id}`,
      `webhook_secret.rotated:${b.id}`,
      `team.updated:${a.id}`,
    ]) {
      expect(actions).toContain(expected);
    }
    expect(audit.every((e) => /^[0-9a-f]{16}$/.test(e.actor))).toBe(true);
    expect(JSON.stringify(audit)).not.toContain('whsec_');
  });

  it('answers a clear problem for bad team input', async () => {
    const bad = await stack.api('/v1/teams', { body: { name: 'Not A Slug', weight: 0, max_active_jobs: -1, surprise: true } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['max_active_jobs', 'name', 'surprise', 'weight']);
    expect((await stack.api('/v1/teams', { body: { name: 'vision' } })).status).toBe(409);
    expect((await stack.api('/v1/teams/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await stack.api('/v1/teams/not-a-uuid', { method: 'PATCH', body: { weight: 2 } })).status).toBe(404);
  });
});
