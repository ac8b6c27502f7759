import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SIM_CREDENTIALS, Stack, TEST_API_KEY, eventually } from './support/stack';
import { sampleJob } from './support/seed-samples';
import { testServices } from './support/services';
import { WebhookReceiver } from './support/webhook-receiver';

const WEBHOOK_SECRET = 'whsec_c2VjcmV0LXdlYmhvb2sta2V5LTAxMjM0NTY3';
const WRONG_KEY = 'a-wrong-but-secret-looking-key-987';
const PG_PASSWORD = 'pg-password-that-must-not-leak';

/** The shared test PostgreSQL, with a password in its URL when it has none (trust auth ignores it). */
function databaseUrlWithPassword(): { url: string; password: string | null } {
  const url = new URL(testServices().databaseUrl);
  if (url.password) return { url: url.href, password: null };
  url.password = PG_PASSWORD;
  return { url: url.href, password: PG_PASSWORD };
}

/** What operators read: real processes at LOG_LEVEL=debug, with every kind of secret configured and sent. */
describe('logs of real processes: secrets redacted, one request id from HTTP to ModelArts and webhooks', () => {
  const receiver = new WebhookReceiver();
  const database = databaseUrlWithPassword();
  const stack = new Stack({
    roles: { api: 1, worker: 1 },
    env: { LOG_LEVEL: 'debug', DATABASE_URL: database.url, WEBHOOK_SECRET, WEBHOOK_ALLOWED_CIDRS: '127.0.0.0/8' },
  });
  beforeAll(async () => {
    await receiver.start();
    await stack.start();
  }, 120_000);
  afterAll(async () => {
    await stack.stop();
    await receiver.stop();
  });

  const roleLogs = () =>
    readdirSync(join('test-output', stack.name))
      .filter((f) => /^(api|worker)-/.test(f))
      .map((f) => readFileSync(join('test-output', stack.name, f), 'utf8'))
      .join('\n');
  const lines = () =>
    roleLogs()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, any>);

  it('carries the request id from the HTTP request into the worker, its ModelArts call and the webhook delivery', async () => {
    const requestId = 'e2e-request-4711';
    const res = await stack.api('/v1/jobs', {
      body: { training_job: sampleJob('traced'), webhook_url: `${receiver.url}/hook` },
      headers: { 'X-Request-Id': requestId },
    });
    expect(res.status).toBe(202);
    expect(res.headers.get('x-request-id')).toBe(requestId);
    await eventually(async () => lines().some((l) => l.msg === 'webhook delivered' && l.requestId === requestId), { what: 'the delivery log line' });
    const traced = lines().filter((l) => l.requestId === requestId);
    expect(traced.map((l) => `${l.role}:${l.msg}`)).toEqual(expect.arrayContaining(['api:request', 'worker:created in ModelArts', 'worker:webhook delivered']));
    expect(traced.find((l) => l.msg === 'created in ModelArts')).toMatchObject({ jobId: res.body.id, attempt: 1 });
  });

  it('never writes an API key, the SK, a password, the webhook secret or a report token, though they were configured, sent and logged', async () => {
    await stack.api('/v1/jobs', { headers: { Authorization: `Bearer ${WRONG_KEY}` } });
    // A report token travels in a trial's parameters to ModelArts, and in the header of its reports.
    const sweep = await stack.api('/v1/sweeps', {
      body: { name: 'tokens', template: { training_job: sampleJob('tokens') }, method: 'grid', parameters: { lr: { values: [1] } }, reporting: true },
    });
    const trial = (await stack.api(`/v1/sweeps/${sweep.body.id}/trials`)).body.items[0];
    await eventually(async () => lines().some((l) => l.msg === 'created in ModelArts' && l.jobId === trial.id), { what: 'the trial created in ModelArts' });
    // As the training code gets it: from ModelArts (the job records show it to no one).
    const simJob = (await stack.sim('/jobs')).find((j: { job_name: string }) => j.job_name === trial.job_name);
    const reportToken = simJob.body.config.parameter.find((p: { label: string }) => p.label === 'jobgate_report_token').value;
    expect(
      (await stack.api(`/v1/jobs/${trial.id}/metrics`, { body: { step: 0, metrics: { loss: 1 } }, headers: { Authorization: `Bearer ${reportToken}` } }))
        .status,
    ).toBe(200);
    const rotated = (await stack.api(`/v1/jobs/${trial.id}/report-token`, { method: 'POST' })).body.report_token;
    expect([reportToken, rotated]).toEqual([expect.stringMatching(/^jgr_/), expect.stringMatching(/^jgr_/)]);
    const admin = await fetch(`${stack.apiUrl}/admin/queues?api_key=${TEST_API_KEY}`, { redirect: 'manual' });
    const cookie = admin.headers.get('set-cookie')!.split(';')[0]!;
    expect((await fetch(`${stack.apiUrl}/admin/queues/api/queues`, { headers: { Cookie: cookie } })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300)); // the last access log lines
    const text = roleLogs();
    const secrets = [
      TEST_API_KEY,
      WRONG_KEY,
      SIM_CREDENTIALS.sk,
      WEBHOOK_SECRET,
      WEBHOOK_SECRET.slice('whsec_'.length),
      cookie.split('=')[1]!,
      reportToken,
      rotated,
    ];
    if (database.password) secrets.push(database.password);
    for (const secret of secrets) expect([secret, text.includes(secret)]).toEqual([secret, false]);
    // They were there to leak: the headers and the configuration are logged, censored.
    const requests = lines().filter((l) => l.msg === 'request');
    expect(requests.some((l) => l.req.headers.authorization === '[redacted]')).toBe(true);
    expect(requests.some((l) => l.req.headers.cookie === '[redacted]')).toBe(true);
    expect(requests.some((l) => l.path === '/admin/queues')).toBe(true);
    const config = lines().find((l) => l.role === 'worker' && l.msg === 'configuration')!.config;
    expect(config).toMatchObject({
      apiKeys: '[redacted]',
      databaseUrl: '[redacted]',
      webhookSecret: '[redacted]',
      modelarts: { kind: 'aksk', sk: '[redacted]' },
    });
  });
});
