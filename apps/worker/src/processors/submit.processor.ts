import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Logger } from '@jobgate/logging';
import { ModelArtsError, ThrottledError, classify, isNameTakenError, statusName, type ModelArtsClient } from '@jobgate/modelarts';
import type { SubmitPayload, SlidingWindowLimiter } from '@jobgate/queues';
import type { AttemptRow, JobRow, SubmissionRepository } from '@jobgate/store';
import { fullJitterDelay } from '../backoff';
import { RetryLaterError } from '../retry-later-error';

export interface SubmitProcessorDeps {
  submissions: SubmissionRepository;
  client: ModelArtsClient;
  /** Shared sliding-window gate: SUBMIT_RATE_LIMIT creates in any second, across all workers. */
  limiter: SlidingWindowLimiter;
  /** Pauses the whole submit queue (BullMQ manual rate limit) for all workers. */
  pauseQueue: (ms: number) => Promise<void>;
  logger: Logger;
  settings: SubmitSettings;
  /** Told about every status change the processor makes (webhooks, metrics). */
  onTransition?: (job: JobRow) => Promise<void> | void;
}

export interface SubmitSettings {
  maxActiveJobs: number;
  /** Transient failures allowed before the job fails (SUBMIT_MAX_ATTEMPTS). */
  maxAttempts: number;
  /** Create calls of any outcome, throttled ones included, before the job fails; default 5 × maxAttempts. */
  maxStartedAttempts?: number;
  /** Pause after a 429 without Retry-After; default 5 s. */
  defaultThrottleMs?: number;
  /** How long the queue waits before checking for a free MAX_ACTIVE_JOBS slot again; default 1 s. */
  slotRecheckMs?: number;
  /** Slack when comparing ModelArts' create_time with our first attempt (clock skew); default 2 s. */
  adoptSkewMs?: number;
  random?: () => number;
}

/** jobs.submit: claim a slot, send one create call, and record what happened. */
export function submitProcessor(deps: SubmitProcessorDeps) {
  const s = deps.settings;
  const maxStarted = s.maxStartedAttempts ?? s.maxAttempts * 5;
  return async (job: Job<SubmitPayload>): Promise<{ outcome: string }> => {
    const jobId = job.data.jobId;
    const log = deps.logger.child({ jobId, requestId: job.data.requestId ?? undefined });
    const claim = await deps.submissions.claim(jobId, s.maxActiveJobs);
    if (claim.kind === 'skip') {
      log.info({ status: claim.job?.status ?? 'deleted' }, 'nothing to submit');
      return { outcome: `skipped:${claim.job?.status ?? 'deleted'}` };
    }
    if (claim.kind === 'no_slot') {
      // Not an attempt: the job goes back to the head of the queue and the whole queue waits a moment.
      await deps.pauseQueue(s.slotRecheckMs ?? 1_000);
      throw Worker.RateLimitError();
    }
    if (claim.job.attempts >= maxStarted) {
      return fail(deps, claim.job, log, { code: 'jobgate.too_many_attempts', message: `gave up after ${claim.job.attempts} create calls (throttled or failing)`, retryable: true });
    }
    const attempt = await deps.submissions.startAttempt(jobId);
    const attemptLog = log.child({ attempt });
    try {
      // The client takes a permit for each create request it sends, right before sending it.
      const created = await deps.client.createTrainingJob(claim.job.training_job as never, {
        gate: deps.limiter,
        onReleaseError: (err) => attemptLog.warn({ err }, 'could not release the rate gate permit; its place expires by itself'),
      });
      await deps.submissions.finishAttempt(jobId, attempt, { outcome: 'created', httpStatus: 200 });
      const row = await deps.submissions.markSubmitted(jobId, {
        jobId: created.jobId, versionId: created.versionId, versionName: created.versionName,
        resourceId: created.resourceId, status: created.status, statusName: statusName(created.status), createTime: created.createTime,
      });
      attemptLog.info({ modelartsJobId: created.jobId }, 'created in ModelArts');
      if (row) await deps.onTransition?.(row);
      return { outcome: 'created' };
    } catch (err) {
      return handleFailure({ deps, job, row: claim.job, previous: claim.attempts, attempt, err, log: attemptLog });
    }
  };
}

interface FailureContext {
  deps: SubmitProcessorDeps;
  job: Job<SubmitPayload>;
  row: JobRow;
  previous: AttemptRow[];
  attempt: number;
  err: unknown;
  log: Logger;
}

