import { isFinishedSweep } from '@jobgate/contracts/records';
import { useApi } from '../api/api-context';
import { useIsOperator } from '../api/identity-context';
import { EmptyState } from '../components/empty-state';
import { LiveHint } from '../components/live-hint';
import { LoadStatus } from '../components/load-status';
import { PageTitle } from '../components/page-title';
import { Pager } from '../components/pager';
import { SweepsTable } from '../components/sweeps-table';
import { usePolling } from '../hooks/use-polling';
import { nextTrail, pageNumber, previousTrail } from '../lib/page-trail';
import { navigate } from '../router/history';

const PAGE_SIZE = 25;

/** Sweeps, newest first, each with a progress bar of its trials; live while any is unfinished. */
export function SweepsPage({ search }: { search: string }) {
  const client = useApi();
  const operator = useIsOperator();
  const after = new URLSearchParams(search).getAll('after').filter((c) => c !== '');
  const cursor = after[after.length - 1];
  const query = { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) };
  const polled = usePolling((signal) => client.call((api) => api.GET('/v1/sweeps', { params: { query }, signal })), {
    key: JSON.stringify(query),
    keepAcrossKeys: true,
    keepPolling: (page) => page.items.length === 0 || page.items.some((s) => !isFinishedSweep(s.status)),
  });
  const go = (trail: string[]) => navigate(`/sweeps${trail.length ? `?${trail.map((c) => `after=${encodeURIComponent(c)}`).join('&')}` : ''}`);
  const page = polled.error?.kind === 'problem' ? undefined : polled.data;
  const live = !page || page.items.length === 0 || page.items.some((s) => !isFinishedSweep(s.status));
  return (
    <section>
      <div class="page-head">
        <PageTitle>Sweeps</PageTitle>
        <LiveHint live={live} busy={polled.busy} idle="every sweep shown has ended (reload to see new ones)" />
      </div>
      <LoadStatus polled={polled} />
      {page && page.items.length === 0 && (
        <EmptyState title={after.length ? 'No more sweeps.' : 'No sweeps yet — submit one with POST /v1/sweeps'}>
          {!after.length && <p>A sweep expands a template job over a grid or random search space into trials.</p>}
        </EmptyState>
      )}
      {page && page.items.length > 0 && <SweepsTable sweeps={page.items} showTeam={operator} />}
      {page && (
        <Pager
          page={pageNumber(after)}
          hasPrevious={after.length > 0}
          hasNext={page.next_cursor !== null}
          onPrevious={() => go(previousTrail(after))}
          onNext={() => page.next_cursor && go(nextTrail(after, page.next_cursor))}
        />
      )}
    </section>
  );
}
