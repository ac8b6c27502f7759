import { eventually, type Stack } from '../support/stack';
import { submitAll, type AcceptedJob } from './support/careful-client';
import { chaosLoop } from './support/chaos-loop';
import { settleAndAudit } from './support/fault-audit';
import { FaultStack } from './support/fault-stack';
import { reportScenario } from './support/fault-summary';
import { liveProcess } from './support/live-process';
import { simOutcome } from './support/sim-outcome';

const JOBS = 150;
const KILL_EVERY_MS = 2_000;

/**
 * The poller dies without warning, mid-tick, again and again while jobs run and end, and a fresh one
 * takes over. Statuses read from ModelArts are never lost: whatever a job reached while no poller
 * was looking is read later, recorded, and announced by webhook.
 */
describe('fault: poller SIGKILL and restart', () => {
  let fault: FaultStack | undefined;
  afterAll(() => fault?.stop());

  it(`misses no status change of ${JOBS} jobs while the poller is SIGKILLed every ${KILL_EVERY_MS} ms`, async () => {
    // 10 creates per second spread the jobs' ends over ~15 s of kills (a restart itself takes a moment on a busy machine).
    fault = await FaultStack.start({ env: { SUBMIT_RATE_LIMIT: '10' } });
    const { stack } = fault;
    const kills = chaosLoop(KILL_EVERY_MS, async () => {
      expect(await stack.kill(liveProcess(stack, 'poller'), 'SIGKILL')).toBe('SIGKILL');
      await stack.startRole('poller');
    });
    let accepted: AcceptedJob[];
    try {
      ({ accepted } = await submitAll(stack, { prefix: 'pkill', count: JOBS, webhookUrl: fault.webhookUrl }));
      // Until every job has ended in ModelArts: each end happened with the poller possibly dead.
      await untilAllEnded(stack, JOBS);
    } finally {
      await kills.stop();
    }

    const counts = await settleAndAudit({ stack, receiver: fault.receiver, accepted });
    reportScenario(`poller SIGKILL x${kills.count}`, counts);
    expect(counts).toMatchObject({ duplicates: 0, lost: 0, webhooksMissing: 0, mismatches: [] });
    expect(kills.count).toBeGreaterThanOrEqual(4);
    fault.receiver.at('/hooks', fault.webhookSecret);
  }, 420_000);
});

async function untilAllEnded(stack: Stack, count: number): Promise<void> {
  await eventually(
    async () => {
      const jobs: { status: number }[] = await stack.sim('/jobs');
      return jobs.length === count && jobs.every((j) => simOutcome(j.status) !== undefined);
    },
    { timeoutMs: 120_000, intervalMs: 500, what: 'every job to end in ModelArts' },
  );
}
