import type { SweepTrial } from '../api/types';
import { parseTrialSort, sortTrials, toggleSort, trialColumns, trialSortSearch } from './trial-sort';

const trial = (n: number, lr: string, loss: number | null, act = 'relu'): SweepTrial => ({
  id: `id-${n}`,
  trial: n,
  job_name: `t-${n}`,
  parameters: { lr, act },
  status: 'succeeded',
  metrics: loss === null ? null : { loss },
});
const trials = [trial(1, '0.1', 0.5), trial(2, '0.01', null), trial(3, '0.001', 0.2, 'gelu'), trial(4, '1e-4', 0.9)];
const order = (list: SweepTrial[]) => list.map((t) => t.trial);

describe('sortTrials', () => {
  it('compares numeric parameters as numbers, not text (1e-4 < 0.001 < 0.01 < 0.1)', () => {
    expect(order(sortTrials(trials, { column: 'p:lr', direction: 'asc' }))).toEqual([4, 3, 2, 1]);
    expect(order(sortTrials(trials, { column: 'p:lr', direction: 'desc' }))).toEqual([1, 2, 3, 4]);
  });

  it('keeps trials without the metric last in both directions, so reported ones stay on top', () => {
    expect(order(sortTrials(trials, { column: 'm:loss', direction: 'asc' }))).toEqual([3, 1, 4, 2]);
    expect(order(sortTrials(trials, { column: 'm:loss', direction: 'desc' }))).toEqual([4, 1, 3, 2]);
  });

  it('sorts text parameters as text and is stable for equal values', () => {
    expect(order(sortTrials(trials, { column: 'p:act', direction: 'asc' }))).toEqual([3, 1, 2, 4]);
  });
});

describe('trial sort in the URL', () => {
  it('round-trips through the query string and leaves the default out', () => {
    expect(trialSortSearch({ column: 'trial', direction: 'asc' })).toBe('');
    const search = trialSortSearch({ column: 'm:loss', direction: 'desc' });
    expect(parseTrialSort(search)).toEqual({ column: 'm:loss', direction: 'desc' });
    expect(parseTrialSort('?dir=sideways')).toEqual({ column: 'trial', direction: 'asc' });
  });

  it('flips the sorted column and starts another ascending', () => {
    expect(toggleSort({ column: 'm:loss', direction: 'asc' }, 'm:loss')).toEqual({ column: 'm:loss', direction: 'desc' });
    expect(toggleSort({ column: 'm:loss', direction: 'desc' }, 'p:lr')).toEqual({ column: 'p:lr', direction: 'asc' });
  });
});

it('lists every parameter and metric once, in first-seen order', () => {
  expect(trialColumns(trials)).toEqual({ parameters: ['lr', 'act'], metrics: ['loss'] });
});
