import type { TeamRecord } from '../api/types';
import { formatTime } from '../lib/format';
import { formatLimit, formatShare } from '../lib/team-format';
import { Fact } from './fact';
import { WebhookSecret } from './webhook-secret';

/** A team's settings, its usage now and the secret its webhooks are signed with. */
export function TeamFacts({ team }: { team: TeamRecord }) {
  const overlap = team.previous_secret_expires_at;
  return (
    <dl class="facts">
      <Fact term="Name">
        <code>{team.name}</code>
      </Fact>
      <Fact term="ID">
        <code>{team.id}</code>
      </Fact>
      <Fact term="Weight">{team.weight}</Fact>
      <Fact term="Max active jobs">{formatLimit(team.max_active_jobs)}</Fact>
      <Fact term="Max queued jobs">{formatLimit(team.max_queued_jobs)}</Fact>
      <Fact term="Usage">
        <span data-usage>
          {team.usage.queued} queued · {team.usage.active} active · share {formatShare(team.usage.share)}
        </span>
      </Fact>
      <Fact term="Webhook URL">{team.webhook_url ? <code class="wrap">{team.webhook_url}</code> : 'none: only jobs that name a webhook_url get events'}</Fact>
      <Fact term="Webhook secret">
        <WebhookSecret secret={team.webhook_secret} />
      </Fact>
      <Fact term="Previous secret">
        {overlap ? (
          <span>
            also signs until <time dateTime={overlap}>{formatTime(overlap)}</time>
          </span>
        ) : (
          '—'
        )}
      </Fact>
      <Fact term="Created">
        <time dateTime={team.created_at}>{formatTime(team.created_at)}</time>
      </Fact>
    </dl>
  );
}
