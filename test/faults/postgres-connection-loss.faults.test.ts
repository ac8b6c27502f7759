import { submitAll, type SubmitAllResult } from './support/careful-client';
import { chaosLoop } from './support/chaos-loop';
import { settleAndAudit } from './support/fault-audit';
import { FaultStack } from './support/fault-stack';
import { reportScenario } from './support/fault-summary';
import { exitedProcesses } from './support/live-process';

const JOBS = 150;
const CUT_EVERY_MS = 1_500;
const CUTS = 5;

/**
 * Every PostgreSQL session of the scenario's database is killed, several times, while intake,
 * submission, polling and webhooks run (a failover, a restarted pgbouncer). The roles keep going
 * on fresh connections; an intake request caught in a cut may fail, and the client's retry with
 * the same Idempotency-Key must then get the job accepted exactly once.
 */
describe('fault: PostgreSQL connections lost mid-run', () => {
  let fault: FaultStack | undefined;
  afterAll(() => fault?.stop());

  it(`submits ${JOBS} jobs exactly once each while every session is killed ${CUTS} times`, async () => {
    // 20 creates per second keep submission going for ~8 s, across the cuts.
    fault = await FaultStack.start({ env: { SUBMIT_RATE_LIMIT: '20' } });
    const { stack, database } = fault;
    const killedSessions: number[] = [];
    const cuts = chaosLoop(CUT_EVERY_MS, async (n) => {
      if (n <= CUTS) killedSessions.push(await database.terminateBackends());
    });
    let intake: SubmitAllResult;
    try {
      intake = await submitAll(stack, { prefix: 'pg', count: JOBS, webhookUrl: fault.webhookUrl, concurrency: 5, spacingMs: 150 });
      while (killedSessions.length < CUTS) await new Promise((r) => setTimeout(r, 200));
    } finally {
      await cuts.stop();
    }

    const counts = await settleAndAudit({ stack, receiver: fault.receiver, accepted: intake.accepted });
    reportScenario(`PostgreSQL sessions killed x${CUTS}`, counts);
    process.stdout.write(`[faults]   sessions killed per cut: ${killedSessions.join(', ')}; intake retries by status: ${JSON.stringify(intake.retried)}\n`);
    expect(counts).toMatchObject({ duplicates: 0, lost: 0, webhooksMissing: 0, mismatches: [] });
    expect(exitedProcesses(stack)).toEqual([]);
    expect(killedSessions.every((n) => n > 0)).toBe(true);
    // A request caught in a cut is told to come back (503 + Retry-After), never a bare 500.
    expect(Object.keys(intake.retried).filter((status) => status !== '503')).toEqual([]);
    fault.receiver.at('/hooks', fault.webhookSecret);
  }, 420_000);
});
