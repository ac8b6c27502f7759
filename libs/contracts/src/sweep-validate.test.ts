import { validateCreateJobRequest } from './validate';
import { validateCreateSweepRequest } from './sweep-validate';

const template = () => ({
  training_job: { job_name: 'mnist', config: { worker_server_num: 1, app_url: '/app/', boot_file_url: '/app/train.py', data_url: '/data/', spec_id: 1 } },
  labels: { team: 'vision' },
});

function sweep(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'lr search', template: template(), method: 'grid', parameters: { lr: { values: [0.1, 0.01] } }, ...overrides };
}

function issuesOf(body: unknown): { path: string; message: string }[] {
  const result = validateCreateSweepRequest(body);
  if (result.ok) throw new Error('expected the body to be rejected');
  return result.issues;
}

const pathsOf = (body: unknown) =>
  issuesOf(body)
    .map((i) => i.path)
    .sort();
const random = (parameters: unknown, extra: Record<string, unknown> = {}) => sweep({ method: 'random', max_trials: 5, parameters, ...extra });

describe('validateCreateSweepRequest', () => {
  it('accepts a full request and returns it unchanged', () => {
    const body = sweep({ max_trials: 10, max_parallel: 1000, max_failed_trials: 0, seed: 4294967295, objective: { metric: 'val.loss', goal: 'minimize' } });
    expect(validateCreateSweepRequest(body)).toEqual({ ok: true, value: body });
    const ranges = random({
      lr: { min: 1e-5, max: 0.1, distribution: 'log_uniform' },
      layers: { min: 1, max: 8, distribution: 'int_uniform' },
      drop: { min: 0, max: 0.5 },
    });
    expect(validateCreateSweepRequest(ranges).ok).toBe(true);
  });

  it.each([
    ['an unknown method', { method: 'hyperband' }, 'method', "must be 'grid', 'random' or 'bayes'"],
    ['no method', { method: undefined }, 'method', 'is required'],
    ['no name', { name: undefined }, 'name', 'is required'],
    ['no parameters', { parameters: undefined }, 'parameters', 'is required'],
    ['empty parameters', { parameters: {} }, 'parameters', 'must name at least one parameter'],
    ['parameters as an array', { parameters: [{ values: [1] }] }, 'parameters', 'must be a JSON object of parameter labels to search spaces'],
    ['a label starting with a digit', { parameters: { '1lr': { values: [1] } } }, 'parameters["1lr"]', expect.stringMatching(/^label must be/)],
    ['a label with a space', { parameters: { 'l r': { values: [1] } } }, 'parameters["l r"]', expect.stringMatching(/^label must be/)],
    [
      'a label of 65 characters',
      { parameters: { [`a${'b'.repeat(64)}`]: { values: [1] } } },
      `parameters.a${'b'.repeat(64)}`,
      expect.stringMatching(/^label must be/),
    ],
    ['a spec that is not an object', { parameters: { lr: [0.1] } }, 'parameters.lr', expect.stringMatching(/^must be a JSON object/)],
    ['empty values', { parameters: { lr: { values: [] } } }, 'parameters.lr.values', 'must have at least one item'],
    ['values not an array', { parameters: { lr: { values: 0.1 } } }, 'parameters.lr.values', 'must be an array'],
    ['a value that is an object', { parameters: { lr: { values: [0.1, { v: 1 }] } } }, 'parameters.lr.values[1]', 'must be a string, a number or a boolean'],
    ['a value that is null', { parameters: { lr: { values: [null] } } }, 'parameters.lr.values[0]', 'must be a string, a number or a boolean'],
    ['a value too long', { parameters: { lr: { values: ['x'.repeat(4097)] } } }, 'parameters.lr.values[0]', 'must be at most 4096 characters'],
    ['a repeated value', { parameters: { lr: { values: [1, '2', '1'] } } }, 'parameters.lr.values[2]', 'duplicates values[0]'],
    ['values with min', { parameters: { lr: { values: [1], min: 0 } } }, 'parameters.lr.min', 'must not be combined with values'],
    ['an unknown spec field', { parameters: { lr: { values: [1], choices: [2] } } }, 'parameters.lr.choices', 'unknown field'],
    ['min equal to max', { parameters: { lr: { min: 1, max: 1, step: 1 } } }, 'parameters.lr.max', 'must be greater than min'],
    ['min above max', { parameters: { lr: { min: 2, max: 1, step: 1 } } }, 'parameters.lr.max', 'must be greater than min'],
    ['a string bound', { parameters: { lr: { min: '0', max: 1, step: 1 } } }, 'parameters.lr.min', 'must be a number'],
    ['a missing bound', { parameters: { lr: { min: 0, step: 1 } } }, 'parameters.lr.max', 'is required (or give values)'],
    ['a grid range without step', { parameters: { lr: { min: 0, max: 1 } } }, 'parameters.lr.step', "is required for a range of method 'grid'"],
    ['a zero step', { parameters: { lr: { min: 0, max: 1, step: 0 } } }, 'parameters.lr.step', 'must be a number greater than 0'],
    ['a negative step', { parameters: { lr: { min: 0, max: 1, step: -0.1 } } }, 'parameters.lr.step', 'must be a number greater than 0'],
    [
      'a distribution on a grid',
      { parameters: { lr: { min: 0, max: 1, step: 0.5, distribution: 'uniform' } } },
      'parameters.lr.distribution',
      "is used only by method 'random'",
    ],
    ['max_parallel 0', { max_parallel: 0 }, 'max_parallel', 'must be an integer (a JSON number) from 1 to 1000'],
    ['max_parallel 1001', { max_parallel: 1001 }, 'max_parallel', 'must be an integer (a JSON number) from 1 to 1000'],
    ['max_parallel as a string', { max_parallel: '5' }, 'max_parallel', 'must be an integer (a JSON number) from 1 to 1000'],
    ['max_failed_trials -1', { max_failed_trials: -1 }, 'max_failed_trials', 'must be an integer (a JSON number) from 0 to 10000'],
    ['max_trials 0', { max_trials: 0 }, 'max_trials', 'must be an integer (a JSON number) from 1 to 10000'],
    ['max_trials 10001', { max_trials: 10001 }, 'max_trials', 'must be an integer (a JSON number) from 1 to 10000'],
    ['a fractional seed', { seed: 1.5 }, 'seed', 'must be an integer (a JSON number) from 0 to 4294967295'],
    ['a seed of 2^32', { seed: 2 ** 32 }, 'seed', 'must be an integer (a JSON number) from 0 to 4294967295'],
    ['an unknown top-level field', { trials: 5 }, 'trials', 'unknown field'],
    ['an objective without goal', { objective: { metric: 'acc' } }, 'objective.goal', 'is required'],
    ['an objective with an unknown goal', { objective: { metric: 'acc', goal: 'up' } }, 'objective.goal', "must be 'minimize' or 'maximize'"],
    [
      'an objective with a bad metric',
      { objective: { metric: 'val loss', goal: 'minimize' } },
      'objective.metric',
      expect.stringMatching(/^must be 1–64 characters/),
    ],
    ['an objective with an unknown field', { objective: { metric: 'acc', goal: 'minimize', min: 0 } }, 'objective.min', 'unknown field'],
    ['an objective that is a string', { objective: 'acc' }, 'objective', 'must be a JSON object'],
    ['a template label sweep_id', { template: { ...template(), labels: { sweep_id: 'x' } } }, 'template.labels.sweep_id', 'is set on each trial by the sweep'],
    ['a template label trial', { template: { ...template(), labels: { trial: '1' } } }, 'template.labels.trial', 'is set on each trial by the sweep'],
    [
      '31 template labels',
      { template: { ...template(), labels: Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`k${i}`, 'v'])) } },
      'template.labels',
      'must have at most 30 entries (each trial adds sweep_id and trial)',
    ],
    ['an unknown template field', { template: { ...template(), retries: 1 } }, 'template.retries', 'unknown field'],
    [
      'a template priority out of range',
      { template: { ...template(), priority: 101 } },
      'template.priority',
      'must be an integer (a JSON number) from -100 to 100',
    ],
    ['no template', { template: undefined }, 'template', 'is required'],
  ])('refuses %s', (_name, overrides, path, message) => {
    expect(issuesOf(sweep(overrides))).toEqual([{ path, message }]);
  });

  it.each([
    ['no max_trials', { lr: { values: [1] } }, { max_trials: undefined }, 'max_trials', "is required for method 'random'"],
    ['a step', { lr: { min: 0, max: 1, step: 0.1 } }, {}, 'parameters.lr.step', "is used only by method 'grid'"],
    [
      'an unknown distribution',
      { lr: { min: 0, max: 1, distribution: 'normal' } },
      {},
      'parameters.lr.distribution',
      "must be 'uniform', 'log_uniform' or 'int_uniform'",
    ],
    ['log_uniform from 0', { lr: { min: 0, max: 1, distribution: 'log_uniform' } }, {}, 'parameters.lr.min', 'must be greater than 0 for log_uniform'],
    [
      'log_uniform from a negative',
      { lr: { min: -1, max: 1, distribution: 'log_uniform' } },
      {},
      'parameters.lr.min',
      'must be greater than 0 for log_uniform',
    ],
    ['int_uniform with a fraction', { n: { min: 1, max: 8.5, distribution: 'int_uniform' } }, {}, 'parameters.n.max', 'must be an integer for int_uniform'],
  ])('refuses a random sweep with %s', (_name, parameters, extra, path, message) => {
    expect(issuesOf(random(parameters, extra))).toEqual([{ path, message }]);
  });

  it('names every bad field at once', () => {
    const body = sweep({ name: '', method: 'grid', max_parallel: 0, parameters: { a: { values: [] }, b: { min: 2, max: 1 } }, extra: true });
    expect(pathsOf(body)).toEqual(['extra', 'max_parallel', 'name', 'parameters.a.values', 'parameters.b.max', 'parameters.b.step']);
  });

  it('leaves method-specific range rules out when the method itself is wrong', () => {
    expect(pathsOf(sweep({ method: 'hyperband', parameters: { lr: { min: 0, max: 1, step: 1, distribution: 'x' } } }))).toEqual(['method']);
  });

  it('accepts a bayes sweep with reporting and median stopping, over the spaces random takes', () => {
    const body = sweep({
      method: 'bayes',
      max_trials: 30,
      max_parallel: 4,
      seed: 1,
      objective: { metric: 'loss', goal: 'minimize' },
      reporting: true,
      early_stopping: { type: 'median', min_trials: 5, start_step: 3 },
      parameters: {
        lr: { min: 1e-5, max: 0.1, distribution: 'log_uniform' },
        layers: { min: 1, max: 8, distribution: 'int_uniform' },
        opt: { values: ['adam', 'sgd'] },
      },
    });
    expect(validateCreateSweepRequest(body)).toEqual({ ok: true, value: body });
    expect(validateCreateSweepRequest(sweep({ early_stopping: { type: 'median' }, objective: { metric: 'loss', goal: 'minimize' } })).ok).toBe(true);
  });

  it.each([
    ['bayes without max_trials and objective', { method: 'bayes' }, ['max_trials', 'objective']],
    [
      'bayes with a grid step',
      { method: 'bayes', max_trials: 5, objective: { metric: 'l', goal: 'minimize' }, parameters: { lr: { min: 0, max: 1, step: 0.1 } } },
      ['parameters.lr.step'],
    ],
    ['early stopping without objective', { early_stopping: { type: 'median' } }, ['objective']],
    [
      'a bad early stopping',
      { objective: { metric: 'l', goal: 'minimize' }, early_stopping: { type: 'hyperband', min_trials: 0, start_step: -1, x: 1 } },
      ['early_stopping.min_trials', 'early_stopping.start_step', 'early_stopping.type', 'early_stopping.x'],
    ],
    ['reporting as a string', { reporting: 'yes' }, ['reporting']],
    ['a search over a report parameter', { parameters: { jobgate_report_token: { values: ['a'] } } }, ['parameters.jobgate_report_token']],
  ])('refuses %s', (_name, overrides, paths) => {
    expect(pathsOf(sweep(overrides))).toEqual(paths);
  });

  it('refuses a template that sets a report parameter only when reporting is on', () => {
    const withUrl = template();
    Object.assign(withUrl.training_job.config, {
      parameter: [
        { label: 'epochs', value: '3' },
        { label: 'jobgate_report_url', value: 'x' },
      ],
    });
    expect(validateCreateSweepRequest(sweep({ template: withUrl })).ok).toBe(true);
    expect(issuesOf(sweep({ template: withUrl, reporting: true }))).toEqual([
      { path: 'template.training_job.config.parameter[1].label', message: 'is set on each trial by the sweep (reporting)' },
    ]);
  });

  it('validates the template exactly as POST /v1/jobs does, under template.', () => {
    const bad = {
      training_job: { job_name: 'bad name!', config: { worker_server_num: 0, app_url: '/usr/app/', data_url: '/d/', spec_id: 'x' } },
      webhook_url: 'ftp://x',
    };
    const asJob = validateCreateJobRequest(bad);
    if (asJob.ok) throw new Error('expected the job to be rejected');
    const expected = asJob.issues.map((i) => ({ path: `template.${i.path}`, message: i.message }));
    expect(issuesOf(sweep({ template: bad }))).toEqual(expected);
    expect(expected.map((i) => i.path)).toEqual(expect.arrayContaining(['template.training_job.job_name', 'template.training_job.config.worker_server_num']));
  });

  it('refuses a body that is not an object', () => {
    expect(issuesOf([])).toEqual([{ path: '', message: 'must be a JSON object' }]);
  });
});
