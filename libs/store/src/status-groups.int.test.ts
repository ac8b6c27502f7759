import { ACTIVE_STATUSES, DELIVERY_STATUSES, OPEN_SWEEP_STATUSES, SWEEP_STATUSES } from '@jobgate/contracts';
import { freshDatabase, type FreshDatabase } from '../../../test/support/fresh-database';

/**
 * SQL cannot import the status groups of @jobgate/contracts, so the migrations spell some out (partial
 * indexes, CHECK constraints). This holds those copies to the groups, as PostgreSQL reads them back.
 */
describe('status groups in the schema (real PostgreSQL)', () => {
  let db: FreshDatabase;
  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(() => db.drop());

  it('indexes the active jobs and the open sweeps by the contracts groups', async () => {
    expect(await indexStatuses('jobs_active')).toEqual([...ACTIVE_STATUSES].sort());
    expect(await indexStatuses('sweeps_open')).toEqual([...OPEN_SWEEP_STATUSES].sort());
    // A job_name is free again once its job failed or was canceled (README, status 409).
    expect(await indexStatuses('jobs_live_name')).toEqual(['canceled', 'failed']);
  });

  it('accepts exactly the contracts statuses of sweeps and webhook deliveries', async () => {
    expect(await checkStatuses('sweeps')).toEqual([...SWEEP_STATUSES].sort());
    expect(await checkStatuses('webhook_events')).toEqual([...DELIVERY_STATUSES].sort());
  });

  async function indexStatuses(name: string): Promise<string[]> {
    const { rows } = await db.pool.query<{ def: string }>('SELECT indexdef AS def FROM pg_indexes WHERE schemaname = $1 AND indexname = $2', [db.schema, name]);
    return quoted(rows[0]!.def.split(' WHERE ')[1]!);
  }

  async function checkStatuses(table: string): Promise<string[]> {
    const { rows } = await db.pool.query<{ def: string }>(
      `SELECT pg_get_constraintdef(c.oid) AS def FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = $1 AND t.relname = $2 AND c.contype = 'c' AND pg_get_constraintdef(c.oid) LIKE '%status%'`,
      [db.schema, table],
    );
    return quoted(rows[0]!.def);
  }
});

/** The string literals of a predicate, sorted: `(status = ANY (ARRAY['a'::text, 'b'::text]))` → a, b. */
function quoted(sql: string): string[] {
  return [...sql.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!).sort();
}
