import { ModelArtsError, ThrottledError, type JobList, type ModelArtsClient } from '@jobgate/modelarts';
import type { JobSnapshot, Observation } from '@jobgate/lifecycle';

/** The two ModelArts calls the poller makes; tests pass a fake that implements them. */
export type PollClient = Pick<ModelArtsClient, 'listTrainingJobs' | 'getVersion'>;

export interface CollectResult {
  /** By record id. Jobs absent here could not be read this tick (a failed detail call). */
  observations: Map<string, Observation>;
  calls: number;
  /** The account quota the first list page reported (§6.3); null when no list call was made. */
  quota: Pick<JobList, 'quotas' | 'jobCountLimit'> | null;
  /** Set when a detail call was throttled: the rest waits for the next tick, after the back-off. */
  throttled: ThrottledError | null;
}

// §2.2: per_page is capped at 1000 and page at 65535.
const PER_PAGE = 1000;
const MAX_PAGE = 65_535;

/**
 * Reads the status of every active job with as few calls as possible (reference §7): list pages,
 * newest first, until every job was seen or the page reaches back past the oldest active job; then
 * one version-detail call per job the list did not show. N active jobs cost about ceil(N/1000)+1.
 * A list row shows its job's latest version only: a record of an older version of the same
 * ModelArts job (a job that was rerun) is read by version detail.
 */
export async function collectStatuses(client: PollClient, rows: JobSnapshot[]): Promise<CollectResult> {
  const result: CollectResult = { observations: new Map(), calls: 0, quota: null, throttled: null };
  for (const [workspace, group] of byWorkspace(rows)) await listWorkspace(client, workspace, group, result);
  for (const row of rows) {
    if (result.observations.has(row.id)) continue;
    if (result.throttled) break;
    await detail(client, row, result);
  }
  return result;
}

/** List failures propagate: without the list nothing is known, and the tick backs off. */
async function listWorkspace(client: PollClient, workspace: string, rows: JobSnapshot[], result: CollectResult): Promise<void> {
  // Several records can share a ModelArts job (its versions); the row is matched by version.
  const byVersion = new Map(rows.map((r) => [`${r.modelarts!.jobId}/${r.modelarts!.versionId}`, r]));
  // Rows without a ModelArts create time cannot bound the paging: read to the end then.
  const oldestMs = rows.reduce((min, r) => Math.min(min, r.modelarts?.createTime?.getTime() ?? -Infinity), Infinity);
  let seen = 0;
  for (let page = 1; page <= MAX_PAGE; page++) {
    // The default workspace is left implicit: ModelArts assumes "0", and so do clients that never set one.
    const list = await client.listTrainingJobs({
      perPage: PER_PAGE,
      page,
      sortBy: 'create_time',
      order: 'desc',
      workspaceId: workspace === '0' ? undefined : workspace,
    });
    result.calls++;
    result.quota ??= { quotas: list.quotas, jobCountLimit: list.jobCountLimit };
    for (const item of list.jobs) {
      // Records of the job's other versions (older reruns, or a version added in the console) are read by detail.
      const row = byVersion.get(`${item.jobId}/${item.versionId}`);
      if (!row || result.observations.has(row.id)) continue;
      result.observations.set(row.id, { kind: 'status', code: item.status });
      seen++;
    }
    // A malformed row still took its place on the page; its job is read by version detail.
    const rowsOnPage = list.jobs.length + list.skipped.length;
    const last = list.jobs[list.jobs.length - 1];
    if (seen === rows.length || !last || rowsOnPage < PER_PAGE || page * PER_PAGE >= list.total || last.createTime < oldestMs) return;
  }
}

async function detail(client: PollClient, row: JobSnapshot, result: CollectResult): Promise<void> {
  result.calls++;
  try {
    const version = await client.getVersion(row.modelarts!.jobId, row.modelarts!.versionId!);
    result.observations.set(row.id, { kind: 'status', code: version.status });
  } catch (err) {
    if (err instanceof ThrottledError) result.throttled = err;
    else if (err instanceof ModelArtsError && (err.httpStatus === 404 || err.errorCode === 'ModelArts.2775')) {
      result.observations.set(row.id, { kind: 'lost', errorCode: err.errorCode, message: err.errorMessage });
    }
    // Anything else (5xx, timeout): this job is simply read again next tick.
  }
}

function byWorkspace(rows: JobSnapshot[]): Map<string, JobSnapshot[]> {
  const groups = new Map<string, JobSnapshot[]>();
  for (const row of rows) {
    const workspace = row.workspaceId ?? '0';
    const group = groups.get(workspace);
    if (group) group.push(row);
    else groups.set(workspace, [row]);
  }
  return groups;
}
