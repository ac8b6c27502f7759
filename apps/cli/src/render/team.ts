import type { TeamRecord } from '@jobgate/contracts/records';
import { renderFields, renderTable, shortTime } from './table';

/** `jobgate teams show`: settings, usage and the webhook secret the team verifies its webhooks with. */
export function renderTeamDetails(team: TeamRecord): string {
  const overlap = team.previous_secret_expires_at;
  return renderFields([
    ['team', `${team.id} (${team.name})`],
    ['weight', String(team.weight)],
    ['max active', limit(team.max_active_jobs)],
    ['max queued', limit(team.max_queued_jobs)],
    ['usage', `queued ${team.usage.queued} · active ${team.usage.active} · share ${share(team.usage.share)}`],
    ['webhook', team.webhook_url],
    ['webhook secret', team.webhook_secret],
    ['old secret', overlap ? `also signs until ${shortTime(overlap)}` : undefined],
    ['created', shortTime(team.created_at)],
  ]);
}

/** `jobgate teams list`: one row per team, the id first so it can be copied into other commands. */
export function renderTeamTable(teams: readonly TeamRecord[]): string {
  const rows = teams.map((t) => [
    t.id,
    t.name,
    String(t.weight),
    limit(t.max_active_jobs),
    limit(t.max_queued_jobs),
    String(t.usage.queued),
    String(t.usage.active),
    share(t.usage.share),
  ]);
  return renderTable(['ID', 'NAME', 'WEIGHT', 'MAX ACTIVE', 'MAX QUEUED', 'QUEUED', 'ACTIVE', 'SHARE'], rows);
}

/** `teams create`: what was created. */
export function renderTeamCreated(team: TeamRecord): string {
  return `created team ${team.name} (${team.id})`;
}

/** A cap, or `-` for none of the team's own (the gateway-wide limits still apply). */
function limit(value: number | null): string {
  return value === null ? '-' : String(value);
}

/** Active jobs per unit of weight; two decimals tell teams apart without float noise. */
function share(value: number): string {
  return String(Math.round(value * 100) / 100);
}
