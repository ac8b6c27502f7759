import type { SweepTrial } from '../api/types';
import { formatMetric } from '../lib/format';
import { sortTrials, trialColumns, type TrialSort } from '../lib/trial-sort';
import { Link } from '../router/link';
import { jobHref } from '../router/routes';
import { SortHeader } from './sort-header';
import { StatusBadge } from './status-badge';

export interface TrialsTableProps {
  trials: SweepTrial[];
  sort: TrialSort;
  onSort: (column: string) => void;
  /** The best trial's job id, highlighted. */
  bestId: string | null;
}

/** Every trial with its parameters and metrics; any column sorts, the best trial stands out. */
export function TrialsTable({ trials, sort, onSort, bestId }: TrialsTableProps) {
  const { parameters, metrics } = trialColumns(trials);
  const rows = sortTrials(trials, sort);
  return (
    <div class="table-scroll" role="region" aria-label="Trials" tabIndex={0}>
      <table class="trials-table">
        <thead>
          <tr>
            <SortHeader column="trial" label="Trial" sort={sort} onSort={onSort} />
            <SortHeader column="status" label="Status" sort={sort} onSort={onSort} />
            {parameters.map((p) => (
              <SortHeader key={`p:${p}`} column={`p:${p}`} label={p} sort={sort} onSort={onSort} />
            ))}
            {metrics.map((m) => (
              <SortHeader key={`m:${m}`} column={`m:${m}`} label={m} sort={sort} onSort={onSort} />
            ))}
            <th scope="col">Job</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((trial) => {
            const best = trial.id === bestId;
            return (
              <tr key={trial.id} class={best ? 'best-trial' : undefined} data-trial={trial.trial} data-best={best ? 'true' : undefined}>
                <td>
                  {trial.trial}
                  {best && <span class="best-badge">★ best</span>}
                </td>
                <td>
                  <StatusBadge status={trial.status} />
                  {trial.early_stopped ? ' stopped early' : ''}
                </td>
                {parameters.map((p) => (
                  <td key={p} class="num">
                    {trial.parameters[p] ?? '—'}
                  </td>
                ))}
                {metrics.map((m) => (
                  <td key={m} class="num">
                    {formatMetric(trial.metrics?.[m])}
                  </td>
                ))}
                <td>
                  <Link href={jobHref(trial.id)}>{trial.job_name}</Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
