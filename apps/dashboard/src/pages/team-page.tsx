import { useApi } from '../api/api-context';
import { useIdentity } from '../api/identity-context';
import { loadTeamView } from '../api/load-team-view';
import type { TeamRecord } from '../api/types';
import { ApiKeysSection } from '../components/api-keys-section';
import { ConfirmAction } from '../components/confirm-action';
import { LiveHint } from '../components/live-hint';
import { LoadStatus } from '../components/load-status';
import { PageTitle } from '../components/page-title';
import { TeamFacts } from '../components/team-facts';
import { usePolling } from '../hooks/use-polling';
import { formatTime } from '../lib/format';
import { jobListSearch, EMPTY_JOB_LIST_QUERY } from '../lib/job-list-query';
import { Link } from '../router/link';
import { TeamsPage } from './teams-page';

/** One team (operators): settings, usage, webhook secret and its rotation, API keys. */
export function TeamPage({ id }: { id: string }) {
  const identity = useIdentity();
  // A team key gets the Teams page's explanation, not a 403 from the API.
  if (identity?.kind !== 'operator') return <TeamsPage />;
  return <TeamDetails id={id} />;
}

function TeamDetails({ id }: { id: string }) {
  const client = useApi();
  const polled = usePolling((signal) => loadTeamView(client, id, signal), { key: `team:${id}`, keepPolling: () => true });
  const view = polled.error?.kind === 'problem' ? undefined : polled.data;
  return (
    <section>
      <p class="crumbs">
        <Link href="/ui/teams">← Teams</Link>
      </p>
      <div class="page-head">
        <PageTitle>{view ? view.team.name : 'Team'}</PageTitle>
        {view && <LiveHint live busy={polled.busy} idle="" />}
      </div>
      <LoadStatus
        polled={polled}
        notFound={
          <p>
            <Link href="/ui/teams">Back to the team list</Link>
          </p>
        }
      />
      {view && (
        <>
          <div class="card">
            <TeamFacts team={view.team} />
            <p>
              <Link href={`/ui/jobs${jobListSearch({ ...EMPTY_JOB_LIST_QUERY, team: view.team.name })}`}>{`Jobs of ${view.team.name}`}</Link>
            </p>
            <RotateSecret team={view.team} onDone={polled.reload} />
          </div>
          <ApiKeysSection team={view.team} keys={view.keys} onChanged={polled.reload} />
        </>
      )}
    </section>
  );
}

function RotateSecret({ team, onDone }: { team: TeamRecord; onDone: () => void }) {
  const client = useApi();
  const run = async () => {
    const after = await client.call((api) => api.POST('/v1/teams/{id}/webhook-secret/rotate', { params: { path: { id: team.id } } }));
    onDone();
    const until = after.previous_secret_expires_at;
    return `New webhook secret in place.${until ? ` Webhooks carry signatures of both secrets until ${formatTime(until)}.` : ''}`;
  };
  return (
    <ConfirmAction
      label="Rotate webhook secret"
      confirmLabel="Yes, rotate secret"
      run={run}
      disabledReason={null}
      question={`Rotate the webhook secret of ${team.name}? For a while webhooks are signed with both the old and the new secret; the team's receivers must switch to the new one before the old one stops signing.`}
    />
  );
}
