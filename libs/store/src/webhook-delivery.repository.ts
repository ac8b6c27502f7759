import type { WebhookEventRow, WebhookEventStatus } from './webhook-event';
import { inTransaction, type Queryable } from './with-transaction';
import type { Tables } from './tables';

/**
 * What a sender may do with an event now. `claimed`: send it (the lease is held). `done`: nothing
 * left to send. `not_due`: its next attempt is later. `locked`: another sender holds it.
 * `blocked`: an earlier event of the same ordering key is still pending, so this one waits.
 * `gone`: the receiver answered 410 Gone to an earlier event of the same ordering key at the same
 * URL; this one has been marked `gone` without being sent.
 */
export type DeliveryClaim =
  | { kind: 'claimed'; event: WebhookEventRow; secrets: string[] | null }
  | { kind: 'gone'; event: WebhookEventRow; after: string }
  | { kind: 'done'; status: WebhookEventStatus | 'deleted' }
  | { kind: 'not_due'; retryInMs: number }
  | { kind: 'locked'; retryInMs: number }
  | { kind: 'blocked'; by: string; retryInMs: number };

export interface AttemptRecord {
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  /** The event's status after this attempt; `pending` with `retryInMs` schedules the next one. */
  status: WebhookEventStatus;
  retryInMs?: number;
}

const ms = (column: string) => `GREATEST(0, CEIL(EXTRACT(EPOCH FROM (${column} - now())) * 1000))::int`;

/** The sender's side of webhook events: claim, record each attempt, find what to send next. */
export class WebhookDeliveryRepository {
  constructor(
    private readonly pool: Queryable,
    private readonly t: Tables,
  ) {}

  /** Takes a lease on a due event unless something says to wait (see DeliveryClaim). */
  async claim(id: string, leaseMs: number): Promise<DeliveryClaim> {
    return inTransaction(this.pool, async (db) => {
      const { rows } = await db.query<WebhookEventRow & { due_ms: number; lock_ms: number }>(
        `SELECT *, ${ms('next_attempt_at')} AS due_ms, ${ms('locked_until')} AS lock_ms FROM ${this.t.webhook_events} WHERE id = $1 FOR UPDATE`,
        [id],
      );
      const event = rows[0];
      if (!event || event.status !== 'pending') return { kind: 'done', status: event?.status ?? 'deleted' };
      const gone = await goneBefore(db, this.t, event);
      if (gone) {
        const {
          rows: [marked],
        } = await db.query<WebhookEventRow>(
          `UPDATE ${this.t.webhook_events} SET status = 'gone', locked_until = NULL, last_error = $2 WHERE id = $1 RETURNING *`,
          [id, `not sent: the receiver answered 410 Gone to ${gone} of the same subject`],
        );
        return { kind: 'gone', event: marked!, after: gone };
      }
      if (event.due_ms > 0) return { kind: 'not_due', retryInMs: event.due_ms };
      if (event.lock_ms > 0) return { kind: 'locked', retryInMs: event.lock_ms };
      const before = await db.query<{ id: string; wait_ms: number }>(
        `SELECT id, ${ms('next_attempt_at')} AS wait_ms FROM ${this.t.webhook_events}
         WHERE ordering_key = $1 AND seq < $2 AND status = 'pending' ORDER BY seq LIMIT 1`,
        [event.ordering_key, event.seq],
      );
      if (before.rows[0]) return { kind: 'blocked', by: before.rows[0].id, retryInMs: before.rows[0].wait_ms };
      await db.query(`UPDATE ${this.t.webhook_events} SET locked_until = now() + ($2::int * interval '1 millisecond') WHERE id = $1`, [id, leaseMs]);
      return { kind: 'claimed', event, secrets: await teamSecrets(db, this.t, event.team_id) };
    });
  }

