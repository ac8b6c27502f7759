import { isTerminal } from '@jobgate/contracts/records';
import { useApi } from '../api/api-context';
import { useIsOperator } from '../api/identity-context';
import { EmptyState } from '../components/empty-state';
import { JobFiltersForm } from '../components/job-filters-form';
import { JobsTable } from '../components/jobs-table';
import { LiveHint } from '../components/live-hint';
import { LoadStatus } from '../components/load-status';
import { PageTitle } from '../components/page-title';
import { Pager } from '../components/pager';
import { usePolling } from '../hooks/use-polling';
import { EMPTY_JOB_LIST_QUERY, hasFilters, jobListApiQuery, jobListSearch, parseJobListQuery, type JobListQuery } from '../lib/job-list-query';
import { nextTrail, pageNumber, previousTrail } from '../lib/page-trail';
import { navigate } from '../router/history';
import { Link } from '../router/link';

const PAGE_SIZE = 25;

/** The job list: filters and page in the URL, live while any job shown can still change. */
export function JobsPage({ search }: { search: string }) {
  const client = useApi();
  const query = parseJobListQuery(search);
  const apiQuery = jobListApiQuery(query, PAGE_SIZE);
  const polled = usePolling((signal) => client.call((api) => api.GET('/v1/jobs', { params: { query: apiQuery }, signal })), {
    key: JSON.stringify(apiQuery),
    keepAcrossKeys: true,
    // An empty first page stays live too: its empty state tells the user to submit a job.
    keepPolling: (page) => page.items.length === 0 || page.items.some((job) => !isTerminal(job.status)),
  });
  const operator = useIsOperator();
  const teamNames = useTeamNames(operator);
  const go = (next: JobListQuery) => navigate(`/jobs${jobListSearch(next)}`);
  const page = polled.error?.kind === 'problem' ? undefined : polled.data;
  const live = !page || page.items.length === 0 || page.items.some((job) => !isTerminal(job.status));
  return (
    <section>
      <div class="page-head">
        <PageTitle>Jobs</PageTitle>
        <LiveHint live={live} busy={polled.busy} idle="every job shown has ended (reload to see new ones)" />
      </div>
      <JobFiltersForm query={query} teams={operator ? teamNames : null} onApply={(filters) => go({ ...filters, after: [] })} />
      <LoadStatus polled={polled} />
      {page && page.items.length === 0 && <JobsEmpty query={query} />}
      {page && page.items.length > 0 && <JobsTable jobs={page.items} showTeam={operator} />}
      {page && (
        <Pager
          page={pageNumber(query.after)}
          hasPrevious={query.after.length > 0}
          hasNext={page.next_cursor !== null}
          onPrevious={() => go({ ...query, after: previousTrail(query.after) })}
          onNext={() => page.next_cursor && go({ ...query, after: nextTrail(query.after, page.next_cursor) })}
        />
      )}
    </section>
  );
}

/** The teams' names for the team filter, once (operators only: a team key would get a 403). */
function useTeamNames(operator: boolean): string[] {
  const client = useApi();
  const polled = usePolling(async (signal) => (operator ? (await client.call((api) => api.GET('/v1/teams', { signal }))).items.map((t) => t.name) : []), {
    key: `team-names:${operator}`,
    keepPolling: () => false,
  });
  return polled.data ?? [];
}

function JobsEmpty({ query }: { query: JobListQuery }) {
  if (query.after.length > 0)
    return (
      <EmptyState title="No more jobs.">
        <Link href={`/ui/jobs${jobListSearch({ ...query, after: [] })}`}>Back to the first page</Link>
      </EmptyState>
    );
  if (hasFilters(query))
    return (
      <EmptyState title="No jobs match these filters.">
        <Link href={`/ui/jobs${jobListSearch(EMPTY_JOB_LIST_QUERY)}`}>Show all jobs</Link>
      </EmptyState>
    );
  return (
    <EmptyState title="No jobs yet — submit one with POST /v1/jobs">
      <pre class="example">
        {
          'curl -X POST "$JOBGATE/v1/jobs" \\\n  -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" \\\n  -d \'{"training_job": {"job_name": "my-job", "config": {…}}}\''
        }
      </pre>
    </EmptyState>
  );
}
