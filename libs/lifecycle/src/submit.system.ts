import { isTerminal, type TrainingJobBody } from '@jobgate/contracts';
import {
  classify,
  isNameTakenError,
  ModelArtsError,
  statusName,
  ThrottledError,
  type CreateCallOptions,
  type CreatedJob,
  type CreateVersionBody,
  type JobSummary,
  type ListVersionsQuery,
  type RequestGate,
  type VersionDetail,
  type VersionList,
} from '@jobgate/modelarts';
import type { Logger } from '@jobgate/logging';
import type { AttemptResult, AttemptRow, JobError, JobSnapshot, SubmittedRef } from '@jobgate/store';
import { fullJitterDelay } from './backoff';
import { runIntent, type IntentContext } from './intent-context';

/** The ModelArts calls submission makes. */
export interface SubmitClient {
  /** Takes a permit of `options.gate` for each create request it actually sends (a re-send after a token refresh takes another). */
  createTrainingJob(body: TrainingJobBody, options?: CreateCallOptions): Promise<CreatedJob>;
  /** A rerun's create: a new version of its ModelArts job (§2.5), admitted through `options.gate` like a create. */
  createVersion(jobId: string, body: CreateVersionBody, options?: CreateCallOptions): Promise<CreatedJob>;
  findJobByName(name: string, options?: { workspaceId?: string }): Promise<JobSummary | null>;
  /** A rerun's lookup after an unanswered create-version: the versions of its ModelArts job. */
  listVersions(jobId: string, q?: ListVersionsQuery): Promise<VersionList>;
  /** Stops a job our create made after the record had moved on (canceled or given up meanwhile). */
  stopVersion(jobId: string, versionId: string): Promise<void>;
}

/** The shared create rate (SUBMIT_RATE_LIMIT across all workers): a place per request sent, held until it is answered. */
export interface SubmitGate extends RequestGate {
  /** Holds every worker's creates for `ms` (ModelArts throttled us). */
  pauseFor(ms: number): Promise<void>;
}

export interface SubmitSettings {
  /** Transient failures allowed before the job is given up (SUBMIT_MAX_ATTEMPTS). */
  maxAttempts: number;
  /** Create calls of any outcome, throttled ones included, before the job is given up; default 5 × maxAttempts. */
  maxStartedAttempts?: number;
  /** Pause after a 429 without Retry-After; default 5 s. */
  defaultThrottleMs?: number;
  /** How long a job waits when ModelArts cannot tell whether an unanswered create landed; default 30 s. */
  unresolvedRecheckMs?: number;
  /** The ModelArts client's request timeout: an unanswered attempt younger than this (plus 5 s) may still land; default 30 s. */
  callTimeoutMs?: number;
  /** Slack when comparing ModelArts' create_time with our first attempt (clock skew); default 2 s. */
  adoptSkewMs?: number;
  random?: () => number;
}

/**
 * What the queue should do with the job next. Only admitted jobs (holding a slot) are in the submit
 * queue, so none waits there for capacity: jobs that hold slots and wait to retry always get their turn.
 */
export type SubmitVerdict =
  | { kind: 'done'; outcome: string }
  | { kind: 'throttled'; pauseMs: number }
  | { kind: 'retry'; delayMs: number; reason: string }
  | { kind: 'failed'; reason: string };

export interface SubmitSystemOptions {
  client: SubmitClient;
  gate: SubmitGate;
  settings: SubmitSettings;
}

// Beyond the client's timeout, before an unanswered attempt counts as over.
const IN_FLIGHT_SLACK_MS = 5_000;

/**
 * jobs.submit: claim a slot, send one create call, and record what happened — each outcome in one
 * transaction with its webhook event and follow-up work, and fenced by the attempt that produced it.
 */
export class SubmitSystem {
  constructor(
    private readonly ctx: IntentContext,
    private readonly options: SubmitSystemOptions,
  ) {}

