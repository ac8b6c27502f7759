import samples from './fixtures/seed-sample-requests.json';
import { validateTrainingJob } from './validate';

// The doc's first sample, trimmed to one data input; every case below changes one thing in it.
function validJob(): Record<string, any> {
  return {
    job_name: 'TestModelArtsJob',
    job_desc: 'This is a ModelArts job',
    config: {
      worker_server_num: 1,
      app_url: '/usr/app/',
      boot_file_url: '/usr/app/boot.py',
      parameter: [
        { label: 'learning_rate', value: '0.01' },
        { label: 'batch_size', value: '32' },
      ],
      dataset_id: '38277e62-9e59-48f4-8d89-c8cf41622c24',
      dataset_version_id: '2ff0d6ba-c480-45ae-be41-09a8369bfc90',
      spec_id: 1,
      engine_id: 1,
    },
  };
}

function issuesOf(body: unknown, prefix?: string): { path: string; message: string }[] {
  const result = validateTrainingJob(body, prefix);
  if (result.ok) throw new Error('expected the body to be rejected');
  return result.issues;
}

function pathsOf(body: unknown, prefix?: string): string[] {
  return issuesOf(body, prefix)
    .map((issue) => issue.path)
    .sort();
}

describe('the documented sample requests', () => {
  it.each(samples.map((sample) => [sample.job_name, sample]))('accepts %s unchanged', (_name, sample) => {
    const result = validateTrainingJob(sample);
    expect(result).toEqual({ ok: true, value: sample });
  });

  it('returns a copy, so later changes to the input do not leak into the accepted value', () => {
    const body = validJob();
    const result = validateTrainingJob(body);
    body.config.parameter[0].value = 'changed';
    expect(result.ok && result.value.config.parameter?.[0]?.value).toBe('0.01');
  });

  it('adds no defaults and keeps numeric-string ids as given', () => {
    const body = validJob();
    Object.assign(body.config, { spec_id: '2', engine_id: '130', model_id: '9223372036854775807' });
    expect(validateTrainingJob(body)).toEqual({ ok: true, value: body });
  });
});

type Mutation = (job: Record<string, any>) => void;
const cfg =
  (mutate: (config: Record<string, any>) => void): Mutation =>
  (job) =>
    mutate(job.config);
const C = 'training_job.config';

