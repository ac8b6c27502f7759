import { MAX_SWEEP_PLANNED_BYTES } from './sweep-limits';
import { planSweep, type PlannedTrial } from './sweep-plan';
import type { CreateSweepRequest, ParameterSpec } from './sweep-request';
import { validateCreateSweepRequest } from './sweep-validate';

const SWEEP_ID = '5f0c6a43-3d52-4c36-9a3e-0a7f0c1b2d3e';

function request(method: 'grid' | 'random', parameters: Record<string, ParameterSpec>, extra: Partial<CreateSweepRequest> = {}): CreateSweepRequest {
  const body = {
    name: 'search',
    template: {
      training_job: {
        job_name: 'mnist',
        config: {
          worker_server_num: 1,
          app_url: '/app/',
          boot_file_url: '/app/train.py',
          data_url: '/data/',
          spec_id: 1,
          parameter: [
            { label: 'epochs', value: '10' },
            { label: 'lr', value: '0.5' },
            { label: 'seed', value: '7' },
          ],
        },
      },
      labels: { team: 'vision' },
    },
    method,
    parameters,
    ...extra,
  };
  const checked = validateCreateSweepRequest(body);
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  return checked.value;
}

function trials(req: CreateSweepRequest, seed = 1): PlannedTrial[] {
  const planned = planSweep(req, { sweepId: SWEEP_ID, seed });
  if (!planned.ok) throw new Error(JSON.stringify(planned.issues));
  return planned.value;
}

const column = (list: PlannedTrial[], label: string) => list.map((t) => t.parameters[label]);

