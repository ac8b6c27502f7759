import type { ApiKeyRecord, AuditEntryRecord, TeamRecord, UpdateTeamRequest } from '@jobgate/contracts';
import { ACTIVE_STATUSES, WAITING_STATUSES } from '@jobgate/contracts';
import { ConflictError } from '@jobgate/errors';
import type { Queryable } from './with-transaction';
import type { Tables } from './tables';

interface TeamRow {
  id: string;
  name: string;
  weight: number;
  max_active_jobs: number | null;
  max_queued_jobs: number | null;
  webhook_url: string | null;
  webhook_secret: string;
  previous_webhook_secret: string | null;
  previous_secret_expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** Who a team key speaks for. */
export interface TeamCaller {
  keyId: string;
  teamId: string;
  teamName: string;
}

export interface NewTeam {
  id: string;
  name: string;
  weight?: number;
  maxActiveJobs?: number | null;
  maxQueuedJobs?: number | null;
  webhookUrl?: string | null;
  webhookSecret: string;
}

export interface NewAuditEntry {
  actor: string;
  action: string;
  teamId?: string | null;
  target?: string | null;
  details?: Record<string, unknown>;
}

const UNIQUE_VIOLATION = '23505';

/** Teams, their API keys (hashes only) and the operators' audit log. */
export class TeamRepository {
  constructor(
    private readonly db: Queryable,
    private readonly t: Tables,
  ) {}