// [constraint, mutation, paths expected at prefix 'training_job']
const failures: [string, Mutation, string[]][] = [
  ['job_name is required', (j) => delete j.job_name, ['training_job.job_name']],
  ['job_name longer than 64', (j) => (j.job_name = 'a'.repeat(65)), ['training_job.job_name']],
  ['job_name empty', (j) => (j.job_name = ''), ['training_job.job_name']],
  ['job_name with a space', (j) => (j.job_name = 'my job'), ['training_job.job_name']],
  ['job_name not a string', (j) => (j.job_name = 42), ['training_job.job_name']],
  ['job_desc longer than 256', (j) => (j.job_desc = 'd'.repeat(257)), ['training_job.job_desc']],
  ['job_desc null', (j) => (j.job_desc = null), ['training_job.job_desc']],
  ['workspace_id not a string', (j) => (j.workspace_id = 0), ['training_job.workspace_id']],
  ['config is required', (j) => delete j.config, [C]],
  ['config is an array', (j) => (j.config = [j.config]), [C]],
  ['config is a string', (j) => (j.config = 'x'), [C]],
  ['worker_server_num is required', cfg((c) => delete c.worker_server_num), [`${C}.worker_server_num`]],
  ['worker_server_num fractional', cfg((c) => (c.worker_server_num = 1.5)), [`${C}.worker_server_num`]],
  ['worker_server_num as a string', cfg((c) => (c.worker_server_num = '1')), [`${C}.worker_server_num`]],
  ['worker_server_num zero', cfg((c) => (c.worker_server_num = 0)), [`${C}.worker_server_num`]],
  ['app_url without boot_file_url', cfg((c) => delete c.boot_file_url), [`${C}.boot_file_url`]],
  ['boot_file_url without app_url', cfg((c) => delete c.app_url), [`${C}.app_url`]],
  ['no code and no model_id', cfg((c) => (delete c.app_url, delete c.boot_file_url)), [`${C}.app_url`, `${C}.boot_file_url`]],
  ['boot_file_url outside app_url', cfg((c) => (c.boot_file_url = '/usr/other/boot.py')), [`${C}.boot_file_url`]],
  ['app_url not a string', cfg((c) => (c.app_url = 1)), [`${C}.app_url`]],
  ['app_url longer than 1024', cfg((c) => (c.app_url = `/${'a'.repeat(1024)}/`)), [`${C}.app_url`, `${C}.boot_file_url`]],
  ['no data input', cfg((c) => (delete c.dataset_id, delete c.dataset_version_id)), [C]],
  ['data_url with the dataset pair', cfg((c) => (c.data_url = '/usr/data/')), [`${C}.dataset_id`]],
  [
    'data_source with data_url',
    cfg((c) => (delete c.dataset_id, delete c.dataset_version_id, (c.data_url = '/d/'), (c.data_source = [{ data_url: '/e/' }]))),
    [`${C}.data_source`],
  ],
  ['all three data inputs', cfg((c) => ((c.data_url = '/d/'), (c.data_source = [{ data_url: '/e/' }]))), [`${C}.data_source`, `${C}.dataset_id`]],
  ['dataset_id without dataset_version_id', cfg((c) => delete c.dataset_version_id), [`${C}.dataset_version_id`]],
  ['dataset_version_id without dataset_id', cfg((c) => delete c.dataset_id), [`${C}.dataset_id`]],
  ['dataset_version_id alone next to data_url', cfg((c) => (delete c.dataset_id, (c.data_url = '/d/'))), [`${C}.dataset_id`, `${C}.dataset_version_id`]],
  ['data_url empty', cfg((c) => (delete c.dataset_id, delete c.dataset_version_id, (c.data_url = ''))), [`${C}.data_url`]],
  ['data_source empty', cfg((c) => (delete c.dataset_id, delete c.dataset_version_id, (c.data_source = []))), [`${C}.data_source`]],
  ['data_source not an array', cfg((c) => (delete c.dataset_id, delete c.dataset_version_id, (c.data_source = { data_url: '/d/' }))), [`${C}.data_source`]],
  ['data_source item not an object', cfg((c) => (delete c.dataset_id, delete c.dataset_version_id, (c.data_source = ['/d/']))), [`${C}.data_source[0]`]],
  [
    'data_source item nested array',
    cfg((c) => (delete c.dataset_id, delete c.dataset_version_id, (c.data_source = [[{ data_url: '/d/' }]]))),
    [`${C}.data_source[0]`],
  ],
  ['data_source type unknown', withSource({ type: 'nas', data_url: '/d/' }), [`${C}.data_source[0].type`]],
  ['data_source dataset_id without dataset_version', withSource({ dataset_id: 'a' }), [`${C}.data_source[0].dataset_version`]],
  ['data_source dataset_version without dataset_id', withSource({ dataset_version: 'v' }), [`${C}.data_source[0].dataset_id`]],
  ['data_source data_url with a dataset', withSource({ data_url: '/d/', dataset_id: 'a', dataset_version: 'v' }), [`${C}.data_source[0].data_url`]],
  ['data_source item without input', withSource({}), [`${C}.data_source[0].data_url`]],
  ['data_source type obs without data_url', withSource({ type: 'obs' }), [`${C}.data_source[0].data_url`]],
  ['data_source type dataset without dataset', withSource({ type: 'dataset' }), [`${C}.data_source[0].dataset_id`]],
  ['data_source type obs with a dataset', withSource({ type: 'obs', dataset_id: 'a', dataset_version: 'v' }), [`${C}.data_source[0].type`]],
  ['data_source type dataset with data_url', withSource({ type: 'dataset', data_url: '/d/' }), [`${C}.data_source[0].type`]],
  ['data_source unknown field', withSource({ data_url: '/d/', bucket: 'b' }), [`${C}.data_source[0].bucket`]],
  ['parameter not an array', cfg((c) => (c.parameter = { label: 'a', value: 'b' })), [`${C}.parameter`]],
  ['parameter value not a string', cfg((c) => (c.parameter[1].value = 32)), [`${C}.parameter[1].value`]],
  ['parameter label empty', cfg((c) => (c.parameter[0].label = '')), [`${C}.parameter[0].label`]],
  ['parameter label missing', cfg((c) => delete c.parameter[0].label), [`${C}.parameter[0].label`]],
  ['parameter value longer than 4096', cfg((c) => (c.parameter[0].value = 'v'.repeat(4097))), [`${C}.parameter[0].value`]],
  ['parameter unknown key', cfg((c) => (c.parameter[0].type = 'float')), [`${C}.parameter[0].type`]],
  ['parameter duplicate label', cfg((c) => c.parameter.push({ label: 'learning_rate', value: '1' })), [`${C}.parameter[2].label`]],
  ['volume with neither kind', withVolume({}), [`${C}.volumes[0]`]],
  ['volume with both kinds', withVolume({ nfs: nfs(), host_path: { src_path: '/a', dest_path: '/b' } }), [`${C}.volumes[0].host_path`]],
  ['nfs without id', withVolume({ nfs: { ...nfs(), id: undefined } }), [`${C}.volumes[0].nfs.id`]],
  ['nfs read_only not boolean', withVolume({ nfs: { ...nfs(), read_only: 'false' } }), [`${C}.volumes[0].nfs.read_only`]],
  ['host_path without dest_path', withVolume({ host_path: { src_path: '/a' } }), [`${C}.volumes[0].host_path.dest_path`]],
  ['nfs not an object', withVolume({ nfs: 'sfs-turbo' }), [`${C}.volumes[0].nfs`]],
  ['volumes not an array', cfg((c) => (c.volumes = { nfs: nfs() })), [`${C}.volumes`]],
  ['spec_id fractional', cfg((c) => (c.spec_id = 1.5)), [`${C}.spec_id`]],
  ['spec_id fractional string', cfg((c) => (c.spec_id = '1.5')), [`${C}.spec_id`]],
  ['spec_id word', cfg((c) => (c.spec_id = 'abc')), [`${C}.spec_id`]],
  ['spec_id negative', cfg((c) => (c.spec_id = -1)), [`${C}.spec_id`]],
  ['engine_id zero', cfg((c) => (c.engine_id = 0)), [`${C}.engine_id`]],
  ['engine_id beyond Long', cfg((c) => (c.engine_id = '9223372036854775808')), [`${C}.engine_id`]],
  ['model_id boolean', cfg((c) => (c.model_id = true)), [`${C}.model_id`]],
  ['pool_id not a string', cfg((c) => (c.pool_id = 7)), [`${C}.pool_id`]],
  ['neither spec_id nor pool_id', cfg((c) => delete c.spec_id), [C]],
  ['train_url not a string', cfg((c) => (c.train_url = ['/a/'])), [`${C}.train_url`]],
  ['log_url longer than 1024', cfg((c) => (c.log_url = 'l'.repeat(1025))), [`${C}.log_url`]],
  ['user_image_url empty', cfg((c) => (c.user_image_url = '')), [`${C}.user_image_url`]],
  ['user_command longer than 4096', cfg((c) => (c.user_command = 'c'.repeat(4097))), [`${C}.user_command`]],
  ['create_version as a string', cfg((c) => (c.create_version = 'true')), [`${C}.create_version`]],
  ['config.flavor (doc-old, not in the tables)', cfg((c) => (c.flavor = { code: 'modelarts.vm.cpu.8u' })), [`${C}.flavor`]],
  ['top-level notification (doc-old)', (j) => (j.notification = { topic_urn: '', events: [] }), ['training_job.notification']],
  ['reserved key __proto__', (j) => Object.defineProperty(j.config, '__proto__', { value: {}, enumerable: true }), [`${C}.__proto__`]],
  ['reserved key constructor', cfg((c) => (c['constructor' as string] = 'x')), [`${C}.constructor`]],
];

