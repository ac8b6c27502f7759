import { shouldStopAtMedian, type CurvePoints } from './sweep-median-stop';

// A curve of `values` at steps 0, 1, 2, …
const curve = (...values: number[]): CurvePoints => values.map((value, step) => ({ step, value }));
const others = [curve(5, 4, 3, 2), curve(6, 5, 4, 3), curve(4, 3, 2, 1), curve(5, 5, 5, 5), curve(7, 6, 5, 4)];
// Running averages at step 3: 3.5, 4.5, 2.5, 5, 5.5 → median 4.5.

describe('shouldStopAtMedian', () => {
  it('stops a trial whose best so far is worse than the median of the others’ running averages', () => {
    expect(shouldStopAtMedian(curve(9, 8, 7, 4.6), others, { goal: 'minimize' })).toBe(true);
    expect(shouldStopAtMedian(curve(9, 8, 7, 4.5), others, { goal: 'minimize' })).toBe(false); // equal is not worse
    expect(shouldStopAtMedian(curve(4, 8, 7, 9), others, { goal: 'minimize' })).toBe(false); // its best (4) counts
  });

  it('turns around for maximize', () => {
    expect(shouldStopAtMedian(curve(1, 2, 3, 4.4), others, { goal: 'maximize' })).toBe(true);
    expect(shouldStopAtMedian(curve(1, 2, 3, 4.6), others, { goal: 'maximize' })).toBe(false);
  });

  it('waits for start_step and for min_trials others that reached the step', () => {
    expect(shouldStopAtMedian(curve(9, 9, 9), others, { goal: 'minimize' })).toBe(false); // step 2 < 3
    expect(shouldStopAtMedian(curve(9, 9, 9), others, { goal: 'minimize', startStep: 2 })).toBe(true);
    const short = [...others.slice(0, 4), curve(1, 1)]; // the fifth has not reached step 3
    expect(shouldStopAtMedian(curve(9, 9, 9, 9), short, { goal: 'minimize' })).toBe(false);
    expect(shouldStopAtMedian(curve(9, 9, 9, 9), short, { goal: 'minimize', minTrials: 4 })).toBe(true);
    expect(shouldStopAtMedian([], others, { goal: 'minimize' })).toBe(false);
  });

  it('averages only the others’ points up to the step, with sparse steps', () => {
    const sparse = Array.from({ length: 5 }, () => [
      { step: 0, value: 10 },
      { step: 4, value: 0 },
      { step: 8, value: 0 },
    ]);
    // At step 4 each average is 5; later points do not count.
    expect(shouldStopAtMedian([{ step: 4, value: 5.1 }], sparse, { goal: 'minimize' })).toBe(true);
    expect(shouldStopAtMedian([{ step: 4, value: 4.9 }], sparse, { goal: 'minimize' })).toBe(false);
  });
});
