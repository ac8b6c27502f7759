import { Lifecycle } from '@jobgate/lifecycle';
import { createLogger } from '@jobgate/logging';
import type { JobgateQueues } from '@jobgate/queues';
import { Store, type DispatchLimits } from '@jobgate/store';
import type { FreshDatabase } from './fresh-database';

/** Limits wide open: one pass admits everything waiting (as long as the test has fewer than 1000 jobs). */
const ADMIT_ALL: DispatchLimits = { maxActive: 1_000, window: 1_000, policy: 'fair' };

/**
 * One pass of the dispatcher, as a worker's scheduling loop runs it: waiting jobs are admitted
 * (`queued` → `submitting`) and their submit entries published to `queues.submit`. Returns how many.
 */
export async function dispatchOnce(db: Pick<FreshDatabase, 'pool' | 'schema'>, queues: JobgateQueues, limits: DispatchLimits = ADMIT_ALL): Promise<number> {
  const lifecycle = new Lifecycle({ store: new Store(db.pool, { schema: db.schema }), queues, logger: createLogger({ level: 'silent' }) });
  try {
    return await lifecycle.dispatchSystem(limits).dispatch();
  } finally {
    await lifecycle.close();
  }
}