describe('rejections', () => {
  it.each(failures)('%s', (_name, mutate, expected) => {
    const job = validJob();
    mutate(job);
    expect(pathsOf(job, 'training_job')).toEqual([...expected].sort());
  });

  it('has one readable message per mistake', () => {
    const job = validJob();
    job.job_name = 'bad name!';
    delete job.config.dataset_version_id;
    job.config.data_url = '/usr/data/';
    expect(issuesOf(job, 'training_job')).toEqual(
      expect.arrayContaining([
        { path: 'training_job.job_name', message: "must be 1–64 characters of letters, digits, '_' or '-'" },
        { path: 'training_job.config.dataset_id', message: 'must not be combined with data_url' },
        { path: 'training_job.config.dataset_version_id', message: 'is required when dataset_id is given' },
      ]),
    );
  });

  it('lists every failing field at once', () => {
    const job = validJob();
    job.job_name = '';
    job.config.worker_server_num = '2';
    job.config.parameter[1].value = 32;
    job.config.spec_id = 'abc';
    job.config.flavor = { code: 'modelarts.vm.cpu.8u' };
    expect(pathsOf(job, 'training_job')).toEqual(
      ['training_job.job_name', `${C}.worker_server_num`, `${C}.parameter[1].value`, `${C}.spec_id`, `${C}.flavor`].sort(),
    );
  });

  it('names all three data input styles when none is given', () => {
    const job = validJob();
    delete job.config.dataset_id;
    delete job.config.dataset_version_id;
    expect(issuesOf(job)).toEqual([{ path: 'config', message: 'must have a data input: data_url, dataset_id with dataset_version_id, or data_source' }]);
  });

  it('reports the nested errors in a volume with their full path', () => {
    const job = validJob();
    job.config.volumes = [{ nfs: { src_path: '192.168.8.150:/', dest_path: '/home/work/nas' } }];
    expect(issuesOf(job, 'template.training_job')).toEqual([{ path: 'template.training_job.config.volumes[0].nfs.id', message: 'is required' }]);
  });
});