describe('planSweep: grid', () => {
  it('expands a 3×4 grid into 12 trials, the first parameter changing slowest', () => {
    const planned = trials(request('grid', { lr: { values: [0.1, 0.01, 0.001] }, batch: { min: 16, max: 64, step: 16 } }));
    expect(planned).toHaveLength(12);
    expect(planned.map((t) => t.trial)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(planned.slice(0, 5).map((t) => t.parameters)).toEqual([
      { lr: '0.1', batch: '16' },
      { lr: '0.1', batch: '32' },
      { lr: '0.1', batch: '48' },
      { lr: '0.1', batch: '64' },
      { lr: '0.01', batch: '16' },
    ]);
    expect(planned[11]!.parameters).toEqual({ lr: '0.001', batch: '64' });
    expect(planned.map((t) => t.training_job.job_name)).toEqual(Array.from({ length: 12 }, (_, i) => `mnist-${i + 1}`));
  });

  it("writes values into config.parameter: the template's entry replaced in place, others kept, new labels appended", () => {
    const [first] = trials(request('grid', { lr: { values: [0.1] }, batch: { values: [32] } }));
    expect(first!.training_job.config.parameter).toEqual([
      { label: 'epochs', value: '10' },
      { label: 'lr', value: '0.1' },
      { label: 'seed', value: '7' },
      { label: 'batch', value: '32' },
    ]);
    expect(first!.training_job.config.app_url).toBe('/app/');
    expect(first!.labels).toEqual({ team: 'vision', sweep_id: SWEEP_ID, trial: '1' });
  });

  it('formats values compactly: integers without a point, floats as String(number), booleans and strings as given', () => {
    const planned = trials(request('grid', { a: { values: [3, 2.5, 1e-7, true, 'adam'] } }));
    expect(column(planned, 'a')).toEqual(['3', '2.5', '1e-7', 'true', 'adam']);
  });

  it.each([
    [{ min: 0, max: 1, step: 0.1 }, ['0', '0.1', '0.2', '0.3', '0.4', '0.5', '0.6', '0.7', '0.8', '0.9', '1']],
    [{ min: 0.1, max: 0.3, step: 0.1 }, ['0.1', '0.2', '0.3']],
    [{ min: -1, max: 1, step: 0.25 }, ['-1', '-0.75', '-0.5', '-0.25', '0', '0.25', '0.5', '0.75', '1']],
    [{ min: 0.00001, max: 0.00005, step: 0.00001 }, ['0.00001', '0.00002', '0.00003', '0.00004', '0.00005']],
    [{ min: 1, max: 10, step: 4 }, ['1', '5', '9']],
    [{ min: 0, max: 0.7, step: 0.35 }, ['0', '0.35', '0.7']],
  ])('steps %p without accumulating error', (range, expected) => {
    expect(column(trials(request('grid', { x: range })), 'x')).toEqual(expected);
  });

  it('refuses a grid larger than max_trials, naming each axis', () => {
    const planned = planSweep(request('grid', { lr: { values: [1, 2, 3] }, b: { min: 1, max: 4, step: 1 } }, { max_trials: 10 }), {
      sweepId: SWEEP_ID,
      seed: 1,
    });
    expect(planned).toEqual({ ok: false, issues: [{ path: 'parameters', message: 'grid has 3×4 = 12 trials, more than max_trials 10' }] });
  });

  it('refuses a grid over the hard limit of 10,000 trials without generating it', () => {
    const planned = planSweep(request('grid', { a: { min: 0, max: 1, step: 1e-9 }, b: { values: [1, 2] } }), { sweepId: SWEEP_ID, seed: 1 });
    expect(planned).toEqual({
      ok: false,
      issues: [{ path: 'parameters', message: 'grid has 1000000001×2 = 2000000002 trials, more than the limit of 10000 per sweep' }],
    });
  });

  it('takes a grid of exactly max_trials, and a grid smaller than max_trials as it is', () => {
    expect(trials(request('grid', { a: { values: [1, 2, 3] } }, { max_trials: 3 }))).toHaveLength(3);
    expect(trials(request('grid', { a: { values: [1, 2, 3] } }, { max_trials: 100 }))).toHaveLength(3);
  });

  it('requires room for the -<n> suffix in the template job name', () => {
    const long = (name: string) => {
      const req = request('grid', { a: { min: 1, max: 10, step: 1 } });
      req.template.training_job.job_name = name;
      return planSweep(req, { sweepId: SWEEP_ID, seed: 1 });
    };
    expect(long('n'.repeat(61)).ok).toBe(true); // n…n-10 is exactly 64
    expect(long('n'.repeat(62))).toEqual({
      ok: false,
      issues: [
        {
          path: 'template.training_job.job_name',
          message: `leaves no room for the trial suffix: "${'n'.repeat(62)}-10" would be 65 characters, more than 64; use at most 61`,
        },
      ],
    });
  });
});

describe('planSweep: random', () => {
  const space: Record<string, ParameterSpec> = {
    lr: { min: 1e-5, max: 0.1, distribution: 'log_uniform' },
    layers: { min: 1, max: 4, distribution: 'int_uniform' },
    dropout: { min: 0, max: 0.5 },
    optimizer: { values: ['adam', 'sgd', 'rmsprop'] },
  };

  it('draws the same trials from the same seed, other trials from another seed', () => {
    const a = trials(request('random', space, { max_trials: 50 }), 42);
    const b = trials(request('random', space, { max_trials: 50 }), 42);
    const c = trials(request('random', space, { max_trials: 50 }), 43);
    expect(a).toHaveLength(50);
    expect(b).toEqual(a);
    expect(c.map((t) => t.parameters)).not.toEqual(a.map((t) => t.parameters));
  });

  it('keeps every distribution within its bounds and spreads log_uniform over the decades', () => {
    const planned = trials(request('random', space, { max_trials: 2000 }), 7);
    const lr = column(planned, 'lr').map(Number);
    expect(Math.min(...lr)).toBeGreaterThanOrEqual(1e-5);
    expect(Math.max(...lr)).toBeLessThanOrEqual(0.1);
    // Uniform in log space: about a quarter of draws in each of the four decades.
    const below1e3 = lr.filter((v) => v < 1e-3).length / lr.length;
    expect(below1e3).toBeGreaterThan(0.4);
    expect(below1e3).toBeLessThan(0.6);
    const layers = column(planned, 'layers');
    expect(new Set(layers)).toEqual(new Set(['1', '2', '3', '4'])); // both ends inclusive
    const dropout = column(planned, 'dropout').map(Number);
    expect(dropout.every((v) => v >= 0 && v < 0.5)).toBe(true);
    expect(new Set(column(planned, 'optimizer'))).toEqual(new Set(['adam', 'sgd', 'rmsprop']));
  });

  it('expands 10,000 trials with distinct names', () => {
    const planned = trials(request('random', { lr: { min: 0, max: 1 } }, { max_trials: 10_000 }), 1);
    expect(planned).toHaveLength(10_000);
    expect(new Set(planned.map((t) => t.training_job.job_name)).size).toBe(10_000);
    expect(planned[9_999]!.labels.trial).toBe('10000');
  });
});

describe('planSweep: trials as jobs', () => {
  it('reports a trial that is not a valid job, under template.training_job', () => {
    // Only reachable by skipping validateCreateSweepRequest: values are length-checked there.
    const req = request('grid', { lr: { values: [0.1] } });
    (req.parameters.lr as { values: string[] }).values = ['x'.repeat(5000)];
    const planned = planSweep(req, { sweepId: SWEEP_ID, seed: 1 });
    expect(planned).toEqual({
      ok: false,
      issues: [{ path: 'template.training_job.config.parameter[1].value', message: 'must be at most 4096 characters (in trial 1)' }],
    });
  });
});

describe('planSweep: planned size (trials × template bytes)', () => {
  const bigTemplate = (count: number, valueLength: number) => {
    const req = request('random', { lr: { min: 0.001, max: 1 } }, { max_trials: 10_000 });
    // `count` parameters of `valueLength` characters (and ~20 bytes of JSON around each).
    req.template.training_job.config.parameter = Array.from({ length: count }, (_, i) => ({ label: `p${i}`, value: 'x'.repeat(valueLength) }));
    return req;
  };

  it('refuses 10,000 trials of a ~900 KB template on the count alone, naming the limit, in milliseconds', () => {
    const started = performance.now();
    const planned = planSweep(bigTemplate(220, 4_000), { sweepId: SWEEP_ID, seed: 1 });
    const tookMs = performance.now() - started;
    expect(planned.ok).toBe(false);
    if (planned.ok) return;
    expect(planned.issues).toEqual([
      {
        path: 'template',
        message: expect.stringMatching(
          new RegExp(
            `^10000 trials × \\d+ bytes of template = \\d+ bytes, more than the limit of ${MAX_SWEEP_PLANNED_BYTES} bytes per sweep; with this template at most 3\\d trials$`,
          ),
        ),
      },
    ]);
    expect(tookMs).toBeLessThan(500); // nothing was copied: 9 GB of JSON would take minutes
  });

  it('accepts up to the limit: 10,000 trials of a 3 KB template', () => {
    const req = bigTemplate(100, 1);
    expect(JSON.stringify(req.template).length * 10_000).toBeLessThanOrEqual(MAX_SWEEP_PLANNED_BYTES);
    expect(trials(req)).toHaveLength(10_000);
  });
});