  async create(team: NewTeam): Promise<TeamRecord> {
    try {
      const { rows } = await this.db.query<TeamRow>(
        `INSERT INTO ${this.t.teams} (id, name, weight, max_active_jobs, max_queued_jobs, webhook_url, webhook_secret)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
        [team.id, team.name, team.weight ?? 1, team.maxActiveJobs ?? null, team.maxQueuedJobs ?? null, team.webhookUrl ?? null, team.webhookSecret],
      );
      return (await this.withUsage(rows))[0]!;
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw new ConflictError(`a team named "${team.name}" already exists`, 'team_name_taken');
      throw err;
    }
  }

  async get(id: string): Promise<TeamRecord | null> {
    const { rows } = await this.db.query<TeamRow>(`SELECT * FROM ${this.t.teams} WHERE id = $1`, [id]);
    return (await this.withUsage(rows))[0] ?? null;
  }

  async getByName(name: string): Promise<TeamRecord | null> {
    const { rows } = await this.db.query<TeamRow>(`SELECT * FROM ${this.t.teams} WHERE name = $1`, [name]);
    return (await this.withUsage(rows))[0] ?? null;
  }

  async list(): Promise<TeamRecord[]> {
    const { rows } = await this.db.query<TeamRow>(`SELECT * FROM ${this.t.teams} ORDER BY name`);
    return this.withUsage(rows);
  }

  /** Applies the fields present in `patch` (absent = unchanged, null = no limit / no receiver). */
  async update(id: string, patch: UpdateTeamRequest): Promise<TeamRecord | null> {
    const { rows } = await this.db.query<TeamRow>(
      `UPDATE ${this.t.teams} SET
         weight = CASE WHEN $2 THEN $3::int ELSE weight END,
         max_active_jobs = CASE WHEN $4 THEN $5::int ELSE max_active_jobs END,
         max_queued_jobs = CASE WHEN $6 THEN $7::int ELSE max_queued_jobs END,
         webhook_url = CASE WHEN $8 THEN $9::text ELSE webhook_url END,
         updated_at = now()
       WHERE id = $1 RETURNING *`,
      [
        id,
        patch.weight !== undefined,
        patch.weight ?? null,
        patch.max_active_jobs !== undefined,
        patch.max_active_jobs ?? null,
        patch.max_queued_jobs !== undefined,
        patch.max_queued_jobs ?? null,
        patch.webhook_url !== undefined,
        patch.webhook_url ?? null,
      ],
    );
    return (await this.withUsage(rows))[0] ?? null;
  }

  /** A new secret; the old one keeps signing alongside until `overlapSec` from now. */
  async rotateSecret(id: string, secret: string, overlapSec: number): Promise<TeamRecord | null> {
    const { rows } = await this.db.query<TeamRow>(
      `UPDATE ${this.t.teams} SET previous_webhook_secret = webhook_secret, webhook_secret = $2,
         previous_secret_expires_at = now() + ($3::int * interval '1 second'), updated_at = now()
       WHERE id = $1 RETURNING *`,
      [id, secret, overlapSec],
    );
    return (await this.withUsage(rows))[0] ?? null;
  }

  async addKey(key: { id: string; teamId: string; name: string; hash: string; prefix: string }): Promise<{ id: string; name: string; created_at: string }> {
    const { rows } = await this.db.query<{ id: string; name: string; created_at: Date }>(
      `INSERT INTO ${this.t.api_keys} (id, team_id, name, key_hash, prefix) VALUES ($1, $2, $3, $4, $5) RETURNING id, name, created_at`,
      [key.id, key.teamId, key.name, key.hash, key.prefix],
    );
    const row = rows[0]!;
    return { id: row.id, name: row.name, created_at: row.created_at.toISOString() };
  }

  async keys(teamId: string): Promise<ApiKeyRecord[]> {
    const { rows } = await this.db.query<{ id: string; name: string; prefix: string; created_at: Date; revoked_at: Date | null }>(
      `SELECT id, name, prefix, created_at, revoked_at FROM ${this.t.api_keys} WHERE team_id = $1 ORDER BY created_at, id`,
      [teamId],
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      prefix: r.prefix,
      created_at: r.created_at.toISOString(),
      revoked_at: r.revoked_at?.toISOString() ?? null,
    }));
  }

  /** Revokes a key of the team; false when the team has no such key. Revoking twice keeps the first time. */
  async revokeKey(teamId: string, keyId: string): Promise<boolean> {
    const { rowCount } = await this.db.query(`UPDATE ${this.t.api_keys} SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 AND team_id = $2`, [
      keyId,
      teamId,
    ]);
    return (rowCount ?? 0) > 0;
  }

  /** The team a live key speaks for; null for an unknown or revoked key. Read on every request, so a revocation applies at once. */
  async findCaller(keyHash: string): Promise<TeamCaller | null> {
    const { rows } = await this.db.query<TeamCaller>(
      `SELECT k.id AS "keyId", t.id AS "teamId", t.name AS "teamName" FROM ${this.t.api_keys} k JOIN ${this.t.teams} t ON t.id = k.team_id
       WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
      [keyHash],
    );
    return rows[0] ?? null;
  }

  async audit(entry: NewAuditEntry): Promise<void> {
    await this.db.query(`INSERT INTO ${this.t.audit_log} (actor, action, team_id, target, details) VALUES ($1, $2, $3, $4, $5)`, [
      entry.actor,
      entry.action,
      entry.teamId ?? null,
      entry.target ?? null,
      JSON.stringify(entry.details ?? {}),
    ]);
  }

  /** Newest first; `before` is the id of the last entry of the previous page. */
  async auditLog(options: { before?: string; limit?: number; teamId?: string } = {}): Promise<{ items: AuditEntryRecord[]; next_cursor: string | null }> {
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
    const { rows } = await this.db.query<{
      id: string;
      at: Date;
      actor: string;
      action: string;
      team_id: string | null;
      target: string | null;
      details: Record<string, unknown>;
    }>(
      `SELECT id::text, at, actor, action, team_id, target, details FROM ${this.t.audit_log}
       WHERE ($1::bigint IS NULL OR id < $1::bigint) AND ($2::uuid IS NULL OR team_id = $2::uuid)
       ORDER BY id DESC LIMIT $3`,
      [options.before ?? null, options.teamId ?? null, limit + 1],
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        actor: r.actor,
        action: r.action,
        team_id: r.team_id,
        target: r.target,
        details: r.details,
      })),
      next_cursor: rows.length > limit ? page[page.length - 1]!.id : null,
    };
  }

  /** Queued (waiting) and active job counts per team, in one query. */
  async usage(teamIds: readonly string[]): Promise<Map<string, { queued: number; active: number }>> {
    const usage = new Map(teamIds.map((id) => [id, { queued: 0, active: 0 }]));
    if (teamIds.length === 0) return usage;
    const { rows } = await this.db.query<{ team_id: string; queued: string; active: string }>(
      `SELECT team_id, count(*) FILTER (WHERE status = ANY($2::text[])) AS queued, count(*) FILTER (WHERE status = ANY($3::text[])) AS active
       FROM ${this.t.jobs} WHERE team_id = ANY($1::uuid[]) AND status = ANY($2::text[] || $3::text[]) GROUP BY team_id`,
      [teamIds, WAITING_STATUSES, ACTIVE_STATUSES],
    );
    for (const r of rows) usage.set(r.team_id, { queued: Number(r.queued), active: Number(r.active) });
    return usage;
  }

  private async withUsage(rows: TeamRow[]): Promise<TeamRecord[]> {
    const usage = await this.usage(rows.map((r) => r.id));
    return rows.map((r) => {
      const u = usage.get(r.id)!;
      return {
        id: r.id,
        name: r.name,
        weight: r.weight,
        max_active_jobs: r.max_active_jobs,
        max_queued_jobs: r.max_queued_jobs,
        webhook_url: r.webhook_url,
        webhook_secret: r.webhook_secret,
        previous_secret_expires_at:
          r.previous_secret_expires_at && r.previous_secret_expires_at > new Date() ? r.previous_secret_expires_at.toISOString() : null,
        usage: { queued: u.queued, active: u.active, share: u.active / r.weight },
        created_at: r.created_at.toISOString(),
        updated_at: r.updated_at.toISOString(),
      };
    });
  }
}