describe('accepted variations', () => {
  const accepted: [string, Mutation][] = [
    ['model_id without code', cfg((c) => (delete c.app_url, delete c.boot_file_url, delete c.engine_id, (c.model_id = 1)))],
    ['pool_id without spec_id', cfg((c) => (delete c.spec_id, (c.pool_id = 'pool-1')))],
    ['app_url without a trailing slash', cfg((c) => (c.app_url = '/usr/app'))],
    [
      'data_source of OBS and dataset items',
      cfg(
        (c) => (
          delete c.dataset_id,
          delete c.dataset_version_id,
          (c.data_source = [{ type: 'obs', data_url: '/d/' }, { type: 'dataset', dataset_id: 'a', dataset_version: 'v' }, { data_url: '/e/' }])
        ),
      ),
    ],
    ['empty job_desc, train_url and log_url', (j) => Object.assign(j, { job_desc: '' }, { config: { ...j.config, train_url: '', log_url: '' } })],
    ['an empty parameter value', cfg((c) => (c.parameter[0].value = ''))],
    ['create_version false', cfg((c) => (c.create_version = false))],
    ['a 64-character job_name', (j) => (j.job_name = `A-_${'9'.repeat(61)}`)],
  ];
  it.each(accepted)('%s', (_name, mutate) => {
    const job = validJob();
    mutate(job);
    expect(validateTrainingJob(job)).toEqual({ ok: true, value: job });
  });
});

describe('bodies that are not JSON objects', () => {
  it.each([[null], [undefined], ['job'], [42], [[]], [[validJob()]], [new Date()]])('rejects %p at the prefix', (body) => {
    expect(issuesOf(body, 'template.training_job')).toEqual([{ path: 'template.training_job', message: 'must be a JSON object' }]);
    expect(issuesOf(body)).toEqual([{ path: '', message: 'must be a JSON object' }]);
  });
});

function withSource(item: Record<string, unknown>): Mutation {
  return cfg((c) => {
    delete c.dataset_id;
    delete c.dataset_version_id;
    c.data_source = [item];
  });
}

function withVolume(item: Record<string, unknown>): Mutation {
  return cfg((c) => (c.volumes = [JSON.parse(JSON.stringify(item))]));
}

function nfs(): Record<string, unknown> {
  return { id: '43b37236-9afa-4855-8174-32254b9562e7', src_path: '192.168.8.150:/', dest_path: '/home/work/nas', read_only: false };
}
