import type { Queue } from 'bullmq';
import type { JobgateQueues } from './queues';

/** The BullMQ states the queue depth metric reports. */
export const QUEUE_DEPTH_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
export type QueueDepthState = (typeof QUEUE_DEPTH_STATES)[number];

/**
 * Jobs per state in each of jobgate's queues, `{ submit: { waiting, active, delayed, failed }, … }`,
 * for the metrics. Fails fast when Redis is down, as enqueueing does, so a scrape is never held up.
 */
export async function queueDepths(queues: JobgateQueues): Promise<Record<string, Record<QueueDepthState, number>>> {
  await queues.assertConnected();
  const all = [queues.submit, queues.cancel, queues.webhook] as Queue[];
  const counts = await Promise.all(all.map((q) => q.getJobCounts(...QUEUE_DEPTH_STATES)));
  return Object.fromEntries(all.map((q, i) => [q.name, counts[i] as Record<QueueDepthState, number>]));
}
