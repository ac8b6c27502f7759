import type { ApiClient } from './api-client';
import { optionalGet } from './optional-get';
import type { DeliveryRecord, JobRecord } from './types';
import { attemptRows, listItems, type AttemptRow } from '../lib/attempt-rows';
import { timelineFromEvents, timelineFromRecord, type TimelineEntry } from '../lib/timeline';

/** Everything the job page shows, loaded together so one refresh is one consistent picture. */
export interface JobView {
  job: JobRecord;
  /** null when the API has no deliveries endpoint. */
  deliveries: DeliveryRecord[] | null;
  timeline: TimelineEntry[];
  timelineSource: 'events' | 'record';
  /** null when the API has no attempts endpoint. */
  attempts: AttemptRow[] | null;
}

export async function loadJobView(client: ApiClient, id: string, signal: AbortSignal): Promise<JobView> {
  const base = `/v1/jobs/${encodeURIComponent(id)}`;
  const [job, deliveries, events, attempts] = await Promise.all([
    client.get<JobRecord>(base, signal),
    optionalGet<unknown>(client, `${base}/deliveries`, 'jobs/:id/deliveries', signal),
    optionalGet<unknown>(client, `${base}/events`, 'jobs/:id/events', signal),
    optionalGet<unknown>(client, `${base}/attempts`, 'jobs/:id/attempts', signal),
  ]);
  const fromEvents = events === null ? [] : timelineFromEvents(listItems(events));
  return {
    job,
    deliveries: deliveries === null ? null : (listItems(deliveries) as DeliveryRecord[]),
    timeline: fromEvents.length > 0 ? fromEvents : timelineFromRecord(job),
    timelineSource: fromEvents.length > 0 ? 'events' : 'record',
    attempts: attempts === null ? null : attemptRows(listItems(attempts)),
  };
}
