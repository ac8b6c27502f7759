import type { CreateSweepRequest, JobRecord, PlannedTrial, SweepRecord, TrainingJobBody } from '@jobgate/contracts';
import { ConflictError, QuotaExceededError, ServiceUnavailableError } from '@jobgate/errors';
import { idempotencyOwner, ownerOf, type Caller } from './caller';
import { runIntent, type IntentContext } from './intent-context';

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
        trainingJob: input.trainingJob, labels: input.labels, webhookUrl: input.webhookUrl ?? null, requestId: input.requestId ?? null,
        team: ownerOf(input.caller), priority: input.priority,
      },
      idempotency && { ...idempotency, owner: idempotencyOwner(input.caller) },
    );
    return result;
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
      throw new ConflictError(`job ${source.id} has no ModelArts version yet (it is ${source.status}); a rerun derives its version from one`, 'not_in_modelarts');
    }
    await this.assertQueueUp();
    const team = await this.ownerOfSource(input.caller, source);
    if (team) await this.assertRoomOf(team.id, 1);
    return this.ctx.store.jobs.create(
      {
        trainingJob: input.trainingJob, labels: source.labels, webhookUrl: source.webhook_url, requestId: input.requestId ?? null,
        team, priority: source.priority, rerun: { of: source.id, jobId: ref.job_id, preVersionId: ref.version_id },
      },
      idempotency && { ...idempotency, owner: idempotencyOwner(input.caller) },
    );
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
      const { sweep } = await it.tx.sweeps.create({ ...input, team: ownerOf(input.caller) });
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
      limit, team!.usage.queued,
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