  /** Logs the attempt and moves the event on, releasing the lease; returns the attempt number. */
  async recordAttempt(id: string, attempt: AttemptRecord): Promise<number> {
    return inTransaction(this.pool, async (db) => {
      const { rows } = await db.query<{ attempts: number }>(
        `UPDATE ${this.t.webhook_events} SET attempts = attempts + 1, status = $2, last_error = $3, locked_until = NULL,
           next_attempt_at = CASE WHEN $2 = 'pending' THEN now() + ($4::int * interval '1 millisecond') ELSE next_attempt_at END,
           delivered_at = CASE WHEN $2 = 'delivered' THEN now() ELSE delivered_at END
         WHERE id = $1 RETURNING attempts`,
        [id, attempt.status, attempt.error, attempt.retryInMs ?? 0],
      );
      const n = rows[0]!.attempts;
      await db.query(`INSERT INTO ${this.t.webhook_attempts} (event_id, attempt, status_code, latency_ms, error) VALUES ($1, $2, $3, $4, $5)`, [
        id,
        n,
        attempt.statusCode,
        Math.round(attempt.latencyMs),
        attempt.error,
      ]);
      return n;
    });
  }

  /** The next pending event after this one in its ordering key, to be sent as soon as this one is settled. */
  async successor(event: Pick<WebhookEventRow, 'ordering_key' | 'seq'>): Promise<string | null> {
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT id FROM ${this.t.webhook_events} WHERE ordering_key = $1 AND seq > $2 AND status = 'pending' ORDER BY seq LIMIT 1`,
      [event.ordering_key, event.seq],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Pending events overdue by more than `graceMs`, unlocked and first in their ordering key: their
   * queue entry was lost (a crash between commit and enqueue, a Redis flush) and must be re-added.
   */
  async overdue(graceMs: number, limit = 1_000): Promise<{ id: string; attempts: number }[]> {
    const { rows } = await this.pool.query<{ id: string; attempts: number }>(
      `SELECT e.id, e.attempts FROM ${this.t.webhook_events} e
       WHERE e.status = 'pending' AND e.next_attempt_at < now() - ($1::int * interval '1 millisecond')
         AND (e.locked_until IS NULL OR e.locked_until < now())
         AND NOT EXISTS (SELECT 1 FROM ${this.t.webhook_events} p WHERE p.ordering_key = e.ordering_key AND p.seq < e.seq AND p.status = 'pending')
       ORDER BY e.next_attempt_at LIMIT $2`,
      [graceMs, limit],
    );
    return rows;
  }
}

/**
 * The secrets a team's event is signed with, read at send time so a rotation applies to events
 * already waiting: the current one, and the previous one while the rotation overlaps. Null for an
 * operator's event (the worker's WEBHOOK_SECRET signs it).
 */
async function teamSecrets(db: Queryable, t: Tables, teamId: string | null): Promise<string[] | null> {
  if (!teamId) return null;
  const { rows } = await db.query<{ webhook_secret: string; previous_webhook_secret: string | null; overlapping: boolean }>(
    `SELECT webhook_secret, previous_webhook_secret, COALESCE(previous_secret_expires_at > now(), false) AS overlapping FROM ${t.teams} WHERE id = $1`,
    [teamId],
  );
  const team = rows[0];
  if (!team) return null;
  return team.overlapping && team.previous_webhook_secret ? [team.webhook_secret, team.previous_webhook_secret] : [team.webhook_secret];
}

/**
 * The id of an earlier event of the same ordering key and URL that the receiver answered 410 Gone,
 * if this event is one the sender would send on its own: never attempted and never redelivered (a
 * redelivery moves next_attempt_at past created_at). An operator's redelivery is always sent.
 */
async function goneBefore(db: Queryable, t: Tables, event: WebhookEventRow): Promise<string | null> {
  if (event.attempts > 0 || event.next_attempt_at.getTime() > event.created_at.getTime()) return null;
  const { rows } = await db.query<{ id: string }>(
    `SELECT e.id FROM ${t.webhook_events} e
     WHERE e.ordering_key = $1 AND e.seq < $2 AND e.url = $3 AND e.status = 'gone'
       AND EXISTS (SELECT 1 FROM ${t.webhook_attempts} a WHERE a.event_id = e.id AND a.status_code = 410)
     ORDER BY e.seq DESC LIMIT 1`,
    [event.ordering_key, event.seq, event.url],
  );
  return rows[0]?.id ?? null;
}
