import samples from './fixtures/seed-sample-requests.json';
import { validateCreateJobRequest } from './validate';

function validRequest(): Record<string, any> {
  return { training_job: structuredClone(samples[1]) };
}

function pathsOf(body: unknown): string[] {
  const result = validateCreateJobRequest(body);
  if (result.ok) throw new Error('expected the body to be rejected');
  return result.issues.map((issue) => issue.path).sort();
}

describe('validateCreateJobRequest', () => {
  it.each(samples.map((sample) => [sample.job_name, sample]))('accepts the sample %s with webhook and labels, unchanged', (_name, sample) => {
    const body = {
      training_job: sample,
      webhook_url: 'https://hooks.example.com/modelarts?team=vision',
      labels: { team: 'vision', 'app.kubernetes.io-name': 'x' },
    };
    expect(validateCreateJobRequest(body)).toEqual({ ok: true, value: body });
  });

  it('prefixes training job paths with training_job', () => {
    const body = validRequest();
    body.training_job.config.parameter[0].value = 1;
    body.training_job.config.volumes = [{ nfs: { src_path: '192.168.8.150:/', dest_path: '/home/work/nas' } }];
    expect(pathsOf(body)).toEqual(['training_job.config.parameter[0].value', 'training_job.config.volumes[0].nfs.id']);
  });

  it('requires training_job as an object', () => {
    expect(pathsOf({})).toEqual(['training_job']);
    expect(pathsOf({ training_job: [] })).toEqual(['training_job']);
    expect(pathsOf({ training_job: null })).toEqual(['training_job']);
  });

  it('rejects unknown top-level fields, such as the old notification block', () => {
    expect(pathsOf({ ...validRequest(), notification: { topic_urn: '', events: [] } })).toEqual(['notification']);
  });

  it.each([
    ['an ftp URL', 'ftp://hooks.example.com/x'],
    ['a relative URL', '/hooks/x'],
    ['not a URL', 'hooks.example.com'],
    ['an empty string', ''],
    ['a number', 42],
    ['null', null],
    ['a URL longer than 2048 characters', `https://hooks.example.com/${'a'.repeat(2030)}`],
  ])('rejects webhook_url as %s', (_name, webhookUrl) => {
    expect(pathsOf({ ...validRequest(), webhook_url: webhookUrl })).toEqual(['webhook_url']);
  });

  it('accepts a 2048-character webhook_url', () => {
    const body = { ...validRequest(), webhook_url: `http://hooks.example.com/${'a'.repeat(2048 - 25)}` };
    expect(body.webhook_url).toHaveLength(2048);
    expect(validateCreateJobRequest(body).ok).toBe(true);
  });

  it.each([
    ['an array', ['a'], ['labels']],
    ['a string', 'team=vision', ['labels']],
    ['a value that is not a string', { team: 1 }, ['labels.team']],
    ['a value longer than 256', { team: 'v'.repeat(257) }, ['labels.team']],
    ['an empty key', { '': 'v' }, ['labels[""]']],
    ['a key longer than 63', { ['k'.repeat(64)]: 'v' }, [`labels.${'k'.repeat(64)}`]],
    ['a key with a slash', { 'team/name': 'v' }, ['labels["team/name"]']],
    ['33 entries', Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, 'v'])), ['labels']],
    ['a reserved key', JSON.parse('{"__proto__": "v"}'), ['labels.__proto__']],
  ])('rejects labels with %s', (_name, labels, expected) => {
    expect(pathsOf({ ...validRequest(), labels })).toEqual(expected);
  });

  it('accepts 32 labels with 63-character keys and 256-character values', () => {
    const labels = Object.fromEntries(Array.from({ length: 32 }, (_, i) => [`${i}`.padEnd(63, '_'), 'v'.repeat(256)]));
    const body = { ...validRequest(), labels };
    expect(validateCreateJobRequest(body)).toEqual({ ok: true, value: body });
  });

  it.each([[-100], [0], [100]])('accepts priority %p', (priority) => {
    const body = { ...validRequest(), priority };
    expect(validateCreateJobRequest(body)).toEqual({ ok: true, value: body });
  });

  it.each([[-101], [101], [1.5], ['5'], [null]])('rejects priority %p', (priority) => {
    const result = validateCreateJobRequest({ ...validRequest(), priority });
    expect(result).toEqual({ ok: false, issues: [{ path: 'priority', message: 'must be an integer (a JSON number) from -100 to 100' }] });
  });

  it('lists mistakes in the request and in the training job together', () => {
    const body: Record<string, any> = { ...validRequest(), webhook_url: 'ftp://x', labels: { ok: 'v', 'no spaces': 'v' } };
    body.training_job.job_name = 'x'.repeat(65);
    body.training_job.config.flavor = { code: 'modelarts.vm.cpu.8u' };
    delete body.training_job.config.worker_server_num;
    expect(pathsOf(body)).toEqual([
      'labels["no spaces"]',
      'training_job.config.flavor',
      'training_job.config.worker_server_num',
      'training_job.job_name',
      'webhook_url',
    ]);
  });
});
