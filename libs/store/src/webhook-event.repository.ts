import { hideReportToken, type DeliveryRecord, type SweepSummary } from '@jobgate/contracts';
import { randomUUID } from 'node:crypto';
import type { JobSnapshot } from './job-snapshot';
import type { Queryable } from './with-transaction';
import { jobEventType, toDeliveryRecord, type WebhookAttemptRow, type WebhookEventRow, type WebhookEventType } from './webhook-event';
import type { Tables } from './tables';

export interface WebhookEventRepositoryOptions {
  /** WEBHOOK_URL: the receiver of jobs created without a `webhook_url`; null = no event for them. */
  defaultUrl?: string | null;
  /** Clock for the payload's `timestamp`; default Date.now. */
  now?: () => number;
}

export interface NewWebhookEvent {
  /** Events with the same key are delivered in creation order (`job:<id>`, `sweep:<id>`). */
  orderingKey: string;
  jobId?: string | null;
  type: WebhookEventType;
  /** The subject's own receiver; null: its team's, else WEBHOOK_URL for operators' (no receiver: no event). */
  url: string | null;
  /** The owner, whose secret signs the event; null for operators' subjects. */
  teamId?: string | null;
  /** Becomes the payload's `data`. */
  data: unknown;
}

/** Creating, listing and re-sending webhook events (the delivery side is WebhookDeliveryRepository). */
export class WebhookEventRepository {
  constructor(
    private readonly pool: Queryable,
    private readonly t: Tables,
    private readonly options: WebhookEventRepositoryOptions = {},
  ) {}

  /**
   * Records the event for the job's current status, in the caller's transaction when `db` is one.
   * Returns the new event id; null when the status announces nothing, there is no receiver, or the
   * event already exists (so writers may call this again after a crash without duplicating it).
   */
  async recordForJob(job: JobSnapshot): Promise<string | null> {
    const type = jobEventType(job.status);
    if (!type) return null;
    return this.record({
      orderingKey: `job:${job.id}`,
      jobId: job.id,
      type,
      url: job.record.webhook_url,
      teamId: job.teamId,
      data: hideReportToken(job.record),
    });
  }

  /**
   * recordForJob for many jobs in one statement, in the order given (creation order is delivery
   * order, so a job's `before` must come before its `after`). Returns each one's new event id or null.
   */
  async recordForJobs(jobs: readonly JobSnapshot[]): Promise<(string | null)[]> {
    const defaultUrl = this.options.defaultUrl ?? null;
    const events = jobs.map((job) => {
      const type = jobEventType(job.status);
      // No URL of its own, no team, no WEBHOOK_URL: no receiver, so no payload worth building.
      if (job.record.webhook_url == null && job.teamId === null && defaultUrl === null) return null;
      return (
        type && {
          orderingKey: `job:${job.id}`,
          jobId: job.id,
          type,
          url: job.record.webhook_url ?? null,
          teamId: job.teamId,
          data: hideReportToken(job.record),
        }
      );
    });
    const wanted = events.flatMap((event, index) => (event ? [{ event, index, id: `msg_${randomUUID().replace(/-/g, '')}` }] : []));
    if (wanted.length === 0) return jobs.map(() => null);
    const timestamp = new Date((this.options.now ?? Date.now)()).toISOString();
    const { rows } = await this.pool.query<{ id: string }>(
      `INSERT INTO ${this.t.webhook_events} (id, ordering_key, job_id, type, payload, url, team_id)
       SELECT e.id, e.ordering_key, e.job_id, e.type, e.payload, receiver.url, e.team_id
       FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::uuid[]) WITH ORDINALITY
         AS e(id, ordering_key, job_id, type, payload, url, team_id, ord)
       CROSS JOIN LATERAL (
         SELECT COALESCE(e.url, CASE WHEN e.team_id IS NULL THEN $8::text ELSE (SELECT webhook_url FROM ${this.t.teams} WHERE id = e.team_id) END) AS url
       ) receiver
       WHERE receiver.url IS NOT NULL
       ORDER BY e.ord
       ON CONFLICT (ordering_key, type) DO NOTHING RETURNING id`,
      [
        wanted.map((w) => w.id),
        wanted.map((w) => w.event.orderingKey),
        wanted.map((w) => w.event.jobId),
        wanted.map((w) => w.event.type),
        wanted.map((w) => JSON.stringify({ type: w.event.type, timestamp, data: w.event.data })),
        wanted.map((w) => w.event.url),
        wanted.map((w) => w.event.teamId ?? null),
        this.options.defaultUrl ?? null,
      ],
    );
    const inserted = new Set(rows.map((r) => r.id));
    const ids: (string | null)[] = jobs.map(() => null);
    for (const w of wanted) if (inserted.has(w.id)) ids[w.index] = w.id;
    return ids;
  }

