import { eventually } from '../support/stack';
import { submitAll } from './support/careful-client';
import { settleAndAudit } from './support/fault-audit';
import { FaultStack } from './support/fault-stack';
import { reportScenario } from './support/fault-summary';
import { storeRecords } from './support/store-records';

const JOBS = 150;
// Shorter than the ~17 s WEBHOOK_RETRY_SCHEDULE (1,1,2,2,3,3,5), so no event runs out of tries.
const DOWN_MS = 8_000;

/**
 * The team's receiver is down (a deploy, an outage) while jobs submit, run and end: deliveries fail
 * with connection errors and are retried on the schedule, later events of a job wait behind the
 * first one, and once the receiver is back every terminal event arrives.
 */
describe('fault: webhook receiver down for a while', () => {
  let fault: FaultStack | undefined;
  afterAll(() => fault?.stop());

  it(`delivers every terminal event of ${JOBS} jobs after the receiver was down for ${DOWN_MS} ms`, async () => {
    fault = await FaultStack.start();
    const { stack, receiver } = fault;
    const { accepted } = await submitAll(stack, { prefix: 'hookdown', count: JOBS, webhookUrl: fault.webhookUrl });
    // Down once the first events are out: the rest of the run (submissions, ends) happens while it is away.
    await eventually(async () => receiver.received.length >= 10, { what: 'the first webhooks' });
    await receiver.stop();
    const deliveredBefore = receiver.received.length;
    await new Promise((r) => setTimeout(r, DOWN_MS));
    await receiver.start();

    const counts = await settleAndAudit({ stack, receiver, accepted });
    reportScenario(`webhook receiver down ${DOWN_MS / 1000} s`, counts);
    const retried = await eventsRetried(stack);
    process.stdout.write(`[faults]   webhooks before the outage ${deliveredBefore}, events that needed retries ${retried}\n`);
    expect(counts).toMatchObject({ duplicates: 0, lost: 0, webhooksMissing: 0, mismatches: [] });
    expect(retried).toBeGreaterThan(JOBS / 2); // most events really met the outage
    receiver.at('/hooks', fault.webhookSecret);
  }, 420_000);
});

/** Events whose delivery took more than one attempt, from the store's delivery log. */
async function eventsRetried(stack: FaultStack['stack']): Promise<number> {
  let n = 0;
  for (const id of (await storeRecords(stack)).keys()) {
    const items: { attempt_count: number }[] = (await stack.api(`/v1/jobs/${id}/deliveries`)).body.items;
    n += items.filter((d) => d.attempt_count > 1).length;
  }
  return n;
}
