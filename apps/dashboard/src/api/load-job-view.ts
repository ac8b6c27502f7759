import type { ApiClient } from './api-client';
import type { CreateAttemptRecord, DeliveryRecord, JobRecord, JobVersionRecord } from './types';
import { timelineFromEvents, type TimelineEntry } from '../lib/timeline';

/** Everything the job page shows, loaded together so one refresh is one consistent picture. */
export interface JobView {
  job: JobRecord;
  deliveries: DeliveryRecord[];
  timeline: TimelineEntry[];
  attempts: CreateAttemptRecord[];
  /** The versions of the job's ModelArts job: the job and its reruns. */
  versions: JobVersionRecord[];
}

export async function loadJobView(client: ApiClient, id: string, signal: AbortSignal): Promise<JobView> {
  const init = { params: { path: { id } }, signal };
  const [job, deliveries, events, attempts, versions] = await Promise.all([
    client.call((api) => api.GET('/v1/jobs/{id}', init)),
    client.call((api) => api.GET('/v1/jobs/{id}/deliveries', init)),
    client.call((api) => api.GET('/v1/jobs/{id}/events', init)),
    client.call((api) => api.GET('/v1/jobs/{id}/attempts', init)),
    client.call((api) => api.GET('/v1/jobs/{id}/versions', init)),
  ]);
  return { job, deliveries: deliveries.items, timeline: timelineFromEvents(events.items), attempts: attempts.items, versions: versions.items };
}
