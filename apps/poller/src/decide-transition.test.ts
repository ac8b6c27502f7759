import type { JobRow } from '@jobgate/store';
import { NOW_IF_UNSET } from '@jobgate/store';
import { decideTransition, type Observation } from './decide-transition';

const T0 = Date.parse('2024-05-01T00:00:00Z');
const settings = { nowMs: T0 + 60_000, pendingTimeoutMs: 3_600_000 };

function row(patch: Partial<JobRow> = {}): JobRow {
  return {
    id: 'j1', status: 'submitted', job_name: 'n', training_job: { job_name: 'n', config: { worker_server_num: 1 } }, labels: {}, webhook_url: null, sweep_id: null, request_id: null,
    modelarts_job_id: '10', modelarts_version_id: '20', modelarts_version_name: 'V0001', modelarts_resource_id: null,
    modelarts_status: 1, modelarts_status_name: 'JOBSTAT_INIT', modelarts_create_time: new Date(T0), attempts: 1, first_attempt_at: new Date(T0),
    error_code: null, error_message: null, error_retryable: null, cancel_requested_at: null, created_at: new Date(T0), updated_at: new Date(T0),
    submitted_at: new Date(T0), started_at: null, finished_at: null, ...patch,
  };
}
const code = (c: number): Observation => ({ kind: 'status', code: c });

describe('decideTransition (ModelArts status → jobgate status)', () => {
  it.each([
    [0, 'submitted'], [2, 'submitted'], [4, 'submitted'], [7, 'submitted'], [18, 'submitted'],
    [8, 'running'], [15, 'running'], [19, 'running'], [9, 'running'],
    [10, 'succeeded'], [20, 'succeeded'], [12, 'canceled'], [13, 'canceled'],
    [3, 'failed'], [5, 'failed'], [6, 'failed'], [11, 'failed'], [14, 'failed'], [16, 'failed'], [17, 'failed'], [21, 'failed'], [22, 'failed'],
  ])('code %i moves a submitted job to %s, conditional on its current status', (c, to) => {
    const change = decideTransition(row(), code(c), settings)!;
    expect(change).toMatchObject({ from: ['submitted'], to, patch: { modelarts_status: c } });
    expect(change.logSameStatus).toBe(to === 'submitted');
  });

  it('sets started_at on running, finished_at and the error on failure, with the ModelArts name kept', () => {
    expect(decideTransition(row(), code(8), settings)!.patch).toMatchObject({ started_at: NOW_IF_UNSET, modelarts_status_name: 'JOBSTAT_RUNNING' });
    expect(decideTransition(row({ status: 'running' }), code(11), settings)!.patch).toMatchObject({
      finished_at: NOW_IF_UNSET, error_code: 'JOBSTAT_FAILED', error_message: 'ModelArts reported status 11 (JOBSTAT_FAILED)', error_retryable: false,
    });
    expect(decideTransition(row({ status: 'running' }), code(10), settings)!.patch).toMatchObject({ finished_at: NOW_IF_UNSET });
  });

  it('turns 9 KILLING into canceling only when we asked for the stop', () => {
    expect(decideTransition(row({ status: 'running' }), code(9), settings)).toMatchObject({ to: 'running', logSameStatus: true });
    expect(decideTransition(row({ status: 'running', cancel_requested_at: new Date(T0) }), code(9), settings)).toMatchObject({ to: 'canceling' });
    expect(decideTransition(row({ status: 'canceling', cancel_requested_at: new Date(T0), modelarts_status: 8 }), code(8), settings)).toBeNull();
    expect(decideTransition(row({ status: 'canceling', cancel_requested_at: new Date(T0) }), code(12), settings)).toMatchObject({ from: ['canceling'], to: 'canceled' });
    // The job finished before the stop took effect: it succeeded.
    expect(decideTransition(row({ status: 'canceling', cancel_requested_at: new Date(T0) }), code(10), settings)).toMatchObject({ to: 'succeeded' });
  });

  it('returns null when nothing changed, and never moves a job backwards', () => {
    expect(decideTransition(row({ modelarts_status: 7 }), code(7), settings)).toBeNull();
    expect(decideTransition(row({ status: 'running', modelarts_status: 8 }), code(7), settings)).toMatchObject({ to: 'running', logSameStatus: true, patch: { modelarts_status: 7 } });
  });

  it('keeps an undocumented code where the job is, until the pending limit fails it', () => {
    expect(decideTransition(row(), code(42), settings)).toMatchObject({ to: 'submitted', patch: { modelarts_status: 42, modelarts_status_name: 'UNRECOGNIZED_42' } });
    expect(decideTransition(row({ status: 'running', modelarts_status: 8 }), code(42), settings)).toMatchObject({ to: 'running' });
    const late = { ...settings, nowMs: T0 + 3_600_001 };
    expect(decideTransition(row(), code(42), late)).toMatchObject({ to: 'failed', patch: { error_code: 'jobgate.pending_timeout' } });
    expect(decideTransition(row({ modelarts_status: 7 }), code(7), late)).toBeNull(); // a documented WAITING may last
    expect(decideTransition(row({ status: 'running' }), code(8), late)).toMatchObject({ to: 'running' });
  });

  it('fails a job ModelArts no longer knows with a clear error', () => {
    const change = decideTransition(row({ status: 'running' }), { kind: 'lost', errorCode: 'ModelArts.2775', message: 'TrainingJobNotFound' }, settings)!;
    expect(change).toMatchObject({ from: ['running'], to: 'failed', patch: { error_code: 'jobgate.lost_in_modelarts' } });
    expect(change.patch!.error_message).toMatch(/no longer knows job 10 version 20 \(ModelArts.2775/);
  });
});
