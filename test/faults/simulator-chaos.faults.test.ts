import { submitAll } from './support/careful-client';
import { settleAndAudit } from './support/fault-audit';
import { FaultStack } from './support/fault-stack';
import { reportScenario } from './support/fault-summary';

const JOBS = 150;

/**
 * ModelArts at its worst, all at once: 30% of creates fail with a 500/503/504 mix, 10% create the
 * job and then drop the connection, 5% of every call (creates, and the poller's list and detail
 * calls) is throttled with Retry-After: 1, and 5% take 2 s longer. List and detail calls also fail
 * now and then. Every accepted job must still be exactly one ModelArts job, followed to its end.
 */
const CHAOS = {
  errorRates: { create: { 500: 0.1, 503: 0.1, 504: 0.1 }, list: { 503: 0.1 }, detail: { 500: 0.1 } },
  dropAfterCreateRate: 0.1,
  throttle: { rate: 0.05, retryAfterSec: 1 },
  latencySpikeMs: 2_000,
  latencySpikeRate: 0.05,
  seed: 42,
};

describe('fault: simulator chaos', () => {
  let fault: FaultStack | undefined;
  afterAll(() => fault?.stop());

  it(`submits ${JOBS} jobs exactly once each through transient errors, dropped answers, 429 bursts and latency spikes`, async () => {
    // A job gives up after SUBMIT_MAX_ATTEMPTS transient failures: 12 makes that ~0.4^12, never in practice.
    fault = await FaultStack.start({ env: { SUBMIT_RATE_LIMIT: '50', SUBMIT_MAX_ATTEMPTS: '12' }, faults: CHAOS });
    const { stack } = fault;
    const { accepted } = await submitAll(stack, { prefix: 'chaos', count: JOBS, webhookUrl: fault.webhookUrl });

    const counts = await settleAndAudit({ stack, receiver: fault.receiver, accepted });
    reportScenario('simulator chaos', counts);
    const calls: { op: string; status: number }[] = await stack.sim('/calls');
    const tally = (op: string, match: (status: number) => boolean) => calls.filter((c) => c.op === op && match(c.status)).length;
    const seen = {
      create5xx: tally('create', (s) => s >= 500),
      createDropped: tally('create', (s) => s === 0),
      throttled: calls.filter((c) => c.status === 429).length,
      pollErrors: tally('list', (s) => s >= 500) + tally('detail', (s) => s >= 500),
    };
    process.stdout.write(`[faults]   faults seen by the simulator: ${JSON.stringify(seen)}\n`);
    expect(counts).toMatchObject({ duplicates: 0, lost: 0, webhooksMissing: 0, mismatches: [] });
    // The faults really happened, on the create path and on the poller's path.
    expect(seen.create5xx).toBeGreaterThan(10);
    expect(seen.createDropped).toBeGreaterThan(3);
    expect(seen.throttled).toBeGreaterThan(0);
    expect(seen.pollErrors).toBeGreaterThan(0);
    fault.receiver.at('/hooks', fault.webhookSecret);
  }, 420_000);
});
