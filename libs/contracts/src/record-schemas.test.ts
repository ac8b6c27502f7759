import { contractSchemas } from './json-schemas';
import { JOB_STATUSES } from './job-status';
import { recordSchemas } from './record-schemas';
import { SWEEP_STATUSES } from './sweep-status';

describe('recordSchemas', () => {
  const records = recordSchemas();
  const props = (name: string) => records[name]!.properties as Record<string, Record<string, unknown>>;

  it('lists the job record fields the README documents, all required', () => {
    const fields = [
      'id',
      'status',
      'job_name',
      'training_job',
      'labels',
      'priority',
      'team',
      'webhook_url',
      'sweep_id',
      'rerun_of',
      'modelarts',
      'attempts',
      'error',
      'created_at',
      'updated_at',
      'submitted_at',
      'started_at',
      'finished_at',
    ];
    expect(Object.keys(props('JobRecord'))).toEqual(fields);
    expect(records.JobRecord!.required).toEqual(fields);
    expect(props('JobRecord').status).toEqual({ type: 'string', enum: [...JOB_STATUSES] });
    expect(props('JobRecord').training_job).toEqual({ $ref: '#/components/schemas/TrainingJobDto' });
  });

  it('gives sweeps a count for every job status and a status of their own', () => {
    expect(props('SweepRecord').counts).toMatchObject({ type: 'object', required: [...JOB_STATUSES] });
    expect(props('SweepRecord').status).toEqual({ type: 'string', enum: [...SWEEP_STATUSES] });
    expect(Object.keys(props('SweepDetail'))).toEqual([...Object.keys(props('SweepRecord')), 'best_trial']);
  });

  it('is plain JSON Schema whose every $ref resolves among the record and request schemas', () => {
    const all = { ...contractSchemas(), ...records };
    const text = JSON.stringify(records);
    expect(JSON.parse(text)).toEqual(records); // no symbols, functions or undefined left from the builders
    const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) {
      const target = ref.split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], all);
      expect([ref, target !== undefined]).toEqual([ref, true]);
    }
  });
});