  async process(jobId: string, requestId: string | null = null): Promise<SubmitVerdict> {
    const s = this.options.settings;
    const log = this.ctx.logger.child({ jobId, requestId: requestId ?? undefined });
    const claim = await this.ctx.store.submissions.claim(jobId);
    if (claim.kind === 'skip') {
      log.info({ status: claim.status ?? 'deleted' }, 'nothing to submit');
      return { kind: 'done', outcome: `skipped:${claim.status ?? 'deleted'}` };
    }
    const { job, attempts } = claim;
    const ambiguous = attempts.some(isAmbiguous);
    if (job.cancelRequestedAt) return this.cancelBeforeCreate(job, attempts, log);
    if (job.attempts >= (s.maxStartedAttempts ?? s.maxAttempts * 5)) {
      const error = { code: 'jobgate.too_many_attempts', message: `gave up after ${job.attempts} create calls (throttled or failing)`, retryable: true };
      return this.giveUp(job, { attempt: job.attempts, error, ambiguous, attempts }, log);
    }
    if (job.rerun && ambiguous) {
      const settled = await this.settleVersion(job, attempts, log);
      if (settled) return settled;
    }
    const attempt = await this.ctx.store.submissions.startAttempt(jobId);
    const attemptLog = log.child({ attempt });
    let created: CreatedJob;
    try {
      created = await this.createOnce(job);
    } catch (err) {
      return this.handleFailure({ job, attempt, previous: attempts, err, log: attemptLog });
    }
    attemptLog.info({ modelartsJobId: created.jobId }, 'created in ModelArts');
    return this.recordCreated(job, attempt, { outcome: 'created', httpStatus: 200 }, toRef(created), 'created in ModelArts');
  }

  /**
   * Unlike a create, a create-version carries no name ModelArts would refuse twice: sent again after
   * an attempt whose answer was lost, it would make a second version. So before a rerun's next
   * attempt, the versions are looked up: what an earlier attempt made is adopted, and while one may
   * still land (no answer and its call not yet timed out) the rerun waits. Undefined: nothing was
   * made, send it.
   */
  private async settleVersion(job: JobSnapshot, attempts: AttemptRow[], log: Logger): Promise<SubmitVerdict | undefined> {
    const found = await this.lookUp(job, log, attempts);
    if (found === 'unanswered') return this.recheckLater(job, job.attempts, log, this.inFlightRemainingMs(job, attempts));
    if (found) {
      log.info({ modelartsJobId: found.jobId, versionId: found.versionId }, 'adopted the version an earlier, unanswered attempt created');
      return this.recordCreated(job, job.attempts, null, found, 'adopted the version an earlier attempt created');
    }
    return undefined;
  }

  /**
   * One create call: a job's create, or a rerun's create-version (the same gate, retries and fencing).
   * The client admits each request it sends through the shared gate. A failed permit release never
   * changes the answer.
   */
  private createOnce(job: JobSnapshot): Promise<CreatedJob> {
    const options: CreateCallOptions = {
      gate: this.options.gate,
      onReleaseError: (err) => this.ctx.logger.warn({ err, jobId: job.id }, 'could not release a rate-gate permit; its place expires by itself'),
    };
    if (job.rerun) return this.options.client.createVersion(job.rerun.jobId, versionBody(job.record.training_job, job.rerun.preVersionId), options);
    return this.options.client.createTrainingJob(job.record.training_job, options);
  }

  private async handleFailure(f: Failure): Promise<SubmitVerdict> {
    const { job, attempt, err, log } = f;
    const s = this.options.settings;
    if (!(err instanceof ModelArtsError)) throw err; // our own fault (database down…): BullMQ retries it
    const details = { httpStatus: err.httpStatus, errorCode: err.errorCode, errorMessage: err.errorMessage };
    // Read again, not as claimed: another processing of the same job (a duplicate queue entry after a
    // Redis wipe, a lock taken over) may have an attempt of its own on the wire by now.
    f.previous = (await this.ctx.store.submissions.attempts(job.id)).filter((a) => a.attempt !== attempt);
    const ambiguousBefore = f.previous.some(isAmbiguous);
    // A new version has no name of its own to clash with: only a create meets a taken name.
    if (isNameTakenError(err) && !job.rerun) return this.nameTaken(f, ambiguousBefore, details);
    const kind = classify(err);
    if (kind === 'throttled') {
      const pauseMs = (err as ThrottledError).retryAfterMs ?? s.defaultThrottleMs ?? 5_000;
      // Pause first: every millisecond before the gate knows is a window for another worker's call.
      await this.options.gate.pauseFor(pauseMs);
      await this.ctx.store.submissions.finishAttempt(job.id, attempt, { outcome: 'throttled', ...details, delayMs: pauseMs });
      log.warn({ pauseMs, errorCode: err.errorCode }, 'ModelArts throttled us; pausing every worker');
      return { kind: 'throttled', pauseMs };
    }
    if (kind === 'transient') {
      const outcome = err.outcomeUnknown ? 'unknown' : 'transient';
      const failures = f.previous.filter(countsAsFailure).length + 1;
      const error = { code: err.errorCode, message: err.errorMessage, retryable: true };
      if (failures >= s.maxAttempts) {
        await this.ctx.store.submissions.finishAttempt(job.id, attempt, { outcome, ...details });
        const giveUp = { ...error, message: `${err.errorMessage} (gave up after ${failures} attempts)` };
        return this.giveUp(job, { attempt, error: giveUp, ambiguous: ambiguousBefore || err.outcomeUnknown, attempts: f.previous }, log);
      }
      // A Retry-After on a 5xx answer is honoured as on a 429.
      const delayMs = fullJitterDelay(failures, err.retryAfterMs, { random: s.random });
      await this.ctx.store.submissions.finishAttempt(job.id, attempt, { outcome, ...details, delayMs });
      await this.ctx.store.submissions.noteError(job.id, attempt, error);
      log.warn({ errorCode: err.errorCode, httpStatus: err.httpStatus, delayMs, outcomeUnknown: err.outcomeUnknown }, 'transient create failure; will retry');
      return { kind: 'retry', delayMs, reason: err.errorMessage };
    }
    await this.ctx.store.submissions.finishAttempt(job.id, attempt, { outcome: kind === 'auth' ? 'auth' : 'permanent', ...details });
    return this.giveUp(
      job,
      { attempt, error: { code: err.errorCode, message: err.errorMessage, retryable: false }, ambiguous: ambiguousBefore, attempts: f.previous },
      log,
    );
  }

