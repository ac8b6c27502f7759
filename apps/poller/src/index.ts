export { startPoller } from './start-poller';
export type { StartPollerOptions, RunningPoller } from './start-poller';
export { pollTick } from './poll-tick';
export type { PollTickDeps, TickResult } from './poll-tick';
export { collectStatuses } from './collect-statuses';
export type { CollectResult, PollClient } from './collect-statuses';
export { PollBackoff, memoryBackoffStore, redisBackoffStore } from './poll-backoff';
export type { BackoffState, BackoffStore, PollBackoffOptions } from './poll-backoff';
