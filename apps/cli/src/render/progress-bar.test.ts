import { sweepProgress } from '../sweep-progress';
import { sweepRecord } from '../test-support/sweep-record.fixture';
import { fitToWidth, renderBar, renderCounts, renderProgressLine } from './progress-bar';

describe('renderProgressLine', () => {
  it('draws finished trials as #, active ones as = and the rest as ., then finished/total and the counts', () => {
    const progress = sweepProgress(sweepRecord({ succeeded: 10, failed: 2, running: 8, queued: 4, pending: 16 }));
    expect(renderProgressLine(progress, 20)).toBe('[######======........] 12/40 succeeded 10 · running 8 · queued 4 · pending 16 · failed 2');
  });

  it('is empty before any trial started and full only when every trial finished', () => {
    expect(renderBar({ total: 40, finished: 0, active: 0 }, 15)).toBe('...............');
    expect(renderBar({ total: 40, finished: 39, active: 1 }, 15)).toBe('##############=');
    expect(renderBar({ total: 40, finished: 40, active: 0 }, 15)).toBe('###############');
  });

  it('rounds cells down, so a small share shows nothing rather than too much', () => {
    expect(renderBar({ total: 40, finished: 1, active: 1 }, 15)).toBe('...............');
    expect(renderBar({ total: 3, finished: 1, active: 1 }, 10)).toBe('###===....');
  });

  it('keeps its width with no trials, and with more trials than the stated total', () => {
    expect(renderProgressLine({ total: 0, finished: 0, active: 0, counts: {} }, 10)).toBe('[..........] 0/0');
    expect(renderBar({ total: 2, finished: 2, active: 2 }, 8)).toBe('####====');
  });
});

describe('renderCounts', () => {
  it('lists statuses with trials in display order, failures last, skipping zeros', () => {
    expect(renderCounts({ failed: 1, queued: 2, running: 3, succeeded: 5, canceled: 0, pending: 4 })).toBe(
      'succeeded 5 · running 3 · queued 2 · pending 4 · failed 1',
    );
    expect(renderCounts({})).toBe('');
  });
});

describe('fitToWidth', () => {
  it('cuts a line that would wrap (which breaks redrawing in place)', () => {
    expect(fitToWidth('short', 80)).toBe('short');
    expect(fitToWidth('0123456789', 8)).toBe('012345…');
    expect(fitToWidth('0123456789', 10)).toBe('01234567…');
  });
});