  /**
   * The name exists. After an attempt whose outcome we never learned, that is most likely our own
   * job: adopt it if it was created no earlier than our first attempt. Otherwise the name belongs
   * to someone else and retrying cannot help.
   */
  private async nameTaken(f: Failure, ambiguousBefore: boolean, details: Omit<AttemptResult, 'outcome'>): Promise<SubmitVerdict> {
    const { job, attempt, log } = f;
    if (!ambiguousBefore) {
      await this.ctx.store.submissions.finishAttempt(job.id, attempt, { outcome: 'permanent', ...details });
      const message = `job_name "${job.jobName}" already exists in ModelArts (not created by this request); choose another name`;
      return this.fail(job, attempt, { code: details.errorCode!, message, retryable: false }, log);
    }
    const found = await this.lookUp(job, log, []);
    if (found === 'unanswered') {
      await this.ctx.store.submissions.finishAttempt(job.id, attempt, { outcome: 'unknown', ...details });
      return this.recheckLater(job, attempt, log);
    }
    if (found) {
      log.info({ modelartsJobId: found.jobId }, 'adopted the ModelArts job created by an earlier, unanswered attempt');
      return this.recordCreated(job, attempt, { outcome: 'adopted', ...details }, found, 'adopted the job an earlier attempt created');
    }
    await this.ctx.store.submissions.finishAttempt(job.id, attempt, { outcome: 'permanent', ...details });
    const message = `job_name "${job.jobName}" exists in ModelArts but was created before this job's first attempt, so it is not ours`;
    return this.fail(job, attempt, { code: details.errorCode!, message, retryable: false }, log);
  }

  /**
   * Never give up blind: when an attempt may have created the job, look it up by name first and
   * adopt it if it is ours. If ModelArts cannot answer, the job stays `submitting` (holding its name
   * and slot) and is looked up again later; it is never reported failed while it may run untracked.
   */
  private async giveUp(
    job: JobSnapshot,
    g: { attempt: number; error: JobError; ambiguous: boolean; attempts: AttemptRow[] },
    log: Logger,
  ): Promise<SubmitVerdict> {
    if (!g.ambiguous) return this.fail(job, g.attempt, g.error, log);
    const found = await this.lookUp(job, log, g.attempts);
    if (found === 'unanswered') return this.recheckLater(job, g.attempt, log);
    if (found) {
      log.info({ modelartsJobId: found.jobId, versionId: found.versionId }, 'adopted what an unanswered attempt created, instead of giving up');
      return this.recordCreated(
        job,
        g.attempt,
        null,
        found,
        job.rerun ? 'adopted the version an earlier attempt created' : 'adopted the job an earlier attempt created',
      );
    }
    return this.fail(job, g.attempt, g.error, log);
  }

  /** A cancel arrived before the create landed: end the job, or adopt and stop what an unanswered attempt created. */
  private async cancelBeforeCreate(job: JobSnapshot, attempts: AttemptRow[], log: Logger): Promise<SubmitVerdict> {
    const found = attempts.some(isAmbiguous) ? await this.lookUp(job, log, attempts) : null;
    if (found === 'unanswered') return this.recheckLater(job, job.attempts, log);
    if (found) return this.recordCreated(job, job.attempts, null, found, 'adopted what an earlier attempt created');
    const canceled = await runIntent(this.ctx, async (it) => {
      const after = await it.tx.cancels.markCanceled(job.id, 'submitting', 'canceled before it was created');
      if (after) await it.announce(job, after);
      return after;
    });
    log.info({ canceled: Boolean(canceled) }, 'cancel requested before the create; not creating it');
    return { kind: 'done', outcome: canceled ? 'canceled' : 'stale' };
  }