async function handleFailure(ctx: FailureContext): Promise<{ outcome: string }> {
  const { deps, row, attempt, err, log } = ctx;
  const s = deps.settings;
  if (!(err instanceof ModelArtsError)) throw err; // our own fault (database down…): BullMQ retries it
  const details = { httpStatus: err.httpStatus, errorCode: err.errorCode, errorMessage: err.errorMessage };
  if (isNameTakenError(err)) return nameTaken(ctx, err);
  const kind = classify(err);
  if (kind === 'throttled') {
    const pauseMs = (err as ThrottledError).retryAfterMs ?? s.defaultThrottleMs ?? 5_000;
    // Pause first: every millisecond before the gate knows is a window for another worker's call.
    await deps.limiter.pauseFor(pauseMs);
    await deps.pauseQueue(pauseMs);
    await deps.submissions.finishAttempt(row.id, attempt, { outcome: 'throttled', ...details, delayMs: pauseMs });
    log.warn({ pauseMs, errorCode: err.errorCode }, 'ModelArts throttled us; pausing every worker');
    throw Worker.RateLimitError();
  }
  if (kind === 'transient') {
    const outcome = err.outcomeUnknown ? 'unknown' : 'transient';
    const failures = countFailures(ctx.previous) + 1;
    if (failures >= s.maxAttempts) {
      await deps.submissions.finishAttempt(row.id, attempt, { outcome, ...details });
      return fail(deps, row, log, { code: err.errorCode, message: `${err.errorMessage} (gave up after ${failures} attempts)`, retryable: true });
    }
    const delayMs = fullJitterDelay(failures, err.retryAfterMs, { random: s.random });
    await deps.submissions.finishAttempt(row.id, attempt, { outcome, ...details, delayMs });
    await deps.submissions.noteError(row.id, { code: err.errorCode, message: err.errorMessage, retryable: true });
    log.warn({ errorCode: err.errorCode, httpStatus: err.httpStatus, delayMs, outcomeUnknown: err.outcomeUnknown }, 'transient create failure; will retry');
    throw new RetryLaterError(err.errorMessage, delayMs, err);
  }
  await deps.submissions.finishAttempt(row.id, attempt, { outcome: kind === 'auth' ? 'auth' : 'permanent', ...details });
  return fail(deps, row, log, { code: err.errorCode, message: err.errorMessage, retryable: false });
}

/**
 * The name exists (`ModelArts.0103` / `2751`). After an attempt whose outcome we never learned, that is most
 * likely our own job: adopt it if it was created no earlier than our first attempt. Otherwise the
 * name belongs to someone else and retrying cannot help.
 */
async function nameTaken(ctx: FailureContext, err: ModelArtsError): Promise<{ outcome: string }> {
  const { deps, row, attempt, log } = ctx;
  const details = { httpStatus: err.httpStatus, errorCode: err.errorCode, errorMessage: err.errorMessage };
  // 'created' too: a worker that died between recording that answer and marking the job submitted left it `submitting`.
  const ambiguousBefore = ctx.previous.some((a) => a.attempt < attempt && (a.outcome === 'unknown' || a.outcome === null || a.outcome === 'created'));
  if (ambiguousBefore) {
    const workspace = row.training_job.workspace_id;
    const found = await deps.client.findJobByName(row.job_name, { workspaceId: typeof workspace === 'string' ? workspace : undefined });
    const firstAttemptMs = (row.first_attempt_at ?? ctx.previous[0]?.started_at ?? new Date()).getTime();
    if (found && found.createTime >= firstAttemptMs - (deps.settings.adoptSkewMs ?? 2_000)) {
      await deps.submissions.finishAttempt(row.id, attempt, { outcome: 'adopted', ...details });
      const adopted = await deps.submissions.markSubmitted(row.id, {
        jobId: found.jobId, versionId: found.versionId, versionName: null, resourceId: null,
        status: found.status, statusName: statusName(found.status), createTime: found.createTime,
      }, 'adopted the job an earlier attempt created');
      log.info({ modelartsJobId: found.jobId }, 'adopted the ModelArts job created by an earlier, unanswered attempt');
      if (adopted) await deps.onTransition?.(adopted);
      return { outcome: 'adopted' };
    }
  }
  await deps.submissions.finishAttempt(row.id, attempt, { outcome: 'permanent', ...details });
  const message = ambiguousBefore
    ? `job_name "${row.job_name}" exists in ModelArts but was created before this job's first attempt, so it is not ours`
    : `job_name "${row.job_name}" already exists in ModelArts (not created by this request); choose another name`;
  return fail(ctx.deps, row, log, { code: err.errorCode, message, retryable: false });
}

async function fail(deps: SubmitProcessorDeps, row: JobRow, log: Logger, error: { code: string; message: string; retryable: boolean }): Promise<never> {
  const failed = await deps.submissions.markFailed(row.id, error);
  log.warn({ errorCode: error.code }, `submission failed: ${error.message}`);
  if (failed) await deps.onTransition?.(failed);
  throw new UnrecoverableError(`${error.code}: ${error.message}`);
}

/** Transient failures so far; throttled answers do not use up the retry budget. */
function countFailures(previous: AttemptRow[]): number {
  return previous.filter((a) => a.outcome === 'transient' || a.outcome === 'unknown' || a.outcome === null).length;
}
