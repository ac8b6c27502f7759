import { Worker, type Processor, type WorkerOptions } from 'bullmq';
import { QUEUE_NAMES, type QueuePayloads } from './catalog';
import { createRedis, type RedisClusterTarget } from './connections';
import { jobgateBackoff } from './retry-later-error';

export interface CreateQueueWorkerOptions {
  redisUrl: string;
  /** When set, the worker's connection goes to this Redis Cluster instead of `redisUrl`. */
  redisCluster?: RedisClusterTarget | null;
  /** REDIS_TLS_CA_FILE for a `rediss://` redisUrl. */
  redisTlsCaFile?: string | null;
  prefix: string;
  concurrency: number;
  onError?: (err: Error) => void;
  /** BullMQ's fetch limiter (the submit queue's SUBMIT_RATE_LIMIT); default none. */
  limiter?: WorkerOptions['limiter'];
}

/** Per-queue worker settings: how locks, stalls and retries behave for each kind of work. */
const WORKER_SETTINGS: { [K in keyof QueuePayloads]: Partial<WorkerOptions> } = {
  submit: {
    // A crashed worker's job is picked up again after about lockDuration + stalledInterval.
    lockDuration: 10_000,
    stalledInterval: 5_000,
    // Submission is safe to resume (attempts are recorded, outcomes fenced and adopted), so a job may stall many times.
    maxStalledCount: 1_000,
    settings: { backoffStrategy: jobgateBackoff },
  },
  cancel: {},
  webhook: { settings: { backoffStrategy: jobgateBackoff } },
  poll: {},
};

/** The one way a role consumes a queue: its own blocking connection, the queue's settings, errors reported. */
export function createQueueWorker<K extends keyof QueuePayloads>(
  queue: K,
  processor: Processor<QueuePayloads[K]>,
  options: CreateQueueWorkerOptions,
): Worker<QueuePayloads[K]> {
  const worker = new Worker<QueuePayloads[K]>(QUEUE_NAMES[queue], processor, {
    ...WORKER_SETTINGS[queue],
    connection: createRedis({
      url: options.redisUrl,
      cluster: options.redisCluster,
      tlsCaFile: options.redisTlsCaFile,
      role: 'worker',
      onError: options.onError,
    }),
    prefix: options.prefix,
    concurrency: options.concurrency,
    limiter: options.limiter,
  });
  worker.on('error', (err) => options.onError?.(err));
  return worker;
}
