import type { JobRecord } from '../api/types';
import { timelineFromEvents, timelineFromRecord } from './timeline';

const job = (patch: Partial<JobRecord>): JobRecord => ({
  id: 'j', status: 'queued', job_name: 'n', training_job: {}, labels: {}, webhook_url: null, sweep_id: null, modelarts: null,
  attempts: 0, error: null, created_at: '2025-01-01T00:00:00.000Z', updated_at: '2025-01-01T00:00:00.000Z',
  submitted_at: null, started_at: null, finished_at: null, ...patch,
});

describe('timeline', () => {
  it('rebuilds the main steps from the record when there is no events endpoint', () => {
    const entries = timelineFromRecord(job({
      status: 'failed', submitted_at: '2025-01-01T00:00:01.000Z', started_at: '2025-01-01T00:00:02.000Z', finished_at: '2025-01-01T00:00:09.000Z',
      error: { code: 'JOBSTAT_FAILED', message: 'failed', retryable: false },
    }));
    expect(entries.map((e) => [e.status, e.detail])).toEqual([['queued', null], ['submitted', null], ['running', null], ['failed', 'JOBSTAT_FAILED']]);
  });

  it('shows the current step of an unfinished job at its last update', () => {
    const entries = timelineFromRecord(job({ status: 'submitting', updated_at: '2025-01-01T00:00:03.000Z' }));
    expect(entries.map((e) => e.status)).toEqual(['queued', 'submitting']);
  });

  it('reads event items of either naming, oldest first, and drops unreadable ones', () => {
    const entries = timelineFromEvents([
      { at: '2025-01-01T00:00:02.000Z', from_status: 'submitted', to_status: 'running', modelarts_status: 8 },
      { created_at: '2025-01-01T00:00:01.000Z', status: 'submitted' },
      { nonsense: true },
      null,
    ]);
    expect(entries).toEqual([
      { at: '2025-01-01T00:00:01.000Z', status: 'submitted', detail: null },
      { at: '2025-01-01T00:00:02.000Z', status: 'running', detail: 'ModelArts status 8' },
    ]);
  });
});
