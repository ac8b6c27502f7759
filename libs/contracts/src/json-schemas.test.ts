import { getMetadataStorage } from 'class-validator';
import { CreateJobRequestDto } from './create-job-request.dto';
import { DataSourceDto } from './data-source.dto';
import { contractSchemas } from './json-schemas';
import { ParameterDto } from './parameter.dto';
import { CreateSweepRequestDto, SweepObjectiveDto } from './sweep-request.dto';
import { ReportMetricsRequestDto } from './job-metrics.dto';
import { RerunRequestDto } from './rerun-request.dto';
import { TrainingJobConfigDto } from './training-job-config.dto';
import { JOB_NAME_PATTERN, MAX_JOB_NAME_LENGTH, TrainingJobDto } from './training-job.dto';
import { HostPathVolumeDto, NfsVolumeDto, VolumeDto } from './volume.dto';
import { CreateApiKeyRequestDto, CreateTeamRequestDto, UpdateTeamRequestDto } from './team-request.dto';

const DTOS = [
  CreateTeamRequestDto,
  UpdateTeamRequestDto,
  CreateApiKeyRequestDto,
  CreateJobRequestDto,
  TrainingJobDto,
  TrainingJobConfigDto,
  ParameterDto,
  DataSourceDto,
  VolumeDto,
  NfsVolumeDto,
  HostPathVolumeDto,
  CreateSweepRequestDto,
  SweepObjectiveDto,
  ReportMetricsRequestDto,
  RerunRequestDto,
];

describe('contractSchemas', () => {
  const schemas = contractSchemas();
  const props = (name: string) => schemas[name]!.properties as Record<string, Record<string, unknown>>;

  it('has one schema per request DTO, each listing exactly the fields validation knows', () => {
    expect(Object.keys(schemas).sort()).toEqual(DTOS.map((d) => d.name).sort());
    for (const dto of DTOS) {
      const validated = new Set(
        getMetadataStorage()
          .getTargetValidationMetadatas(dto, '', true, false)
          .map((m) => m.propertyName),
      );
      expect(Object.keys(props(dto.name)).sort()).toEqual([...validated].sort());
      expect(schemas[dto.name]).toMatchObject({ type: 'object', additionalProperties: false });
    }
  });

  it('states the field rules: job_name pattern and length, required fields, nested refs, arrays, enums, ranges', () => {
    expect(props('TrainingJobDto').job_name).toEqual({ type: 'string', minLength: 1, maxLength: MAX_JOB_NAME_LENGTH, pattern: JOB_NAME_PATTERN.source });
    expect(schemas.TrainingJobDto!.required).toEqual(['job_name', 'config']);
    expect(props('TrainingJobDto').config).toEqual({ $ref: '#/components/schemas/TrainingJobConfigDto' });
    expect(schemas.CreateJobRequestDto!.required).toEqual(['training_job']);
    expect(props('TrainingJobConfigDto').worker_server_num).toMatchObject({ type: 'integer', minimum: 1 });
    expect(schemas.TrainingJobConfigDto!.required).toEqual(['worker_server_num']);
    expect(props('TrainingJobConfigDto').data_source).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/DataSourceDto' },
      minItems: 1,
      maxItems: 256,
    });
    expect(props('TrainingJobConfigDto').spec_id!.oneOf).toHaveLength(2);
    expect(props('DataSourceDto').type).toEqual({ type: 'string', enum: ['obs', 'dataset'] });
    expect(props('CreateSweepRequestDto').max_parallel).toEqual({ type: 'integer', minimum: 1, maximum: 1000 });
    expect(props('CreateSweepRequestDto').method).toEqual({ type: 'string', enum: ['grid', 'random', 'bayes'] });
    expect(schemas.CreateSweepRequestDto!.required).toEqual(['name', 'template', 'method', 'parameters']);
    expect(schemas.SweepObjectiveDto!.required).toEqual(['metric', 'goal']);
    expect(schemas.ReportMetricsRequestDto!.required).toEqual(['metrics']);
  });

  it('carries no internal markers and keeps the cross-field rules as descriptions', () => {
    expect(JSON.stringify(schemas)).not.toContain('x-jobgate');
    expect(schemas.TrainingJobConfigDto!.description).toMatch(/exactly one data input/);
  });
});