  /**
   * ModelArts' answer for what an attempt of ours may have created: ours, not ours (null), or no
   * answer yet. A job is looked up by its name in its workspace; a rerun's version among its ModelArts
   * job's versions, by the version it derives from. "Not there" is no answer while one of `attempts`
   * may still be on its way (another worker's call that has not timed out yet): it could land right
   * after we looked.
   */
  private async lookUp(job: JobSnapshot, log: Logger, attempts: AttemptRow[]): Promise<SubmittedRef | null | 'unanswered'> {
    const s = this.options.settings;
    const firstAttemptMs = (job.firstAttemptAt ?? job.createdAt).getTime() - (s.adoptSkewMs ?? 2_000);
    let found: SubmittedRef | null;
    try {
      found = job.rerun ? await this.findVersion(job.rerun, firstAttemptMs) : await this.findByName(job, firstAttemptMs);
    } catch (err) {
      log.warn({ err }, job.rerun ? 'could not list the versions of the ModelArts job; will look again' : 'could not look the job up by name; will look again');
      return 'unanswered';
    }
    if (found) return found;
    return this.inFlightRemainingMs(job, attempts) > 0 ? 'unanswered' : null;
  }

  /**
   * How long an attempt may still land: one whose worker died mid-call (no outcome), and for a rerun
   * also one that got no HTTP answer at all (a timeout, a reset), until the client's timeout has
   * passed since it started. An attempt answered with a 5xx has been dealt with by ModelArts.
   */
  private inFlightRemainingMs(job: JobSnapshot, attempts: AttemptRow[]): number {
    const inFlightMs = (this.options.settings.callTimeoutMs ?? 30_000) + IN_FLIGHT_SLACK_MS;
    const mayLand = (a: AttemptRow) => a.outcome === null || (job.rerun !== null && a.outcome === 'unknown' && a.http_status === null);
    return Math.max(0, ...attempts.filter(mayLand).map((a) => a.started_at.getTime() + inFlightMs - Date.now()));
  }

  private async findByName(job: JobSnapshot, createdSinceMs: number): Promise<SubmittedRef | null> {
    const found = await this.options.client.findJobByName(job.jobName, job.workspaceId ? { workspaceId: job.workspaceId } : {});
    return found && found.createTime >= createdSinceMs ? summaryRef(found) : null;
  }

  /**
   * The version an unanswered create-version made: derived from the same version, created no earlier
   * than our first attempt. Only one version of a ModelArts job is created at a time (the dispatcher's
   * admission sees to it), so at most one can match; the oldest is taken should a console user have made another.
   */
  private async findVersion(rerun: NonNullable<JobSnapshot['rerun']>, createdSinceMs: number): Promise<SubmittedRef | null> {
    const list = await this.options.client.listVersions(rerun.jobId);
    const ours = list.versions
      .filter((v) => v.preVersionId === rerun.preVersionId && v.createTime >= createdSinceMs)
      .sort((a, b) => a.createTime - b.createTime)[0];
    return ours ? versionRef(ours) : null;
  }

  /** `untilLandedMs`: when an attempt may still land, look again right after it no longer can. */
  private async recheckLater(job: JobSnapshot, attempt: number, log: Logger, untilLandedMs = 0): Promise<SubmitVerdict> {
    const recheckMs = this.options.settings.unresolvedRecheckMs ?? 30_000;
    const delayMs = untilLandedMs > 0 ? untilLandedMs + 500 : recheckMs;
    log.warn({ delayMs }, 'ModelArts cannot say whether the job was created; keeping it submitting and asking again');
    await this.ctx.store.submissions.noteError(job.id, attempt, {
      code: 'jobgate.create_unresolved',
      message: 'a create call went unanswered and ModelArts cannot be asked yet; checking again',
      retryable: true,
    });
    return { kind: 'retry', delayMs, reason: 'create outcome unresolved' };
  }

