export { QUEUE_NAMES, JOB_NAMES, submitJobOptions, webhookJobOptions } from './catalog';
export type { QueueName, SubmitPayload, CancelPayload, WebhookPayload, PollPayload, QueuePayloads } from './catalog';
export { createRedis } from './connections';
export type { ConnectionRole, CreateRedisOptions } from './connections';
export { JobgateQueues } from './queues';
export type { JobgateQueuesOptions } from './queues';
export { SlidingWindowLimiter } from './sliding-window-limiter';
export type { SlidingWindowLimiterOptions, Permit } from './sliding-window-limiter';
