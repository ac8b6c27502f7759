import type { JobSnapshot } from '@jobgate/store';
import { decideStatus, type Observation } from './decide-status';

const T0 = Date.parse('2024-05-01T00:00:00Z');
const settings = { nowMs: T0 + 60_000, pendingTimeoutMs: 3_600_000 };

function job(patch: Partial<JobSnapshot> & { code?: number } = {}): JobSnapshot {
  const { code: c = 1, ...rest } = patch;
  return {
    id: 'j1',
    status: 'submitted',
    jobName: 'n',
    workspaceId: null,
    requestId: null,
    sweepId: null,
    teamId: null,
    attempts: 1,
    firstAttemptAt: new Date(T0),
    cancelRequestedAt: null,
    submittedAt: new Date(T0),
    createdAt: new Date(T0),
    errorCode: null,
    modelarts: { jobId: '10', versionId: '20', status: c, createTime: new Date(T0) },
    rerun: null,
    record: {} as JobSnapshot['record'],
    ...rest,
  };
}
const code = (c: number): Observation => ({ kind: 'status', code: c });

describe('decideStatus (ModelArts status → jobgate status)', () => {
  it.each([
    [0, 'submitted'],
    [2, 'submitted'],
    [4, 'submitted'],
    [7, 'submitted'],
    [18, 'submitted'],
    [8, 'running'],
    [15, 'running'],
    [19, 'running'],
    [9, 'running'],
    [10, 'succeeded'],
    [20, 'succeeded'],
    [12, 'canceled'],
    [13, 'canceled'],
    [3, 'failed'],
    [5, 'failed'],
    [6, 'failed'],
    [11, 'failed'],
    [14, 'failed'],
    [16, 'failed'],
    [17, 'failed'],
    [21, 'failed'],
    [22, 'failed'],
  ])('code %i moves a submitted job to %s', (c, to) => {
    expect(decideStatus(job(), code(c), settings)).toMatchObject({ to, code: c });
  });

  it('marks the start on running, the end and the error on failure, with the ModelArts name kept', () => {
    expect(decideStatus(job(), code(8), settings)).toMatchObject({ started: true, statusName: 'JOBSTAT_RUNNING' });
    expect(decideStatus(job({ status: 'running' }), code(11), settings)).toMatchObject({
      error: { code: 'JOBSTAT_FAILED', message: 'ModelArts reported status 11 (JOBSTAT_FAILED)', retryable: false },
    });
    expect(decideStatus(job({ status: 'running' }), code(10), settings)).toMatchObject({ finished: true });
  });

  it('turns 9 KILLING into canceling only when we asked for the stop', () => {
    expect(decideStatus(job({ status: 'running' }), code(9), settings)).toMatchObject({ to: 'running' });
    expect(decideStatus(job({ status: 'running', cancelRequestedAt: new Date(T0) }), code(9), settings)).toMatchObject({ to: 'canceling' });
    expect(decideStatus(job({ status: 'canceling', cancelRequestedAt: new Date(T0), code: 8 }), code(8), settings)).toBeNull();
    expect(decideStatus(job({ status: 'canceling', cancelRequestedAt: new Date(T0) }), code(12), settings)).toMatchObject({ to: 'canceled' });
    // The job finished before the stop took effect: it succeeded.
    expect(decideStatus(job({ status: 'canceling', cancelRequestedAt: new Date(T0) }), code(10), settings)).toMatchObject({ to: 'succeeded' });
  });

  it('returns null when nothing changed, and never moves a job backwards', () => {
    expect(decideStatus(job({ code: 7 }), code(7), settings)).toBeNull();
    expect(decideStatus(job({ status: 'running', code: 8 }), code(7), settings)).toMatchObject({ to: 'running', code: 7 });
  });

  it('keeps an undocumented code where the job is, until the pending limit fails it', () => {
    expect(decideStatus(job(), code(42), settings)).toMatchObject({ to: 'submitted', code: 42, statusName: 'UNRECOGNIZED_42' });
    expect(decideStatus(job({ status: 'running', code: 8 }), code(42), settings)).toMatchObject({ to: 'running' });
    const late = { ...settings, nowMs: T0 + 3_600_001 };
    expect(decideStatus(job(), code(42), late)).toMatchObject({ to: 'failed', error: { code: 'jobgate.pending_timeout' } });
    expect(decideStatus(job({ code: 7 }), code(7), late)).toBeNull(); // a documented WAITING may last
    expect(decideStatus(job({ status: 'running' }), code(8), late)).toMatchObject({ to: 'running' });
  });

  it('fails a job ModelArts no longer knows with a clear error', () => {
    const change = decideStatus(job({ status: 'running' }), { kind: 'lost', errorCode: 'ModelArts.2775', message: 'TrainingJobNotFound' }, settings)!;
    expect(change).toMatchObject({ to: 'failed', error: { code: 'jobgate.lost_in_modelarts' } });
    expect(change.error!.message).toMatch(/no longer knows job 10 version 20 \(ModelArts.2775/);
  });
});
