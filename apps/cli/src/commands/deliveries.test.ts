import type { DeliveryRecord } from '@jobgate/contracts/records';
import { runCli } from '../run-cli';
import { notFound, startFakeJobgate, type FakeHandler, type FakeJobgate } from '../test-support/fake-jobgate';
import { JOB_ID, jobRecord } from '../test-support/job-record.fixture';
import { memoryOutput } from '../test-support/memory-output';

const EVENT = 'msg_0123456789abcdef0123456789abcdef';
const EVENT2 = 'msg_fedcba9876543210fedcba9876543210';

function delivery(overrides: Partial<DeliveryRecord> = {}): DeliveryRecord {
  return {
    id: EVENT,
    type: 'job.submitted',
    url: 'https://hooks.example/jobs',
    status: 'delivered',
    attempt_count: 1,
    next_attempt_at: null,
    delivered_at: '2024-05-01T12:00:01.000Z',
    created_at: '2024-05-01T12:00:00.000Z',
    last_error: null,
    payload: { type: 'job.submitted', timestamp: '2024-05-01T12:00:00.000Z', data: jobRecord({ status: 'submitted' }) },
    attempts: [{ attempt: 1, attempted_at: '2024-05-01T12:00:01.000Z', status_code: 200, latency_ms: 12, error: null }],
    ...overrides,
  };
}

const pending = delivery({
  id: EVENT2,
  type: 'job.running',
  status: 'pending',
  attempt_count: 2,
  delivered_at: null,
  next_attempt_at: '2024-05-01T12:00:09.000Z',
  last_error: 'HTTP 500',
  attempts: [
    { attempt: 1, attempted_at: '2024-05-01T12:00:02.000Z', status_code: 500, latency_ms: 8, error: 'HTTP 500' },
    { attempt: 2, attempted_at: '2024-05-01T12:00:04.000Z', status_code: null, latency_ms: 3001, error: 'connect ECONNREFUSED' },
  ],
});

describe('jobgate deliveries and redeliver', () => {
  let fake: FakeJobgate | undefined;
  afterEach(() => fake?.close());

  async function run(handler: FakeHandler, argv: string[]) {
    fake = await startFakeJobgate(handler);
    const output = memoryOutput();
    const code = await runCli(argv, { env: { JOBGATE_URL: fake.url, JOBGATE_API_KEY: 'k' }, output });
    return { code, stdout: output.stdout.text(), stderr: output.stderr.text(), requests: fake.requests };
  }

  it("deliveries shows each event's state and every attempt: HTTP status (none without an answer), latency, error, next attempt", async () => {
    const result = await run(() => ({ status: 200, body: { items: [delivery(), pending] } }), ['deliveries', JOB_ID]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.requests[0]).toMatchObject({ method: 'GET', path: `/v1/jobs/${JOB_ID}/deliveries` });
    expect(result.stdout.split('\n')).toEqual([
      `${EVENT}  job.submitted  delivered (1 attempt) at 2024-05-01 12:00:01  → https://hooks.example/jobs`,
      '  ATTEMPT  AT (UTC)             HTTP  LATENCY  ERROR',
      '  1        2024-05-01 12:00:01  200   12 ms    -',
      '',
      `${EVENT2}  job.running  pending (2 attempts), next attempt 2024-05-01 12:00:09  → https://hooks.example/jobs`,
      '  ATTEMPT  AT (UTC)             HTTP  LATENCY  ERROR',
      '  1        2024-05-01 12:00:02  500   8 ms     HTTP 500',
      '  2        2024-05-01 12:00:04  none  3001 ms  connect ECONNREFUSED',
      '',
    ]);
  });

  it('deliveries: failed and gone events say why; an event not sent yet says so; --json is the API document', async () => {
    const failed = delivery({ status: 'failed', attempt_count: 5, last_error: 'address 10.0.0.1 is not allowed', attempts: [] });
    const gone = delivery({ id: EVENT2, status: 'gone' });
    const text = await run(() => ({ status: 200, body: { items: [failed, gone] } }), ['deliveries', JOB_ID]);
    expect(text.stdout).toContain(
      `${EVENT}  job.submitted  failed (5 attempts): address 10.0.0.1 is not allowed  → https://hooks.example/jobs\n  no attempt yet\n`,
    );
    expect(text.stdout).toContain(`${EVENT2}  job.submitted  gone: the receiver answered 410 (1 attempt)  →`);
    await fake!.close();
    const json = await run(() => ({ status: 200, body: { items: [pending] } }), ['deliveries', JOB_ID, '--json']);
    expect(JSON.parse(json.stdout)).toEqual({ items: [pending] });
    await fake!.close();
    const none = await run(() => ({ status: 200, body: { items: [] } }), ['deliveries', JOB_ID]);
    expect(none.stdout).toBe(`no webhook events for job ${JOB_ID} yet\n`);
  });

  it('deliveries of an unknown job: exit 4 naming the job; no id: exit 2 with the usage', async () => {
    const missing = await run(() => notFound('job'), ['deliveries', 'nope']);
    expect(missing).toMatchObject({ code: 4, stdout: '', stderr: 'no job with id nope\n' });
    const output = memoryOutput();
    expect(await runCli(['deliveries'], { env: {}, output })).toBe(2);
    expect(output.stderr.text()).toBe('missing <job-id>\nUsage: jobgate deliveries <job-id>\nRun "jobgate help deliveries" for its flags.\n');
  });

  it('redeliver posts to the event and says where to follow it; unknown event: exit 4 naming the event', async () => {
    const queued = delivery({ status: 'pending', attempt_count: 1, delivered_at: null, next_attempt_at: null });
    const result = await run(() => ({ status: 202, body: queued }), ['redeliver', EVENT]);
    expect(result.requests[0]).toMatchObject({ method: 'POST', path: `/v1/deliveries/${EVENT}/redeliver` });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(
      `redelivery queued: ${EVENT}  job.submitted  pending (1 attempt)  → https://hooks.example/jobs\nfollow it with: jobgate deliveries ${JOB_ID}\n`,
    );
    await fake!.close();
    const json = await run(() => ({ status: 202, body: queued }), ['redeliver', EVENT, '--json']);
    expect(JSON.parse(json.stdout)).toEqual(queued);
    await fake!.close();
    const missing = await run(() => notFound('delivery'), ['redeliver', 'msg_nope']);
    expect(missing).toMatchObject({ code: 4, stdout: '', stderr: 'no webhook event with id msg_nope\n' });
  });

  it('escapes control characters a receiver put into an error message', async () => {
    const evil = delivery({
      attempts: [{ attempt: 1, attempted_at: '2024-05-01T12:00:01.000Z', status_code: 500, latency_ms: 1, error: 'x\u001b]0;pwned\u0007' }],
    });
    const result = await run(() => ({ status: 200, body: { items: [evil] } }), ['deliveries', JOB_ID]);
    expect(result.stdout).not.toContain('\u001b');
    expect(result.stdout).toContain('x\\x1b]0;pwned\\x07');
  });
});
