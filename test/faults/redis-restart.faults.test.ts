import { submitAll } from './support/careful-client';
import { settleAndAudit } from './support/fault-audit';
import { FaultStack } from './support/fault-stack';
import { reportScenario } from './support/fault-summary';
import { exitedProcesses } from './support/live-process';

const JOBS = 150;
const DOWN_MS = 2_000;

/**
 * Redis goes away and comes back (a restart for an upgrade, a failover) twice: first while intake
 * and submission are under way, then while jobs run and webhooks go out. AOF keeps every queue
 * entry across the restart; every role reconnects by itself, and intake answers 503 meanwhile so
 * that a client retry with the same Idempotency-Key gets the job accepted once.
 */
describe('fault: Redis restarted mid-run', () => {
  let fault: FaultStack | undefined;
  afterAll(() => fault?.stop());

  it(`submits ${JOBS} jobs exactly once each across two Redis restarts`, async () => {
    // 20 creates per second keep submission going for ~8 s, across both restarts.
    fault = await FaultStack.start({ env: { SUBMIT_RATE_LIMIT: '20' } });
    const { stack, redis } = fault;
    const intake = submitAll(stack, { prefix: 'redis', count: JOBS, webhookUrl: fault.webhookUrl, concurrency: 5, spacingMs: 100 });
    await sleep(1_000);
    await redis.restart(DOWN_MS);
    await sleep(4_000);
    await redis.restart(DOWN_MS);
    const { accepted, retried } = await intake;

    const counts = await settleAndAudit({ stack, receiver: fault.receiver, accepted });
    reportScenario('Redis restart x2', counts);
    process.stdout.write(`[faults]   intake retries by status: ${JSON.stringify(retried)}\n`);
    expect(counts).toMatchObject({ duplicates: 0, lost: 0, webhooksMissing: 0, mismatches: [] });
    expect(exitedProcesses(stack)).toEqual([]);
    expect(retried[503]).toBeGreaterThan(0); // intake really met the outage
    fault.receiver.at('/hooks', fault.webhookSecret);
  }, 420_000);
});

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
