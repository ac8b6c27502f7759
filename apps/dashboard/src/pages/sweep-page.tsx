import { isFinishedSweep } from '@jobgate/contracts/records';
import { useApi } from '../api/api-context';
import { loadSweep } from '../api/load-sweep';
import type { SweepDetail } from '../api/types';
import { ConfirmAction } from '../components/confirm-action';
import { EmptyState } from '../components/empty-state';
import { LiveHint } from '../components/live-hint';
import { LoadStatus } from '../components/load-status';
import { PageTitle } from '../components/page-title';
import { RawJson } from '../components/raw-json';
import { SweepCharts } from '../components/sweep-charts';
import { SweepFacts } from '../components/sweep-facts';
import { SweepProgressBar } from '../components/sweep-progress-bar';
import { TrialsTable } from '../components/trials-table';
import { usePolling } from '../hooks/use-polling';
import { parseTrialSort, toggleSort, trialSortSearch } from '../lib/trial-sort';
import { navigate } from '../router/history';
import { Link } from '../router/link';
import { sweepHref } from '../router/routes';

/** One sweep: progress, trials (sortable, best highlighted), charts of the objective, cancel. */
export function SweepPage({ id, search }: { id: string; search: string }) {
  const client = useApi();
  const polled = usePolling((signal) => loadSweep(client, id, signal), {
    key: `sweep:${id}`,
    keepPolling: (sweep) => !isFinishedSweep(sweep.status),
  });
  const sweep = polled.error?.kind === 'problem' ? undefined : polled.data;
  // The sort lives in the URL (replaced, not pushed: re-sorting is not a page to go back to).
  const sort = parseTrialSort(search);
  const onSort = (column: string) => navigate(`${sweepHref(id)}${trialSortSearch(toggleSort(sort, column))}`, { replace: true });
  return (
    <section>
      <p class="crumbs">
        <Link href="/ui/sweeps">← Sweeps</Link>
      </p>
      <div class="page-head">
        <PageTitle>{sweep ? sweep.name : 'Sweep'}</PageTitle>
        {sweep && <LiveHint live={!isFinishedSweep(sweep.status)} busy={polled.busy} idle="the sweep has ended" />}
      </div>
      <LoadStatus
        polled={polled}
        notFound={
          <p>
            <Link href="/ui/sweeps">Back to the sweep list</Link>
          </p>
        }
      />
      {sweep && (
        <>
          <div class="card">
            <SweepProgressBar sweep={sweep} legend />
            <SweepFacts sweep={sweep} />
            <CancelSweep sweep={sweep} onDone={polled.reload} />
          </div>
          <h2>Trials</h2>
          {sweep.trials.length === 0 ? (
            <EmptyState title="This sweep has no trials." />
          ) : (
            <TrialsTable trials={sweep.trials} sort={sort} onSort={onSort} bestId={sweep.best_trial?.id ?? null} />
          )}
          <h2>Objective</h2>
          <SweepCharts sweep={sweep} />
          <RawJson value={sweep} summary="Raw sweep record (JSON)" />
        </>
      )}
    </section>
  );
}

function CancelSweep({ sweep, onDone }: { sweep: SweepDetail; onDone: () => void }) {
  const client = useApi();
  const run = async () => {
    const after = await client.call((api) => api.POST('/v1/sweeps/{id}/cancel', { params: { path: { id: sweep.id } } }));
    onDone();
    return after.status === 'canceled' ? 'Sweep canceled.' : `Cancel requested: the sweep is ${after.status} while its running trials stop.`;
  };
  const ended = isFinishedSweep(sweep.status);
  return (
    <ConfirmAction
      label="Cancel sweep"
      confirmLabel="Yes, cancel sweep"
      run={run}
      question={`Cancel ${sweep.name}? Waiting trials are dropped and running ones stopped.`}
      disabledReason={ended ? `The sweep has ended (${sweep.status}): nothing to cancel.` : sweep.status === 'canceling' ? 'Already canceling.' : null}
    />
  );
}
