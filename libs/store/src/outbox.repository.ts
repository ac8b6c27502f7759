import type { Pool } from 'pg';
import { withTransaction, type Queryable } from './with-transaction';
import type { Tables } from './tables';

/** What must follow a committed change: a submit, a stop call or a webhook delivery. */
export type OutboxKind = 'submit' | 'stop' | 'webhook';

export interface OutboxEntry {
  id: string;
  kind: OutboxKind;
  /** Job id for `submit` and `stop`, webhook event id for `webhook`. */
  ref: string;
  requestId: string | null;
}

export interface NewOutboxEntry {
  kind: OutboxKind;
  ref: string;
  requestId?: string | null;
}

/**
 * The outbox table: rows are written inside the transaction of the change they follow, and removed
 * once published. Anything still here after a grace period was left by a crash and is re-published.
 */
export class OutboxRepository {
  /** `pool` for the relay's own transactions; `db` (default the pool) for writes that join the caller's. */
  constructor(
    private readonly pool: Pool,
    private readonly t: Tables,
    private readonly db: Queryable = pool,
  ) {}

  /** Adds entries (in the caller's transaction when this scope is one); returns them with their ids, in order. */
  async add(entries: readonly NewOutboxEntry[]): Promise<OutboxEntry[]> {
    if (entries.length === 0) return [];
    const { rows } = await this.db.query<OutboxEntry>(
      `INSERT INTO ${this.t.outbox} (kind, ref, request_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
       RETURNING id::text, kind, ref, request_id AS "requestId"`,
      [entries.map((e) => e.kind), entries.map((e) => e.ref), entries.map((e) => e.requestId ?? null)],
    );
    return rows;
  }

  /** Forgets published entries. */
  async remove(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.pool.query(`DELETE FROM ${this.t.outbox} WHERE id = ANY($1::bigint[])`, [ids]);
  }

  /**
   * Publishes entries older than `graceMs` (their writer had its chance) through `publish`, oldest
   * first, and removes them when it succeeds. Rows are locked with SKIP LOCKED, so relays of several
   * processes share the backlog instead of publishing it twice. Returns how many were published.
   */
  async publishStale(options: { graceMs: number; limit: number; publish: (entries: OutboxEntry[]) => Promise<void> }): Promise<number> {
    return withTransaction(this.pool, async (db) => {
      const { rows } = await db.query<OutboxEntry>(
        `SELECT id::text, kind, ref, request_id AS "requestId" FROM ${this.t.outbox}
         WHERE created_at < now() - ($1::int * interval '1 millisecond')
         ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [options.graceMs, options.limit],
      );
      if (rows.length === 0) return 0;
      await options.publish(rows);
      await db.query(`DELETE FROM ${this.t.outbox} WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
      return rows.length;
    });
  }
}
