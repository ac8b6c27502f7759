import { Stack, eventually } from './support/stack';
import { sampleJob } from './support/seed-samples';
import { WebhookReceiver } from './support/webhook-receiver';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/**
 * The transactional outbox under a real crash: the poller commits a status change with its webhook
 * event, then dies (SIGKILL, at the failpoint between commit and publish). The event is in PostgreSQL
 * but never reached Redis; the relays of the surviving roles publish it within seconds.
 */
describe('a crash between commit and publish', () => {
  const receiver = new WebhookReceiver();
  let stack: Stack;
  beforeAll(() => receiver.start());
  afterAll(async () => {
    await stack?.stop();
    await receiver.stop();
  });

  it('delays the webhook by seconds and loses nothing', async () => {
    stack = await new Stack({
      roles: { api: 1, worker: 1 },
      env: { WEBHOOK_SECRET: SECRET, WEBHOOK_ALLOWED_CIDRS: '127.0.0.0/8', POLL_INTERVAL_MS: '200' },
      simEnv: { SIM_INIT_MS: '300', SIM_WAITING_MS: '300', SIM_RUNNING_MS: '60000' },
    }).start();
    const job = await stack.api('/v1/jobs', { body: { training_job: sampleJob('outbox-crash'), webhook_url: `${receiver.url}/hooks` } });
    expect(job.status).toBe(202);
    await eventually(async () => receiver.at('/hooks').some((h) => h.type === 'job.submitted'), { what: 'job.submitted' });
    // The poller will commit `running` with its event, then kill itself before publishing it.
    const poller = await stack.startRole('poller', { FAILPOINTS: 'outbox:before-publish' });
    expect(await poller.exited).toBe('SIGKILL');
    const diedAt = Date.now();
    expect((await stack.api(`/v1/jobs/${job.body.id}`)).body.status).toBe('running');
    await eventually(async () => receiver.at('/hooks', SECRET).some((h) => h.type === 'job.running'), {
      what: 'job.running after the crash',
      timeoutMs: 15_000,
      intervalMs: 100,
    });
    const delayMs = Date.now() - diedAt;
    expect(delayMs).toBeLessThan(10_000);
    expect(receiver.at('/hooks').filter((h) => h.type === 'job.running')).toHaveLength(1);
  });
});
