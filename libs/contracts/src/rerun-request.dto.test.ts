import { validateRerunRequest } from './rerun-request.dto';
import type { TrainingJobBody } from './training-job-body';

const SOURCE: TrainingJobBody = {
  job_name: 'mnist',
  job_desc: 'first try',
  config: {
    worker_server_num: 1,
    app_url: '/usr/app/',
    boot_file_url: '/usr/app/boot.py',
    data_url: '/usr/data/',
    spec_id: 1,
    engine_id: 1,
    train_url: '/usr/train/',
    model_id: 1,
    parameter: [
      { label: 'lr', value: '0.01' },
      { label: 'batch', value: '32' },
    ],
  },
};

describe('validateRerunRequest', () => {
  it('keeps the job as it was when the body is empty or absent', () => {
    expect(validateRerunRequest(undefined, SOURCE)).toEqual({ ok: true, value: SOURCE });
    expect(validateRerunRequest({}, SOURCE)).toEqual({ ok: true, value: SOURCE });
  });

  it('replaces fields, removes those set to null and merges parameters by label', () => {
    const result = validateRerunRequest(
      {
        config: {
          spec_id: 2,
          data_url: null,
          dataset_id: 'd1',
          dataset_version_id: 'v1',
          parameter: [
            { label: 'lr', value: '0.02' },
            { label: 'epochs', value: '5' },
          ],
        },
      },
      SOURCE,
    );
    expect(result.ok && result.value.config).toEqual({
      worker_server_num: 1,
      app_url: '/usr/app/',
      boot_file_url: '/usr/app/boot.py',
      spec_id: 2,
      engine_id: 1,
      train_url: '/usr/train/',
      model_id: 1,
      dataset_id: 'd1',
      dataset_version_id: 'v1',
      parameter: [
        { label: 'lr', value: '0.02' },
        { label: 'batch', value: '32' },
        { label: 'epochs', value: '5' },
      ],
    });
    expect(result.ok && result.value.job_name).toBe('mnist');
    expect(SOURCE.config.parameter).toHaveLength(2);
  });

  it('refuses what a create refuses, naming the field', () => {
    const result = validateRerunRequest({ config: { worker_server_num: 0, data_source: [{ type: 'obs', data_url: '/x/' }] } }, SOURCE);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => i.path).sort()).toEqual(['config.data_source', 'config.worker_server_num']);
  });

  it('refuses unknown fields and a config that is not an object', () => {
    const result = validateRerunRequest({ config: [], job_name: 'other' }, SOURCE);
    expect(!result.ok && result.issues).toEqual(
      expect.arrayContaining([
        { path: 'config', message: 'must be a JSON object of config fields' },
        { path: 'job_name', message: 'unknown field' },
      ]),
    );
  });

  it('asks for train_url and model_id, which ModelArts requires of a new version', () => {
    const result = validateRerunRequest({ config: { train_url: null } }, { ...SOURCE, config: { ...SOURCE.config, model_id: undefined } });
    expect(!result.ok && result.issues.map((i) => i.path)).toEqual(['config.train_url', 'config.model_id']);
  });
});
