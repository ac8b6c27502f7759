import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ApiKeyRecord, AuditEntryRecord, CreatedApiKeyRecord, CreateTeamRequest, TeamRecord, UpdateTeamRequest } from '@jobgate/contracts';
import { NotFoundError } from '@jobgate/errors';
import type { Caller } from './caller';
import { runIntent, type IntentContext } from './intent-context';

export interface TeamSystemOptions {
  /** WEBHOOK_SECRET_OVERLAP_S: how long a rotated-out secret keeps signing alongside the new one; default 86 400 s. */
  secretOverlapSec?: number;
}

/** The recognisable prefix of team keys, so secret scanners can find leaked ones. */
export const TEAM_KEY_PREFIX = 'jg_';

/**
 * Teams, their keys and secrets. Every operator action is one transaction with its audit entry;
 * keys are stored as SHA-256 hashes and shown once; authentication reads the key's row on every
 * request, so a revoked key is refused at once on every api replica.
 */
export class TeamSystem {
  constructor(
    private readonly ctx: IntentContext,
    private readonly options: TeamSystemOptions = {},
  ) {}

  async createTeam(request: CreateTeamRequest, actor: string): Promise<TeamRecord> {
    return runIntent(this.ctx, async ({ tx }) => {
      const team = await tx.teams.create({
        id: randomUUID(),
        name: request.name,
        weight: request.weight,
        maxActiveJobs: request.max_active_jobs,
        maxQueuedJobs: request.max_queued_jobs,
        webhookUrl: request.webhook_url,
        webhookSecret: newWebhookSecret(),
      });
      await tx.teams.audit({ actor, action: 'team.created', teamId: team.id, target: team.name, details: settingsOf(request) });
      return team;
    });
  }

  async updateTeam(id: string, patch: UpdateTeamRequest, actor: string): Promise<TeamRecord> {
    return runIntent(this.ctx, async ({ tx }) => {
      const team = await tx.teams.update(id, patch);
      if (!team) throw new NotFoundError('team', id);
      await tx.teams.audit({ actor, action: 'team.updated', teamId: id, target: team.name, details: settingsOf(patch) });
      return team;
    });
  }

  async createKey(teamId: string, name: string, actor: string): Promise<CreatedApiKeyRecord> {
    const key = `${TEAM_KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
    return runIntent(this.ctx, async ({ tx }) => {
      if (!(await tx.teams.get(teamId))) throw new NotFoundError('team', teamId);
      const stored = await tx.teams.addKey({ id: randomUUID(), teamId, name, hash: hashKey(key), prefix: key.slice(0, TEAM_KEY_PREFIX.length + 8) });
      await tx.teams.audit({ actor, action: 'api_key.created', teamId, target: stored.id, details: { name } });
      return { ...stored, key };
    });
  }

  async revokeKey(teamId: string, keyId: string, actor: string): Promise<void> {
    await runIntent(this.ctx, async ({ tx }) => {
      if (!(await tx.teams.revokeKey(teamId, keyId))) throw new NotFoundError('api key', keyId);
      await tx.teams.audit({ actor, action: 'api_key.revoked', teamId, target: keyId });
    });
  }

  /** A new secret; for the overlap both sign every delivery (`v1,<new> v1,<old>`), so receivers switch without a gap. */
  async rotateSecret(teamId: string, actor: string): Promise<TeamRecord> {
    const overlapSec = this.options.secretOverlapSec ?? 86_400;
    return runIntent(this.ctx, async ({ tx }) => {
      const team = await tx.teams.rotateSecret(teamId, newWebhookSecret(), overlapSec);
      if (!team) throw new NotFoundError('team', teamId);
      await tx.teams.audit({ actor, action: 'webhook_secret.rotated', teamId, target: team.name, details: { overlap_sec: overlapSec } });
      return team;
    });
  }

  /** The team a presented team key speaks for; null for anything else. */
  async authenticate(presented: string): Promise<Caller | null> {
    if (!presented.startsWith(TEAM_KEY_PREFIX)) return null;
    const found = await this.ctx.store.teams.findCaller(hashKey(presented));
    return found && { kind: 'team', keyId: found.keyId, teamId: found.teamId, teamName: found.teamName };
  }

  async team(id: string): Promise<TeamRecord> {
    const team = await this.ctx.store.teams.get(id);
    if (!team) throw new NotFoundError('team', id);
    return team;
  }

  teamByName(name: string): Promise<TeamRecord | null> {
    return this.ctx.store.teams.getByName(name);
  }

  teams(): Promise<TeamRecord[]> {
    return this.ctx.store.teams.list();
  }

  async keys(teamId: string): Promise<ApiKeyRecord[]> {
    await this.team(teamId);
    return this.ctx.store.teams.keys(teamId);
  }

  auditLog(options: { cursor?: string; limit?: number; teamId?: string }): Promise<{ items: AuditEntryRecord[]; next_cursor: string | null }> {
    return this.ctx.store.teams.auditLog({ before: options.cursor, limit: options.limit, teamId: options.teamId });
  }
}

function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** What an audit entry records of a change: the settings, never a secret. */
function settingsOf(request: UpdateTeamRequest): Record<string, unknown> {
  return Object.fromEntries(Object.entries(request).filter(([k]) => k !== 'name'));
}
