import { randomUUID } from 'node:crypto';
import {
  hideReportToken,
  type CreateSweepRequest,
  type JobRecord,
  type PlannedTrial,
  type Problem,
  type SweepRecord,
  type TrainingJobBody,
} from '@jobgate/contracts';
import type { BatchOutcome, NewJob } from '@jobgate/store';
import { ConflictError, QuotaExceededError, ServiceUnavailableError } from '@jobgate/errors';
import { idempotencyOwner, ownerOf, type Caller } from './caller';
import { runIntent, type IntentContext } from './intent-context';
import { newReportToken, reportTokenDigest } from './report-token';

export interface AcceptJobInput {
  /** The new job belongs to the caller's team (none for an operator). */
  caller: Caller;
  trainingJob: TrainingJobBody;
  labels?: Record<string, string>;
  /** Within the team, higher first; default 0. */
  priority?: number;
  webhookUrl?: string | null;
  requestId?: string | null;
}

export interface AcceptSweepInput {
  caller: Caller;
  id: string;
  request: CreateSweepRequest;
  trials: PlannedTrial[];
  seed: number | null;
  requestId?: string | null;
  /** With `reporting`: the base of each trial's report URL (PUBLIC_URL, or the request's base URL). */
  reportBaseUrl?: string;
}

export interface AcceptRerunInput {
  /** Who asks (the source must be visible to it); the rerun belongs to the source's team, whoever asks. */
  caller: Caller;
  /** The job rerun: its ModelArts job gets the new version, derived from its version. */
  source: JobRecord;
  /** The new version's training_job: the source's with the requested changes (validated). */
  trainingJob: TrainingJobBody;
  requestId?: string | null;
}

/** One item of a batch: a job to accept, or the problem that already refused it (validation). */
export type BatchItemInput = { job: Omit<AcceptJobInput, 'caller'> } | { problem: Problem };

export type AcceptResult = { kind: 'created'; job: JobRecord } | { kind: 'replayed'; job: JobRecord };

/** Accepting work: the record and the outbox entry that queues it commit together. */
export class IntakeSystem {
  constructor(private readonly ctx: IntentContext) {}

  /**
   * Stores a job (`queued`) with its submit entry, then publishes the entry. Redis known to be away
   * is a 503 before anything is stored; Redis failing after the commit only delays the job (the
   * relay publishes it), so an accepted job is never lost.
   */
  async acceptJob(input: AcceptJobInput, idempotency?: { key: string; requestHash: string }): Promise<AcceptResult> {
    await this.assertQueueUp();
    await this.assertTeamRoom(input.caller, 1);
    const result = await this.ctx.store.jobs.create(
      {
        trainingJob: input.trainingJob,
        labels: input.labels,
        webhookUrl: input.webhookUrl ?? null,
        requestId: input.requestId ?? null,
        team: ownerOf(input.caller),
        priority: input.priority,
      },
      idempotency && { ...idempotency, owner: idempotencyOwner(input.caller) },
    );
    return result;
  }

  /**
   * Accepts a batch: every valid item in one transaction (one INSERT), refused items keep their
   * problem at their place. The team's `max_queued_jobs` counts the whole batch: 429 for all of it
   * when the valid items do not fit. An Idempotency-Key covers the batch as a whole.
   */
  async acceptJobs(
    caller: Caller,
    items: readonly BatchItemInput[],
    idempotency?: { key: string; requestHash: string },
  ): Promise<{ replayed: boolean; outcomes: BatchOutcome[] }> {
    await this.assertQueueUp();
    await this.assertTeamRoom(caller, items.filter((item) => 'job' in item).length);
    const team = ownerOf(caller);
    const entries = items.map((item) => ('job' in item ? { job: { ...toNewJob(item.job), team } } : item));
    return this.ctx.store.jobs.createBatch(entries, idempotency && { ...idempotency, owner: idempotencyOwner(caller) });
  }

  /**
   * Stores a rerun (`queued`, waiting for the dispatcher like any job): a new jobgate job that, once
   * admitted and submitted, is a new version of the source's ModelArts job derived from the source's
   * version, followed, cancelled and reported like any job. It belongs to the source's team (so that
   * team's `max_queued_jobs` applies) and keeps the source's labels, priority and webhook URL.
   * ConflictError while the source has no ModelArts version to derive from.
   */
  async acceptRerun(input: AcceptRerunInput, idempotency?: { key: string; requestHash: string }): Promise<AcceptResult> {
    const { source } = input;
    const ref = source.modelarts;
    if (!ref?.version_id) {
      throw new ConflictError(
        `job ${source.id} has no ModelArts version yet (it is ${source.status}); a rerun derives its version from one`,
        'not_in_modelarts',
      );
    }
    await this.assertQueueUp();
    const team = await this.ownerOfSource(input.caller, source);
    if (team) await this.assertRoomOf(team.id, 1);
    const reporting = rerunReporting(source, input.trainingJob);
    const result = await this.ctx.store.jobs.create(
      {
        ...reporting,
        labels: source.labels,
        webhookUrl: source.webhook_url,
        requestId: input.requestId ?? null,
        team,
        priority: source.priority,
        rerun: { of: source.id, jobId: ref.job_id, preVersionId: ref.version_id },
      },
      idempotency && { ...idempotency, owner: idempotencyOwner(input.caller) },
    );
    return { ...result, job: hideReportToken(result.job) };
  }

