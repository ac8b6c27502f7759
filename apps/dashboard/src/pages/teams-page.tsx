import { useApi } from '../api/api-context';
import { useIdentity } from '../api/identity-context';
import { CreateTeamForm } from '../components/create-team-form';
import { EmptyState } from '../components/empty-state';
import { LiveHint } from '../components/live-hint';
import { LoadStatus } from '../components/load-status';
import { PageTitle } from '../components/page-title';
import { TeamsTable } from '../components/teams-table';
import { usePolling } from '../hooks/use-polling';
import { navigate } from '../router/history';
import { Link } from '../router/link';
import { teamHref } from '../router/routes';

/** Operators only: every team with its weight, caps and live usage, and a form to create one. */
export function TeamsPage() {
  const identity = useIdentity();
  if (identity === null)
    return (
      <p class="loading" role="status">
        Loading…
      </p>
    );
  if (identity.kind !== 'operator') return <NotForThisKey team={identity.kind === 'team' ? identity.team.name : null} />;
  return <TeamsList />;
}

function TeamsList() {
  const client = useApi();
  // Usage changes as jobs come and go: always live.
  const polled = usePolling((signal) => client.call((api) => api.GET('/v1/teams', { signal })), { key: 'teams', keepPolling: () => true });
  const teams = polled.error?.kind === 'problem' ? undefined : polled.data?.items;
  return (
    <section>
      <div class="page-head">
        <PageTitle>Teams</PageTitle>
        <LiveHint live busy={polled.busy} idle="" />
      </div>
      <p class="muted">
        Each team's keys see only its jobs and sweeps. ModelArts capacity goes to the team with the lowest share (active jobs ÷ weight) first; caps stop a team
        from taking more than its own.
      </p>
      <LoadStatus polled={polled} />
      {teams && teams.length === 0 && <EmptyState title="No teams yet — create one below." />}
      {teams && teams.length > 0 && <TeamsTable teams={teams} />}
      <CreateTeamForm onCreated={(team) => navigate(teamHref(team.id))} />
    </section>
  );
}

function NotForThisKey({ team }: { team: string | null }) {
  return (
    <section>
      <PageTitle>Teams</PageTitle>
      <EmptyState title="Teams are managed with an operator key.">
        <p>{team ? `This key belongs to team ${team}: it sees that team's jobs and sweeps only.` : 'This jobgate has no teams.'}</p>
        <p>
          <Link href="/ui/jobs">Go to the job list</Link>
        </p>
      </EmptyState>
    </section>
  );
}