  /** Created or adopted: `submitted`, its `job.submitted` event, and a stop if a cancel arrived meanwhile — one transaction. */
  private async recordCreated(job: JobSnapshot, attempt: number, result: AttemptResult | null, ref: SubmittedRef, reason: string): Promise<SubmitVerdict> {
    const outcome = await runIntent(this.ctx, async (it) => {
      if (result) await it.tx.submissions.finishAttempt(job.id, attempt, result);
      const submitted = await it.tx.submissions.markSubmitted(job.id, attempt, ref, reason);
      if (!submitted) return 'stale' as const;
      await it.announce(job, submitted);
      if (!submitted.cancelRequestedAt) return result?.outcome ?? 'adopted';
      const stopping = await it.tx.cancels.markCanceling(job.id, 'submitted', 'cancel requested during submission');
      if (stopping) it.follow({ kind: 'stop', ref: job.id, requestId: job.requestId });
      return `${result?.outcome ?? 'adopted'}:stopping`;
    });
    if (outcome === 'stale' && result?.outcome === 'created') await this.stopOrphan(job, ref);
    return { kind: 'done', outcome };
  }

  /**
   * Our create landed after the record had moved on. While the job is still being submitted (a newer
   * attempt is on the wire) or tracks this very ModelArts job, it is left alone: the newer attempt
   * meets the name and adopts it. Only when the record ended without it (canceled, or given up by a
   * lookup that came too early) would nothing follow it: then it is stopped.
   */
  private async stopOrphan(job: JobSnapshot, ref: SubmittedRef): Promise<void> {
    const log = this.ctx.logger.child({ jobId: job.id, modelartsJobId: ref.jobId });
    const now = await this.ctx.store.jobs.getSnapshot(job.id);
    if (!now || !isTerminal(now.status) || now.modelarts?.jobId === ref.jobId) {
      log.info({ status: now?.status }, "a stale attempt's create is left to the job's newer attempt, which adopts it");
      return;
    }
    try {
      await this.options.client.stopVersion(ref.jobId, ref.versionId);
      log.warn('a create landed after the job had ended; stopped the ModelArts job it made');
    } catch (err) {
      log.error({ err }, 'a create landed after the job had ended and its ModelArts job could not be stopped; stop it by hand');
    }
  }

  /** `failed` and its `job.failed` event, in one transaction; fenced, so a stale attempt changes nothing. */
  private async fail(job: JobSnapshot, attempt: number, error: JobError, log: Logger): Promise<SubmitVerdict> {
    const failed = await runIntent(this.ctx, async (it) => {
      const after = await it.tx.submissions.markFailed(job.id, error, { attempt });
      if (after) await it.announce(job, after);
      return after;
    });
    if (!failed) {
      log.info({ errorCode: error.code }, 'a newer attempt decided this job meanwhile; dropping a stale failure');
      return { kind: 'done', outcome: 'stale' };
    }
    log.warn({ errorCode: error.code }, `submission failed: ${error.message}`);
    return { kind: 'failed', reason: `${error.code}: ${error.message}` };
  }
}

interface Failure {
  job: JobSnapshot;
  attempt: number;
  previous: AttemptRow[];
  err: unknown;
  log: Logger;
}

/** An attempt that may have created the job: unanswered, died mid-call (NULL), or answered but not yet recorded as submitted. */
function isAmbiguous(a: AttemptRow): boolean {
  return a.outcome === 'unknown' || a.outcome === null || a.outcome === 'created';
}

/** Transient failures so far; throttled answers do not use up the retry budget. */
function countsAsFailure(a: AttemptRow): boolean {
  return a.outcome === 'transient' || a.outcome === 'unknown' || a.outcome === null;
}

function toRef(created: CreatedJob): SubmittedRef {
  return {
    jobId: created.jobId,
    versionId: created.versionId,
    versionName: created.versionName,
    resourceId: created.resourceId,
    status: created.status,
    statusName: statusName(created.status),
    createTime: created.createTime,
  };
}

function versionRef(v: VersionDetail): SubmittedRef {
  return {
    jobId: v.jobId,
    versionId: v.versionId,
    versionName: v.versionName,
    resourceId: v.resourceId,
    status: v.status,
    statusName: statusName(v.status),
    createTime: v.createTime,
  };
}

/**
 * The create-version body (§2.5): the rerun's config with the version it derives from. ModelArts
 * types IDs as Long; the id is sent as a number when it fits one exactly, as ModelArts sent it.
 */
function versionBody(job: TrainingJobBody, preVersionId: string): CreateVersionBody {
  const asNumber = Number(preVersionId);
  const pre = Number.isSafeInteger(asNumber) ? asNumber : preVersionId;
  return { ...(job.job_desc === undefined ? {} : { job_desc: job.job_desc }), config: { ...job.config, pre_version_id: pre } };
}

function summaryRef(found: JobSummary): SubmittedRef {
  return {
    jobId: found.jobId,
    versionId: found.versionId,
    versionName: null,
    resourceId: null,
    status: found.status,
    statusName: statusName(found.status),
    createTime: found.createTime,
  };
}
