import { MAX_METRIC_STEPS, type DeliveryRecord } from '@jobgate/contracts';
import { UnprocessableError } from '@jobgate/errors';
import { confinedTo, reportScope, type Caller } from './caller';
import { newReportToken, REPORT_TOKEN_PREFIX, reportTokenDigest } from './report-token';
import type { EarlyStopSystem } from './early-stop.system';
import type { IntentContext } from './intent-context';

/** Trial metrics and webhook redelivery: small intents that still own their follow-up work. */
export class ReportingSystem {
  constructor(
    private readonly ctx: IntentContext,
    private readonly earlyStops?: EarlyStopSystem,
  ) {}

  /** Replaces a job's final metrics; null for an unknown job (or another team's, or not the reporter's). */
  async recordMetrics(jobId: string, metrics: Record<string, number>, caller: Caller): Promise<Record<string, number> | null> {
    if (!(await this.reachable(jobId, caller))) return null;
    return this.ctx.store.metrics.set(jobId, metrics);
  }

  /**
   * Records one point of a job's learning curve (a step reported again replaces it), then lets median
   * stopping judge the trial; a failed judgement is logged, never the report's failure. False for an
   * unknown job (or another team's); a curve already MAX_METRIC_STEPS long takes no new step.
   */
  async recordStep(jobId: string, point: { step: number; metrics: Record<string, number> }, caller: Caller): Promise<boolean> {
    if (!(await this.reachable(jobId, caller))) return false;
    const outcome = await this.ctx.store.metrics.recordStep(jobId, point, MAX_METRIC_STEPS);
    if (outcome === 'full') throw new UnprocessableError(`the job's learning curve already has ${MAX_METRIC_STEPS} steps`, 'metric_steps_full');
    if (outcome !== 'recorded') return false;
    await this.earlyStops
      ?.judge(jobId)
      .catch((err) => this.ctx.logger.warn({ err, jobId }, 'median stopping could not judge a trial; the next report retries'));
    return true;
  }

  /**
   * A new report token for the job, replacing its old one (which stops working at once). Shown only
   * now: the store keeps its digest. Null for an unknown job (or another team's).
   */
  async rotateReportToken(jobId: string, caller: Caller): Promise<string | null> {
    if (caller.kind === 'reporter') return null;
    const token = newReportToken();
    return (await this.ctx.store.reportTokens.rotate(jobId, reportTokenDigest(token), confinedTo(caller))) ? token : null;
  }

  /** The caller a presented report token (`jgr_…`) stands for; null when it is not one or no job holds it. */
  async authenticateReporter(presented: string): Promise<Caller | null> {
    if (!presented.startsWith(REPORT_TOKEN_PREFIX)) return null;
    const holder = await this.ctx.store.reportTokens.holder(reportTokenDigest(presented));
    return holder && { kind: 'reporter', keyId: `report:${holder.jobId}`, jobId: holder.jobId };
  }

  private async reachable(jobId: string, caller: Caller): Promise<boolean> {
    const scope = reportScope(caller, jobId);
    return scope !== null && (await this.ctx.store.jobs.get(jobId, scope.teamId)) !== null;
  }

  /**
   * Makes a webhook event due now with a fresh run of the retry schedule (same `webhook-id`), and
   * wakes its queue job. Null for an unknown event. A failed wake-up is left to reconciliation.
   */
  async redeliver(eventId: string, requestId: string | null, caller: Caller): Promise<DeliveryRecord | null> {
    const delivery = await this.ctx.store.events.requestRedelivery(eventId, confinedTo(caller));
    if (!delivery) return null;
    await this.ctx.queues
      .nudgeWebhook(eventId, { requestId })
      .catch((err) => this.ctx.logger.warn({ err, eventId }, 'redelivery enqueue failed; reconciliation will send it'));
    return delivery;
  }
}
