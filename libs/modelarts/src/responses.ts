import { ModelArtsError } from './modelarts-error';
import type { AiEngine, CreatedJob, JobList, JobSummary, LogChunk, LogFiles, ResourceSpec, SkippedListRow, VersionDetail, VersionList } from './types';
import { isWireObject, type WireReader } from './wire';

/** Field names and types per §2.1–§2.4 of the v1 API notes. */
export function readCreatedJob(r: WireReader): CreatedJob {
  return {
    jobId: r.id('job_id'),
    jobName: r.string('job_name'),
    versionId: r.id('version_id'),
    versionName: r.optionalString('version_name'),
    resourceId: r.optionalString('resource_id'),
    status: r.int('status'),
    createTime: r.int('create_time'),
  };
}

/**
 * One malformed row is set aside (in `skipped`), not the whole page: a poller can still read every
 * other job, and the one it could not read by version detail.
 */
export function readJobList(r: WireReader): JobList {
  const jobs: JobSummary[] = [];
  const skipped: SkippedListRow[] = [];
  r.array('jobs').forEach((item, index) => {
    if (!isWireObject(item)) return void skipped.push({ index, jobId: null, jobName: null, reason: 'the row is not an object' });
    try {
      jobs.push(readJobSummary(r.reader(item)));
    } catch (err) {
      if (!(err instanceof ModelArtsError)) throw err;
      skipped.push({ index, jobId: loose(item.job_id), jobName: loose(item.job_name), reason: err.errorMessage });
    }
  });
  return {
    total: r.int('job_total_count'),
    quotas: r.optionalInt('quotas'),
    jobCountLimit: r.optionalInt('job_count_limit'),
    jobs,
    skipped,
  };
}

function loose(value: unknown): string | null {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

function readJobSummary(r: WireReader): JobSummary {
  return {
    jobId: r.id('job_id'),
    jobName: r.string('job_name'),
    versionId: r.id('version_id'),
    status: r.int('status'),
    createTime: r.int('create_time'),
    duration: r.optionalInt('duration'),
    jobDesc: r.optionalString('job_desc'),
    versionCount: r.optionalInt('version_count'),
  };
}

/** `job` fills in job fields that version-list items leave out. */
export function readVersionDetail(r: WireReader, job?: { jobId: string; jobName: string }): VersionDetail {
  return {
    jobId: r.optionalId('job_id') ?? job?.jobId ?? r.id('job_id'),
    jobName: r.optionalString('job_name') ?? job?.jobName ?? r.string('job_name'),
    jobDesc: r.optionalString('job_desc'),
    versionId: r.id('version_id'),
    versionName: r.optionalString('version_name'),
    preVersionId: preVersion(r.optionalId('pre_version_id')),
    status: r.int('status'),
    createTime: r.int('create_time'),
    startTime: r.optionalInt('start_time'),
    duration: r.optionalInt('duration'),
    resourceId: r.optionalString('resource_id'),
    raw: r.raw,
  };
}

export function readVersionList(r: WireReader): VersionList {
  const job = { jobId: r.id('job_id'), jobName: r.string('job_name') };
  const versions = r.objects('versions').map((item) => readVersionDetail(item, job));
  return { ...job, versionCount: r.optionalInt('version_count') ?? versions.length, versions };
}

/** A first version carries no previous one: ModelArts leaves the field out or sends 0. */
function preVersion(id: string | null): string | null {
  return id === null || id === '0' ? null : id;
}

/** §2.10: `specs[]` of the resource-specs call. */
export function readResourceSpecs(r: WireReader): ResourceSpec[] {
  return r.objects('specs').map((s) => ({
    specId: s.id('spec_id'),
    specCode: s.string('spec_code'),
    core: s.optionalString('core'),
    cpu: s.optionalString('cpu'),
    gpuNum: s.optionalInt('gpu_num'),
    gpuType: s.optionalString('gpu_type'),
    maxNum: s.optionalInt('max_num'),
    unitNum: s.optionalInt('unit_num'),
    storage: s.optionalString('storage'),
    interfaceType: s.optionalInt('interface_type'),
    noResource: s.optionalBoolean('no_resource') ?? false,
  }));
}

/** §2.11: `engines[]` of the ai-engines call. */
export function readAiEngines(r: WireReader): AiEngine[] {
  return r.objects('engines').map((e) => ({
    engineId: e.id('engine_id'),
    engineName: e.string('engine_name'),
    engineVersion: e.optionalString('engine_version'),
    engineType: e.optionalInt('engine_type'),
  }));
}

/** §2.12: `log_file_list`. */
export function readLogFiles(r: WireReader): LogFiles {
  return { ready: true, files: r.strings('log_file_list') };
}

/** §2.12 `aom-log`: `content` holds the lines joined by newlines; `lines` counts them. */
export function readLogChunk(r: WireReader): LogChunk {
  const content = r.optionalString('content') ?? '';
  const count = r.optionalInt('lines');
  const lines = content === '' ? [] : content.replace(/\n$/, '').split('\n');
  return { ready: true, lines: count === 0 ? [] : lines, startLine: r.optionalInt('start_line'), endLine: r.optionalInt('end_line') };
}
