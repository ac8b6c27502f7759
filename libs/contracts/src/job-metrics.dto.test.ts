import { validateReportMetricsRequest } from './job-metrics.dto';

function issuesOf(body: unknown) {
  const result = validateReportMetricsRequest(body);
  if (result.ok) throw new Error('expected the body to be rejected');
  return result.issues;
}

describe('validateReportMetricsRequest', () => {
  it('accepts finite numbers under metric names', () => {
    const body = { metrics: { accuracy: 0.93, 'val.loss': -1.5e-3, _step: 1000 } };
    expect(validateReportMetricsRequest(body)).toEqual({ ok: true, value: body });
  });

  it.each([
    ['no metrics', {}, [{ path: 'metrics', message: 'is required' }]],
    ['metrics as an array', { metrics: [1] }, [{ path: 'metrics', message: 'must be a JSON object of metric names to numbers' }]],
    ['no metric at all', { metrics: {} }, [{ path: 'metrics', message: 'must have at least one metric' }]],
    ['a string value', { metrics: { acc: '0.9' } }, [{ path: 'metrics.acc', message: 'must be a number' }]],
    ['a null value', { metrics: { acc: null } }, [{ path: 'metrics.acc', message: 'must be a number' }]],
    ['NaN from an in-process caller', { metrics: { acc: NaN } }, [{ path: 'metrics.acc', message: 'must be a finite number' }]],
    ['a bad name', { metrics: { 'val loss': 1 } }, [{ path: 'metrics["val loss"]', message: expect.stringMatching(/^name must be 1–64 characters/) }]],
    ['an unknown field', { metrics: { a: 1 }, epoch: 3 }, [{ path: 'epoch', message: 'unknown field' }]],
    ['a fractional step', { metrics: { a: 1 }, step: 2.5 }, [{ path: 'step', message: 'must be an integer (a JSON number) from 0 to 1000000000' }]],
    ['a negative step', { metrics: { a: 1 }, step: -1 }, [{ path: 'step', message: 'must be an integer (a JSON number) from 0 to 1000000000' }]],
    [
      '101 metrics',
      { metrics: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`m${i}`, i])) },
      [{ path: 'metrics', message: 'must have at most 100 metrics' }],
    ],
  ])('refuses %s', (_name, body, issues) => {
    expect(issuesOf(body)).toEqual(issues);
  });

  it('accepts a step of the learning curve', () => {
    expect(validateReportMetricsRequest({ step: 0, metrics: { loss: 1 } })).toEqual({ ok: true, value: { step: 0, metrics: { loss: 1 } } });
  });

  it('accepts exactly 100 metrics', () => {
    expect(validateReportMetricsRequest({ metrics: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`m${i}`, i])) }).ok).toBe(true);
  });
});
