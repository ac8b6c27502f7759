import { eventually } from '../support/stack';
import { submitAll, type AcceptedJob } from './support/careful-client';
import { chaosLoop } from './support/chaos-loop';
import { settleAndAudit } from './support/fault-audit';
import { FaultStack } from './support/fault-stack';
import { reportScenario } from './support/fault-summary';
import { liveProcess } from './support/live-process';
import { awaitingSubmission, storeRecords } from './support/store-records';

const JOBS = 500;
const KILL_EVERY_MS = 2_500;

/**
 * A worker dies without warning (OOM killer, node drained) again and again while it submits: each
 * kill lands mid-call (100 ms per ModelArts call, ~10 calls in flight), and a fresh worker resumes
 * from the attempts recorded in PostgreSQL. No ModelArts job may be created twice or not at all.
 */
describe('fault: worker SIGKILL during submissions', () => {
  let fault: FaultStack | undefined;
  afterAll(() => fault?.stop());

  it(`submits ${JOBS} jobs exactly once each while the worker is SIGKILLed every ${KILL_EVERY_MS} ms`, async () => {
    fault = await FaultStack.start({ env: { SUBMIT_RATE_LIMIT: '100' }, faults: { latencyMs: 100 } });
    const { stack } = fault;
    const kills = chaosLoop(KILL_EVERY_MS, async () => {
      expect(await stack.kill(liveProcess(stack, 'worker'), 'SIGKILL')).toBe('SIGKILL');
      await stack.startRole('worker');
    });
    let accepted: AcceptedJob[];
    try {
      ({ accepted } = await submitAll(stack, { prefix: 'wkill', count: JOBS, webhookUrl: fault.webhookUrl }));
      await eventually(async () => (await awaitingSubmission(stack)) === 0, { timeoutMs: 240_000, intervalMs: 500, what: 'every job submitted' });
    } finally {
      await kills.stop();
    }
    const counts = await settleAndAudit({ stack, receiver: fault.receiver, accepted });
    reportScenario(`worker SIGKILL x${kills.count}`, counts);
    expect(counts).toMatchObject({ duplicates: 0, lost: 0, webhooksMissing: 0, mismatches: [] });
    expect(kills.count).toBeGreaterThanOrEqual(3);
    // Kills that landed between "attempt recorded" and "answer recorded" show as resumed jobs.
    const resumed = [...(await storeRecords(stack)).values()].filter((r) => r.attempts > 1);
    expect(resumed.length).toBeGreaterThan(0);
    fault.receiver.at('/hooks', fault.webhookSecret);
  }, 600_000);
});
