import { submitAll } from './support/careful-client';
import { settleAndAudit } from './support/fault-audit';
import { FaultStack } from './support/fault-stack';
import { reportScenario } from './support/fault-summary';
import { exitedProcesses } from './support/live-process';

const JOBS = 60;
const OUTAGE_MS = 8_000;

/**
 * ModelArts answers every create with 503 for a while, so the few jobs that took the
 * MAX_ACTIVE_JOBS slots hold all of them, retrying, while the rest wait behind them. Once ModelArts
 * is back, the queue must drain: no job may wait forever behind a slot it cannot get.
 */
describe('fault: every slot held through an outage', () => {
  let fault: FaultStack | undefined;
  afterAll(() => fault?.stop());

  it(`submits ${JOBS} jobs exactly once each with MAX_ACTIVE_JOBS=5 after ${OUTAGE_MS / 1000} s of 503 on every create`, async () => {
    fault = await FaultStack.start({ env: { MAX_ACTIVE_JOBS: '5', SUBMIT_RATE_LIMIT: '20' } });
    const { stack } = fault;
    await stack.sim('/faults', {
      method: 'PUT',
      body: { failNamePattern: '3$', killNamePattern: '7$', outage: { ops: ['create'], status: 503, forMs: OUTAGE_MS } },
    });
    const { accepted } = await submitAll(stack, { prefix: 'held', count: JOBS, webhookUrl: fault.webhookUrl });

    const counts = await settleAndAudit({ stack, receiver: fault.receiver, accepted, timeoutMs: 120_000 });
    reportScenario('every slot held through an outage', counts);
    expect(counts).toMatchObject({ duplicates: 0, lost: 0, webhooksMissing: 0, mismatches: [] });
    expect(exitedProcesses(stack)).toEqual([]);
  }, 420_000);
});
