import { JOB_STATUSES, type JobStatus, type SweepDetail, type SweepTrial } from '@jobgate/contracts/records';

export const SWEEP_ID = '7d1e2f30-1111-4a57-9d4b-6a1d6f0e9c21';

/**
 * A sweep as jobgate returns it (`GET /v1/sweeps/{id}`) with `counts` of the given statuses (every
 * other status 0) and `overrides` applied; `trial_count` is the sum of the counts unless overridden.
 */
export function sweepRecord(counts: Partial<Record<JobStatus, number>>, overrides: Partial<SweepDetail> = {}): SweepDetail {
  const full = Object.fromEntries(JOB_STATUSES.map((status) => [status, counts[status] ?? 0])) as Record<JobStatus, number>;
  return {
    id: SWEEP_ID,
    name: 'lr-search',
    team: null,
    priority: 0,
    status: 'running',
    method: 'grid',
    parameters: { lr: { values: [0.1, 0.01] } },
    template: { training_job: { job_name: 'lr-search', config: { worker_server_num: 1 } } },
    trial_count: Object.values(full).reduce((sum, n) => sum + n, 0),
    max_parallel: 2,
    max_failed_trials: null,
    seed: null,
    objective: { metric: 'loss', goal: 'minimize' },
    reporting: false,
    early_stopping: null,
    counts: full,
    early_stopped: 0,
    created_at: '2024-05-01T12:00:00.000Z',
    updated_at: '2024-05-01T12:00:00.000Z',
    finished_at: null,
    best_trial: null,
    ...overrides,
  };
}

export function sweepTrial(overrides: Partial<SweepTrial> = {}): SweepTrial {
  return {
    id: 'j1',
    trial: 1,
    job_name: 'lr-search-1',
    parameters: { lr: '0.1' },
    status: 'succeeded',
    metrics: { loss: 0.3 },
    early_stopped: false,
    ...overrides,
  };
}
