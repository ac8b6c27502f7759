import type { JobRecord } from '@jobgate/contracts/records';

export const JOB_ID = '0b6f1c7e-3a51-4a57-9d4b-6a1d6f0e9c21';

/** A job record as jobgate returns it, with `overrides` applied. */
export function jobRecord(overrides: Partial<JobRecord> = {}): JobRecord {
  return {
    id: JOB_ID,
    status: 'queued',
    job_name: 'TestModelArtsJob',
    training_job: { job_name: 'TestModelArtsJob', config: { worker_server_num: 1, spec_id: 1 } },
    labels: {},
    priority: 0,
    team: null,
    webhook_url: null,
    sweep_id: null,
    rerun_of: null,
    modelarts: null,
    attempts: 0,
    error: null,
    created_at: '2024-05-01T12:00:00.000Z',
    updated_at: '2024-05-01T12:00:00.000Z',
    submitted_at: null,
    started_at: null,
    finished_at: null,
    ...overrides,
  };
}
