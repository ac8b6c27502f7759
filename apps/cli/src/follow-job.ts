import { isTerminal, type JobRecord } from '@jobgate/contracts/records';
import type { ApiClient } from './api-client';
import { pollUntil } from './poll';

export interface FollowJobOptions {
  client: Pick<ApiClient, 'getJob'>;
  intervalMs: number;
  sleep(ms: number): Promise<void>;
  /** Called with each record whose status differs from the one before (`first` is the caller's to show). */
  onChange(record: JobRecord): void;
}

/** `submit --wait`: follows one job until it is succeeded, failed or canceled; returns the final record. */
export async function followJob(first: JobRecord, options: FollowJobOptions): Promise<JobRecord> {
  let lastStatus = first.status;
  return pollUntil(first, {
    load: () => options.client.getJob(first.id),
    isDone: (record) => isTerminal(record.status),
    onValue: (record) => {
      if (record.status === lastStatus) return;
      lastStatus = record.status;
      options.onChange(record);
    },
    intervalMs: options.intervalMs,
    sleep: options.sleep,
  });
}
