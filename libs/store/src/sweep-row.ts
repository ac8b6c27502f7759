import {
  JOB_STATUSES,
  type CreateJobRequest,
  type EarlyStopping,
  type JobStatus,
  type ParameterSpec,
  type SweepMethod,
  type SweepObjective,
  type SweepRecord,
  type SweepStatus,
  type SweepTrial,
} from '@jobgate/contracts';

/** A `sweeps` row as pg returns it. */
export interface SweepRow {
  id: string;
  name: string;
  team_id: string | null;
  team: string | null;
  priority: number;
  status: SweepStatus;
  method: SweepMethod;
  parameters: Record<string, ParameterSpec>;
  template: CreateJobRequest;
  webhook_url: string | null;
  trial_count: number;
  max_parallel: number;
  max_failed_trials: number | null;
  /** bigint: pg returns it as a string. */
  seed: string | null;
  objective: SweepObjective | null;
  reporting: boolean;
  early_stopping: EarlyStopping | null;
  request_id: string | null;
  cancel_requested_at: Date | null;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

/** The columns of a trial's `jobs` row that a sweep shows. */
export interface TrialRow {
  id: string;
  sweep_trial: number;
  job_name: string;
  sweep_parameters: Record<string, string>;
  status: JobStatus;
  metrics: Record<string, number> | null;
  early_stopped: boolean;
}

export const TRIAL_COLUMNS = 'id, sweep_trial, job_name, sweep_parameters, status, metrics, early_stopped';

export type TrialCounts = Record<JobStatus, number>;

/** `earlyStopped`: trials median stopping stopped that ended canceled (see toSweepTrial). */
export function toSweepRecord(row: SweepRow, counts: TrialCounts, earlyStopped = 0): SweepRecord {
  return {
    id: row.id,
    name: row.name,
    team: row.team,
    priority: row.priority,
    status: row.status,
    method: row.method,
    parameters: row.parameters,
    template: row.template,
    trial_count: row.trial_count,
    max_parallel: row.max_parallel,
    max_failed_trials: row.max_failed_trials,
    seed: row.seed === null ? null : Number(row.seed),
    objective: row.objective,
    reporting: row.reporting,
    early_stopping: row.early_stopping,
    counts,
    early_stopped: earlyStopped,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    finished_at: row.finished_at ? row.finished_at.toISOString() : null,
  };
}

export function toSweepTrial(row: TrialRow): SweepTrial {
  return {
    id: row.id,
    trial: row.sweep_trial,
    job_name: row.job_name,
    parameters: row.sweep_parameters,
    status: row.status,
    metrics: row.metrics,
    // A stop that came too late (the run had already succeeded) stopped nothing.
    early_stopped: row.early_stopped && row.status === 'canceled',
  };
}

/** Every status present, so clients never have to default a missing one. */
export function countTrials(statuses: Iterable<{ status: JobStatus; n: number | string }>): TrialCounts {
  const counts = Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as TrialCounts;
  for (const { status, n } of statuses) counts[status] += Number(n);
  return counts;
}

/** True once more trials failed than the sweep allows; releases stop from then on. */
export function failureBudgetExceeded(sweep: Pick<SweepRow, 'max_failed_trials'>, counts: TrialCounts): boolean {
  return sweep.max_failed_trials !== null && counts.failed > sweep.max_failed_trials;
}
