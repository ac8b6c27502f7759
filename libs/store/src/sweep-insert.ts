import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import { DEFAULT_SWEEP_PARALLEL, type CreateSweepRequest, type PlannedTrial } from '@jobgate/contracts';
import { ConflictError } from '@jobgate/errors';
import type { SweepRow } from './sweep-row';
import type { Tables } from './tables';

export interface NewSweep {
  /** Chosen by the caller: planSweep wrote it into every trial's `sweep_id` label. */
  id: string;
  request: CreateSweepRequest;
  /** `id`: chosen by the caller when the trial must know it (its report URL); `reportTokenDigest`: its report token's. */
  trials: Array<PlannedTrial & { id?: string; reportTokenDigest?: string }>;
  /** The seed random trials were drawn with; null for a grid sweep given none. */
  seed: number | null;
  requestId?: string | null;
  /** The owning team; null or absent for an operator's sweep. Its trials belong to it too. */
  team?: { id: string; name: string } | null;
}

/**
 * Writes the sweep and all its trials (`pending` jobs) with three statements, whatever the number of
 * trials: the trials travel as one JSON array expanded by jsonb_to_recordset, so 10,000 trials cost
 * one round trip, not 10,000. Runs inside the caller's transaction.
 */
export async function insertSweep(db: PoolClient, t: Tables, input: NewSweep): Promise<SweepRow> {
  const { request } = input;
  const now = new Date();
  const { rows } = await db.query<SweepRow>(
    `INSERT INTO ${t.sweeps} (id, name, status, method, parameters, template, webhook_url, trial_count, max_parallel, max_failed_trials,
                         seed, objective, request_id, created_at, updated_at, team_id, team, priority, reporting, early_stopping)
     VALUES ($1, $2, 'running', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14, $15, $16, $17, $18) RETURNING *`,
    [
      input.id,
      request.name,
      request.method,
      JSON.stringify(request.parameters),
      JSON.stringify(request.template),
      request.template.webhook_url ?? null,
      input.trials.length,
      request.max_parallel ?? DEFAULT_SWEEP_PARALLEL,
      request.max_failed_trials ?? null,
      input.seed,
      request.objective ? JSON.stringify(request.objective) : null,
      input.requestId ?? null,
      now,
      input.team?.id ?? null,
      input.team?.name ?? null,
      request.priority ?? 0,
      request.reporting ?? false,
      request.early_stopping ? JSON.stringify(request.early_stopping) : null,
    ],
  );
  try {
    await insertTrials(db, t, input, now);
  } catch (err) {
    throw translateNameClash(err);
  }
  return rows[0]!;
}

// Trial n is created n microseconds after the sweep, so job listings (newest first, by created_at)
// show a sweep's trials in a stable order instead of the random order of their ids.
async function insertTrials(db: PoolClient, t: Tables, input: NewSweep, now: Date): Promise<void> {
  const trials = input.trials.map((t) => ({
    id: t.id ?? randomUUID(),
    job_name: t.training_job.job_name,
    training_job: t.training_job,
    labels: t.labels,
    trial: t.trial,
    parameters: t.parameters,
    report_token_hash: t.reportTokenDigest ?? null,
  }));
  await db.query(
    `WITH inserted AS (
       INSERT INTO ${t.jobs} (id, status, job_name, training_job, labels, webhook_url, sweep_id, sweep_trial, sweep_parameters, request_id, created_at, updated_at, team_id, team, priority, report_token_hash)
       SELECT t.id, 'pending', t.job_name, t.training_job, t.labels, $2, $1, t.trial, t.parameters, $3,
              $4::timestamptz + t.trial * interval '1 microsecond', $4::timestamptz + t.trial * interval '1 microsecond', $6, $7, $8, t.report_token_hash
       FROM jsonb_to_recordset($5::jsonb) AS t(id uuid, job_name text, training_job jsonb, labels jsonb, trial integer, parameters jsonb, report_token_hash text)
       RETURNING id
     )
     INSERT INTO ${t.job_events} (job_id, from_status, to_status, reason) SELECT id, NULL, 'pending', 'accepted' FROM inserted`,
    [
      input.id,
      input.request.template.webhook_url ?? null,
      input.requestId ?? null,
      now,
      JSON.stringify(trials),
      input.team?.id ?? null,
      input.team?.name ?? null,
      input.request.priority ?? 0,
    ],
  );
}

/** A trial name held by a live job: the same 409 as POST /v1/jobs gives, naming the trial's name. */
function translateNameClash(err: unknown): unknown {
  const e = err as { code?: string; constraint?: string; detail?: string };
  if (e?.code !== '23505' || e.constraint !== 'jobs_live_name') return err;
  const name = /\(job_name\)=\((.*)\) already exists/.exec(e.detail ?? '')?.[1];
  const which = name ? `job_name "${name}"` : 'a trial job_name';
  return new ConflictError(`${which} is already used by a job that has not failed; give the template another job_name`, 'job_name_taken');
}
