import type { Pool } from 'pg';
import { pendingMigrations } from './migrate';

/**
 * Readiness of the results store: PostgreSQL answers and every migration this code knows has been
 * applied. A process of a newer version that has not migrated yet (or cannot) is not ready.
 */
export async function checkDatabase(pool: Pool, schema: string): Promise<void> {
  const pending = await pendingMigrations(pool, schema);
  if (pending.length > 0) throw new Error(`migrations not applied: ${pending.join(', ')}`);
}
