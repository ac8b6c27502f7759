import { timelineFromEvents } from './timeline';

describe('timeline', () => {
  it('shows each status change with its reason, or the ModelArts status code when it has none', () => {
    const entries = timelineFromEvents([
      { at: '2025-01-01T00:00:00.000Z', from_status: null, to_status: 'queued', modelarts_status: null, reason: 'accepted' },
      { at: '2025-01-01T00:00:01.000Z', from_status: 'queued', to_status: 'submitting', modelarts_status: null, reason: null },
      { at: '2025-01-01T00:00:02.000Z', from_status: 'submitted', to_status: 'running', modelarts_status: 8, reason: null },
    ]);
    expect(entries).toEqual([
      { at: '2025-01-01T00:00:00.000Z', status: 'queued', detail: 'accepted' },
      { at: '2025-01-01T00:00:01.000Z', status: 'submitting', detail: null },
      { at: '2025-01-01T00:00:02.000Z', status: 'running', detail: 'ModelArts status 8' },
    ]);
  });
});
