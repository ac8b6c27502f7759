export { startWorker } from './start-worker';
export type { StartWorkerOptions, RunningWorker } from './start-worker';
export { submitProcessor } from './processors/submit.processor';
export type { SubmitProcessorDeps, SubmitSettings } from './processors/submit.processor';
export { clientFromConfig } from './modelarts-client';
export type { ClientFromConfigOptions } from './modelarts-client';
export { fullJitterDelay } from './backoff';
export { RetryLaterError, jobgateBackoff } from './retry-later-error';