  /** The source's team: the caller's own when it is a team (it can see no other), else looked up by the name on the record. */
  private async ownerOfSource(caller: Caller, source: JobRecord): Promise<{ id: string; name: string } | null> {
    if (caller.kind === 'team') return ownerOf(caller);
    if (source.team === null) return null;
    const team = await this.ctx.store.teams.getByName(source.team);
    return team && { id: team.id, name: team.name };
  }

  /** Stores a sweep and all its trials (`pending`) and releases the first `max_parallel` of them, in one transaction. */
  async acceptSweep(input: AcceptSweepInput): Promise<SweepRecord> {
    await this.assertQueueUp();
    await this.assertTeamRoom(input.caller, input.trials.length);
    return runIntent(this.ctx, async (it) => {
      const trials = input.request.reporting ? input.trials.map((trial) => withReporting(trial, input.reportBaseUrl ?? '')) : input.trials;
      const { sweep } = await it.tx.sweeps.create({ ...input, trials, team: ownerOf(input.caller) });
      return sweep;
    });
  }

  /**
   * A team's `max_queued_jobs` caps its waiting jobs (queued + pending trials): 429 beyond it. Read
   * before the insert, so requests racing each other may pass it by their number; never by more.
   */
  private async assertTeamRoom(caller: Caller, adding: number): Promise<void> {
    if (caller.kind === 'team') await this.assertRoomOf(caller.teamId, adding);
  }

  private async assertRoomOf(teamId: string, adding: number): Promise<void> {
    const team = await this.ctx.store.teams.get(teamId);
    const limit = team?.max_queued_jobs;
    if (limit === null || limit === undefined || team!.usage.queued + adding <= limit) return;
    throw new QuotaExceededError(
      `team ${team!.name} may have at most ${limit} jobs waiting (queued or pending); it has ${team!.usage.queued}${adding > 1 ? ` and this request adds ${adding}` : ''}`,
      limit,
      team!.usage.queued,
    );
  }

  private async assertQueueUp(): Promise<void> {
    try {
      await this.ctx.queues.assertConnected();
    } catch (err) {
      throw new ServiceUnavailableError('The job queue is unavailable; nothing was stored, please retry', err);
    }
  }
}

const REPORT_URL = 'jobgate_report_url';
const REPORT_TOKEN = 'jobgate_report_token';

/**
 * A trial that reports by itself: its id chosen here so its URL can name it, and a token of its own
 * in `config.parameter` for ModelArts to hand to the training code (auth knows only its digest; job
 * records and webhooks show it hidden). Rotating it (`POST /v1/jobs/{id}/report-token`) retires this one.
 */
function withReporting(trial: PlannedTrial, baseUrl: string): PlannedTrial & { id: string; reportTokenDigest: string } {
  const id = randomUUID();
  const token = newReportToken();
  const config = trial.training_job.config;
  const parameter = [...(config.parameter ?? []), { label: REPORT_URL, value: `${baseUrl}/v1/jobs/${id}/metrics` }, { label: REPORT_TOKEN, value: token }];
  return { ...trial, id, reportTokenDigest: reportTokenDigest(token), training_job: { ...trial.training_job, config: { ...config, parameter } } };
}

/**
 * A rerun of a job that reports by itself (a reporting sweep trial) reports as itself: its own id in
 * the report URL and a token of its own, never the source's (which records show hidden anyway, so
 * the copy a rerun starts from holds no usable token). Other jobs' parameters are kept as they are.
 */
function rerunReporting(source: JobRecord, trainingJob: TrainingJobBody): { trainingJob: TrainingJobBody; id?: string; reportTokenDigest?: string } {
  const config = trainingJob.config;
  const url = config.parameter?.find((p) => p.label === REPORT_URL)?.value;
  if (url === undefined) return { trainingJob };
  const id = randomUUID();
  const token = newReportToken();
  const kept = config.parameter!.filter((p) => p.label !== REPORT_URL && p.label !== REPORT_TOKEN);
  const ownUrl = url.replace(`/v1/jobs/${source.id}/metrics`, `/v1/jobs/${id}/metrics`);
  const parameter = [...kept, { label: REPORT_URL, value: ownUrl }, { label: REPORT_TOKEN, value: token }];
  return { id, reportTokenDigest: reportTokenDigest(token), trainingJob: { ...trainingJob, config: { ...config, parameter } } };
}

function toNewJob(input: Omit<AcceptJobInput, 'caller'>): NewJob {
  return {
    trainingJob: input.trainingJob,
    labels: input.labels,
    webhookUrl: input.webhookUrl ?? null,
    requestId: input.requestId ?? null,
    priority: input.priority,
  };
}
