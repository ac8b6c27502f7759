import type { SweepDetail } from '../api/types';
import { formatMetric, formatTime } from '../lib/format';
import { Link } from '../router/link';
import { jobHref } from '../router/routes';
import { Fact } from './fact';
import { StatusBadge } from './status-badge';
import { TeamName } from './team-name';

/** The sweep's settings and its best trial so far. */
export function SweepFacts({ sweep }: { sweep: SweepDetail }) {
  const best = sweep.best_trial;
  const objective = sweep.objective;
  return (
    <dl class="facts">
      <Fact term="Status">
        <StatusBadge status={sweep.status} />
      </Fact>
      <Fact term="ID">
        <code>{sweep.id}</code>
      </Fact>
      <Fact term="Team">
        <TeamName team={sweep.team} />
      </Fact>
      <Fact term="Method">
        {sweep.method}
        {sweep.seed !== null ? ` (seed ${sweep.seed})` : ''}
      </Fact>
      <Fact term="Trials">
        {sweep.trial_count}, at most {sweep.max_parallel} at once
      </Fact>
      <Fact term="Failure budget">{sweep.max_failed_trials === null ? 'no limit' : `${sweep.max_failed_trials} failed trials`}</Fact>
      {sweep.early_stopping && (
        <Fact term="Early stopping">
          {sweep.early_stopping.type}, from step {sweep.early_stopping.start_step ?? 3} with {sweep.early_stopping.min_trials ?? 5} other trials ·{' '}
          {sweep.early_stopped} stopped early
        </Fact>
      )}
      {sweep.reporting && <Fact term="Reporting">each trial has its own report URL and token</Fact>}
      <Fact term="Objective">{objective ? `${objective.goal} ${objective.metric}` : 'none'}</Fact>
      <Fact term="Best trial">
        {best ? (
          <span>
            <Link href={jobHref(best.id)}>trial {best.trial}</Link>
            {objective ? ` · ${objective.metric} = ${formatMetric(best.metrics?.[objective.metric])}` : ''}
          </span>
        ) : (
          '—'
        )}
      </Fact>
      <Fact term="Created">
        <time dateTime={sweep.created_at}>{formatTime(sweep.created_at)}</time>
      </Fact>
      <Fact term="Finished">{sweep.finished_at ? <time dateTime={sweep.finished_at}>{formatTime(sweep.finished_at)}</time> : '—'}</Fact>
    </dl>
  );
}
