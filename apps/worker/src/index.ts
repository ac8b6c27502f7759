export { startWorker } from './start-worker';
export type { StartWorkerOptions, RunningWorker } from './start-worker';
