import { submitAll } from './support/careful-client';
import { settleAndAudit } from './support/fault-audit';
import { FaultStack } from './support/fault-stack';
import { reportScenario } from './support/fault-summary';
import { exitedProcesses } from './support/live-process';
import { storeRecords } from './support/store-records';

const JOBS = 80;
const FROZEN_MS = 18_000;

/**
 * A worker freezes mid-call (a long GC pause, a VM stolen away, SIGSTOP) for longer than its BullMQ
 * lock: its jobs are handed to the other worker, which resumes them from the recorded attempts. When
 * the frozen worker wakes, its calls return and it tries to record their outcomes — stale by then.
 * Every outcome is fenced by its attempt, so nothing it decides may undo the newer attempt's work,
 * and no job may be created twice or lost.
 */
describe('fault: stalled lock taken over', () => {
  let fault: FaultStack | undefined;
  afterAll(() => fault?.stop());

  it(`submits ${JOBS} jobs exactly once each while a worker is frozen mid-call past its lock`, async () => {
    // Slow creates, so calls are in flight when the worker freezes.
    fault = await FaultStack.start({ roles: { api: 1, worker: 2, poller: 1 }, env: { SUBMIT_RATE_LIMIT: '20' }, faults: { latencyMs: 1_500 } });
    const { stack } = fault;
    const frozen = stack.processes.find((p) => p.role === 'worker')!;
    const { accepted } = await submitAll(stack, { prefix: 'stall', count: JOBS, webhookUrl: fault.webhookUrl });
    await new Promise((r) => setTimeout(r, 1_000));
    frozen.child.kill('SIGSTOP');
    await new Promise((r) => setTimeout(r, FROZEN_MS));
    frozen.child.kill('SIGCONT');

    const counts = await settleAndAudit({ stack, receiver: fault.receiver, accepted, timeoutMs: 180_000 });
    reportScenario('stalled lock taken over', counts);
    expect(counts).toMatchObject({ duplicates: 0, lost: 0, webhooksMissing: 0, mismatches: [] });
    expect(exitedProcesses(stack)).toEqual([]);
    // The frozen worker's jobs were taken over: they show a second attempt (adopted or created anew).
    const resumed = [...(await storeRecords(stack)).values()].filter((r) => r.attempts > 1);
    expect(resumed.length).toBeGreaterThan(0);
  }, 420_000);
});
