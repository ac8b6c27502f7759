import type { TeamRecord } from '../api/types';
import { formatLimit, formatShare } from '../lib/team-format';
import { Link } from '../router/link';
import { teamHref } from '../router/routes';

/** One row per team: its weight and caps, and what it uses now (waiting, in ModelArts, share). */
export function TeamsTable({ teams }: { teams: TeamRecord[] }) {
  return (
    <div class="table-scroll" role="region" aria-label="Teams" tabIndex={0}>
      <table class="teams-table">
        <thead>
          <tr>
            <th scope="col">Team</th>
            <th scope="col" class="num">
              Weight
            </th>
            <th scope="col" class="num">
              Max active
            </th>
            <th scope="col" class="num">
              Max queued
            </th>
            <th scope="col" class="num">
              Queued
            </th>
            <th scope="col" class="num">
              Active
            </th>
            <th scope="col" class="num" title="Active jobs ÷ weight: the team with the lowest share is served next">
              Share
            </th>
            <th scope="col">Webhook URL</th>
          </tr>
        </thead>
        <tbody>
          {teams.map((team) => (
            <tr key={team.id} data-team-id={team.id}>
              <td>
                <Link href={teamHref(team.id)}>{team.name}</Link>
              </td>
              <td class="num">{team.weight}</td>
              <td class="num">{formatLimit(team.max_active_jobs)}</td>
              <td class="num">{formatLimit(team.max_queued_jobs)}</td>
              <td class="num" data-usage="queued">
                {team.usage.queued}
              </td>
              <td class="num" data-usage="active">
                {team.usage.active}
              </td>
              <td class="num" data-usage="share">
                {formatShare(team.usage.share)}
              </td>
              <td>{team.webhook_url ? <code class="wrap">{team.webhook_url}</code> : <span class="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
