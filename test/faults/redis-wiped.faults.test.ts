import { Redis } from 'ioredis';
import { submitAll } from './support/careful-client';
import { settleAndAudit } from './support/fault-audit';
import { FaultStack } from './support/fault-stack';
import { reportScenario } from './support/fault-summary';
import { exitedProcesses } from './support/live-process';

const JOBS = 100;

/**
 * Redis comes back empty (a failover to a replica that had nothing, an operator's FLUSHALL, a
 * cache-sized instance evicting keys): every queue entry, the poll scheduler, the rate gate and
 * the webhook queue are gone at once, while jobs are queued, running and announcing themselves.
 * PostgreSQL still says what each job needs; nothing may be lost, doubled or left unannounced.
 */
describe('fault: Redis wiped mid-run (FLUSHALL)', () => {
  let fault: FaultStack | undefined;
  afterAll(() => fault?.stop());

  it(`submits ${JOBS} jobs exactly once each and follows every one to its end after Redis loses everything`, async () => {
    // 10 creates per second: the flush finds jobs queued, submitting, running and webhooks pending.
    fault = await FaultStack.start({ env: { SUBMIT_RATE_LIMIT: '10' } });
    const { stack } = fault;
    const intake = submitAll(stack, { prefix: 'wiped', count: JOBS, webhookUrl: fault.webhookUrl, concurrency: 5, spacingMs: 50 });
    await sleep(4_000);
    const redis = new Redis(fault.redis.url);
    await redis.flushall();
    redis.disconnect();
    const { accepted } = await intake;

    const counts = await settleAndAudit({ stack, receiver: fault.receiver, accepted, timeoutMs: 150_000 });
    reportScenario('Redis wiped (FLUSHALL)', counts);
    expect(counts).toMatchObject({ duplicates: 0, lost: 0, webhooksMissing: 0, mismatches: [] });
    expect(exitedProcesses(stack)).toEqual([]);
  }, 420_000);
});

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
