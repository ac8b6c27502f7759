import { useState } from 'preact/hooks';
import type { SweepWithTrials } from '@jobgate/contracts/records';
import { chartMetric } from '../lib/chart-points';
import { trialColumns } from '../lib/trial-sort';
import { EmptyState } from './empty-state';
import { LearningCurvesChart } from './learning-curves-chart';
import { ParameterChart } from './parameter-chart';
import { TrialOrderChart } from './trial-order-chart';

/** The objective metric (else the first reported one) against a parameter and by trial order. */
export function SweepCharts({ sweep }: { sweep: SweepWithTrials }) {
  const metric = chartMetric(sweep);
  const { parameters } = trialColumns(sweep.trials);
  const [chosen, setChosen] = useState<string | null>(null);
  const reported = metric ? sweep.trials.filter((t) => typeof t.metrics?.[metric] === 'number').length : 0;
  if (!metric || reported === 0) {
    return (
      <>
        <EmptyState title={`No final ${metric ?? 'metrics'} reported yet.`}>
          <p>
            Training code reports final metrics with <code>POST /v1/jobs/&#123;id&#125;/metrics</code>, and a learning curve with{' '}
            <code>&#123;"step": n&#125;</code>; the charts appear with the first one.
          </p>
        </EmptyState>
        <div class="charts">
          <LearningCurvesChart sweep={sweep} />
        </div>
      </>
    );
  }
  const parameter = chosen && parameters.includes(chosen) ? chosen : parameters[0];
  const bestTrial = sweep.best_trial?.trial ?? null;
  return (
    <div class="charts">
      {parameter && (
        <ParameterChart trials={sweep.trials} parameters={parameters} parameter={parameter} onParameter={setChosen} metric={metric} bestTrial={bestTrial} />
      )}
      <TrialOrderChart trials={sweep.trials} metric={metric} bestTrial={bestTrial} />
      <LearningCurvesChart sweep={sweep} />
    </div>
  );
}
