/**
 * The end-of-scenario check, from the simulator's own log and the store: every accepted job is
 * exactly one ModelArts job, every record says what ModelArts says, and every terminal status
 * reached the team's receiver.
 */
import { eventually, type Stack } from '../../support/stack';
import type { WebhookReceiver } from '../../support/webhook-receiver';
import type { AcceptedJob } from './careful-client';
import { simOutcome } from './sim-outcome';
import { storeRecords } from './store-records';

export interface FaultCounts {
  submitted: number;
  /** ModelArts jobs beyond one per accepted job, orphans (no accepted job of that name) included. */
  duplicates: number;
  /** Accepted jobs with no ModelArts job, or no record. */
  lost: number;
  /** Accepted jobs whose terminal event never reached the receiver with a 2xx. */
  webhooksMissing: number;
  /** Records whose status (or ModelArts job id) differs from what the simulator says; each one described. */
  mismatches: string[];
}

const TERMINAL = ['succeeded', 'failed', 'canceled'];

export interface SettleOptions {
  stack: Stack;
  receiver: WebhookReceiver;
  accepted: AcceptedJob[];
  /** How long to let jobs end and webhooks arrive; default 180 s. */
  timeoutMs?: number;
}

/**
 * Lets every job end (in ModelArts and in the store) and every terminal webhook arrive, then counts.
 * Never throws on a timeout: what did not happen by then is what the counts report.
 */
export async function settleAndAudit(options: SettleOptions): Promise<FaultCounts> {
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  const until = (check: () => Promise<boolean>, what: string) =>
    eventually(check, { timeoutMs: Math.max(0, deadline - Date.now()), intervalMs: 1_000, what }).catch(() => undefined);
  await until(() => everyJobEnded(options), 'every job to end in ModelArts and in the store');
  await until(async () => (await audit(options)).webhooksMissing === 0, 'every terminal webhook');
  return audit(options);
}

/** Ended = terminal in the simulator and in the store (whether the two agree is the audit's business). */
async function everyJobEnded({ stack, accepted }: Pick<SettleOptions, 'stack' | 'accepted'>): Promise<boolean> {
  const names = new Set(accepted.map((a) => a.job_name));
  const simJobs = (await stack.sim('/jobs')).filter((j: { job_name: string }) => names.has(j.job_name));
  const records = await storeRecords(stack);
  return simJobs.every((j: { status: number }) => simOutcome(j.status) !== undefined) && accepted.every((a) => TERMINAL.includes(records.get(a.id)?.status));
}

async function audit({ stack, receiver, accepted }: Pick<SettleOptions, 'stack' | 'receiver' | 'accepted'>): Promise<FaultCounts> {
  const simJobs = await simJobsByName(stack);
  const records = await storeRecords(stack);
  const delivered = deliveredTypesByJob(receiver);
  const counts: FaultCounts = { submitted: accepted.length, duplicates: 0, lost: 0, webhooksMissing: 0, mismatches: [] };
  const names = new Set(accepted.map((a) => a.job_name));
  for (const [name, jobs] of simJobs) counts.duplicates += names.has(name) ? jobs.length - 1 : jobs.length;
  for (const job of accepted) {
    const record = records.get(job.id);
    const [simJob, ...extra] = simJobs.get(job.job_name) ?? [];
    if (!record || !simJob) {
      counts.lost++;
      continue;
    }
    const expected = simOutcome(simJob.status) ?? `not terminal (ModelArts ${simJob.status})`;
    if (extra.length === 0 && (record.status !== expected || record.modelarts?.job_id !== String(simJob.job_id))) {
      counts.mismatches.push(
        `${job.job_name}: record ${record.status} (ModelArts job ${record.modelarts?.job_id ?? 'none'}), simulator ${expected} (job ${simJob.job_id})`,
      );
    }
    if (!TERMINAL.includes(record.status) || !delivered.get(job.id)?.has(`job.${record.status}`)) counts.webhooksMissing++;
  }
  return counts;
}

/** Every job the simulator ever created (deleted ones too), by name. */
async function simJobsByName(stack: Stack): Promise<Map<string, any[]>> {
  const byName = new Map<string, any[]>();
  for (const job of await stack.sim('/jobs')) byName.set(job.job_name, [...(byName.get(job.job_name) ?? []), job]);
  return byName;
}

/** Event types the receiver accepted (2xx) per job id, one entry per webhook-id however often it came. */
function deliveredTypesByJob(receiver: WebhookReceiver): Map<string, Set<string>> {
  const byJob = new Map<string, Set<string>>();
  const seen = new Set<string>();
  for (const hit of receiver.received) {
    if (hit.answered < 200 || hit.answered > 299 || seen.has(hit.id) || !hit.type) continue;
    seen.add(hit.id);
    const jobId = (JSON.parse(hit.body) as { data?: { id?: string } }).data?.id;
    if (!jobId) continue;
    byJob.set(jobId, (byJob.get(jobId) ?? new Set()).add(hit.type));
  }
  return byJob;
}