  /** `sweep.completed` for a sweep that just ended, to its template's receiver (or WEBHOOK_URL). */
  async recordForSweep(summary: SweepSummary): Promise<string | null> {
    const { rows } = await this.pool.query<{ team_id: string | null }>(`SELECT team_id FROM ${this.t.sweeps} WHERE id = $1`, [summary.id]);
    return this.record({
      orderingKey: `sweep:${summary.id}`,
      type: 'sweep.completed',
      url: summary.template.webhook_url ?? null,
      teamId: rows[0]?.team_id ?? null,
      data: summary,
    });
  }

  async record(event: NewWebhookEvent): Promise<string | null> {
    const id = `msg_${randomUUID().replace(/-/g, '')}`;
    const timestamp = new Date((this.options.now ?? Date.now)()).toISOString();
    const payload = JSON.stringify({ type: event.type, timestamp, data: event.data });
    // The receiver: the subject's own URL, else its team's (teams' events), else WEBHOOK_URL (operators'
    // events). Read in the same statement, so a team's URL change applies to every event after it.
    const { rows } = await this.pool.query<{ id: string }>(
      `INSERT INTO ${this.t.webhook_events} (id, ordering_key, job_id, type, payload, url, team_id)
       SELECT $1, $2, $3, $4, $5, receiver.url, $7::uuid FROM (
         SELECT COALESCE($6::text, CASE WHEN $7::uuid IS NULL THEN $8::text ELSE (SELECT webhook_url FROM ${this.t.teams} WHERE id = $7::uuid) END) AS url
       ) receiver
       WHERE receiver.url IS NOT NULL
       ON CONFLICT (ordering_key, type) DO NOTHING RETURNING id`,
      [id, event.orderingKey, event.jobId ?? null, event.type, payload, event.url ?? null, event.teamId ?? null, this.options.defaultUrl ?? null],
    );
    return rows[0]?.id ?? null;
  }

  async get(id: string): Promise<DeliveryRecord | null> {
    const { rows } = await this.pool.query<WebhookEventRow>(`SELECT * FROM ${this.t.webhook_events} WHERE id = $1`, [id]);
    if (!rows[0]) return null;
    return toDeliveryRecord(rows[0], await this.attemptsOf([id]));
  }

  /** A job's events in delivery order, each with its attempts. */
  async listForJob(jobId: string): Promise<DeliveryRecord[]> {
    const { rows } = await this.pool.query<WebhookEventRow>(`SELECT * FROM ${this.t.webhook_events} WHERE job_id = $1 ORDER BY seq`, [jobId]);
    const attempts = await this.attemptsOf(rows.map((r) => r.id));
    return rows.map((row) =>
      toDeliveryRecord(
        row,
        attempts.filter((a) => a.event_id === row.id),
      ),
    );
  }

  /**
   * Makes the event due now with a fresh run of the retry schedule; same id, so the receiver sees
   * the same `webhook-id`. Null when there is no such event.
   */
  async requestRedelivery(id: string, teamId?: string): Promise<DeliveryRecord | null> {
    const { rows } = await this.pool.query<WebhookEventRow>(
      `UPDATE ${this.t.webhook_events} SET status = 'pending', next_attempt_at = now(), run_start_attempts = attempts
       WHERE id = $1 AND ($2::uuid IS NULL OR team_id = $2::uuid) RETURNING *`,
      [id, teamId ?? null],
    );
    if (!rows[0]) return null;
    return toDeliveryRecord(rows[0], await this.attemptsOf([id]));
  }

  private async attemptsOf(ids: string[]): Promise<WebhookAttemptRow[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.pool.query<WebhookAttemptRow>(
      `SELECT * FROM ${this.t.webhook_attempts} WHERE event_id = ANY($1::text[]) ORDER BY event_id, attempt`,
      [ids],
    );
    return rows;
  }
}
