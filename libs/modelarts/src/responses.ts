import { ModelArtsError } from './modelarts-error';
import type { CreatedJob, JobList, JobSummary, SkippedListRow, VersionDetail, VersionList } from './types';
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
