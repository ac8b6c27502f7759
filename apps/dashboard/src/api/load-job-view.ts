import type { ApiClient } from './api-client';
import type { CreateAttemptRecord, DeliveryRecord, ItemList, JobEventRecord, JobRecord, JobVersionRecord } from './types';
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
  const base = `/v1/jobs/${encodeURIComponent(id)}`;
  const [job, deliveries, events, attempts, versions] = await Promise.all([
    client.get<JobRecord>(base, signal),
    client.get<ItemList<DeliveryRecord>>(`${base}/deliveries`, signal),
    client.get<ItemList<JobEventRecord>>(`${base}/events`, signal),
    client.get<ItemList<CreateAttemptRecord>>(`${base}/attempts`, signal),
    client.get<ItemList<JobVersionRecord>>(`${base}/versions`, signal),
  ]);
  return { job, deliveries: deliveries.items, timeline: timelineFromEvents(events.items), attempts: attempts.items, versions: versions.items };
}
