import type { ChartConfiguration, TooltipItem } from 'chart.js';
import { isFinishedSweep } from '@jobgate/contracts/records';
import { useMemo } from 'preact/hooks';
import { useApi } from '../api/api-context';
import type { SweepWithTrials } from '@jobgate/contracts/records';
import { usePolling } from '../hooks/use-polling';
import { curveLines, type CurveLine } from '../lib/chart-points';
import { ChartCanvas } from './chart-canvas';
import { CHART_COLORS } from './chart-setup';

// Trials told apart by colour; the best trial always gets the highlight colour.
const PALETTE = ['#2f6fde', '#0f766e', '#7c3aed', '#b45309', '#be185d', '#4d7c0f', '#0369a1', '#9333ea'];

/**
 * Every trial's learning curve of the objective by step (reported with `{"step": n}`): the best
 * trial in the highlight colour, trials median stopping cut short dashed. Refreshed while the sweep
 * runs; nothing is drawn until a trial reports a step.
 */
export function LearningCurvesChart({ sweep }: { sweep: SweepWithTrials }) {
  const client = useApi();
  const polled = usePolling((signal) => client.call((api) => api.GET('/v1/sweeps/{id}/curves', { params: { path: { id: sweep.id } }, signal })), {
    key: `curves:${sweep.id}`,
    keepPolling: () => !isFinishedSweep(sweep.status),
  });
  const metric = polled.data?.metric;
  const lines = curveLines(polled.data?.curves ?? [], sweep.trials, sweep.best_trial?.trial ?? null);
  const key = JSON.stringify(lines);
  const config = useMemo(() => curvesConfig(lines, metric ?? ''), [key, metric]);
  if (!metric || lines.length === 0) return null;
  const stopped = lines.filter((l) => l.earlyStopped).length;
  return (
    <figure class="chart card">
      <figcaption>
        {metric} by step{stopped > 0 ? ` (${stopped} stopped early, dashed)` : ''}
      </figcaption>
      <ChartCanvas config={config} label={`Line chart of ${metric} by step for ${lines.length} trials`} />
    </figure>
  );
}

function curvesConfig(lines: CurveLine[], metric: string): ChartConfiguration<'line'> {
  return {
    type: 'line',
    data: {
      datasets: lines.map((line, i) => {
        const color = line.best ? CHART_COLORS.best : PALETTE[i % PALETTE.length]!;
        return {
          label: `trial ${line.trial}`,
          data: line.points,
          borderColor: color,
          backgroundColor: color,
          borderWidth: line.best ? 3 : 1.5,
          borderDash: line.earlyStopped ? [6, 4] : [],
          pointRadius: 2,
        };
      }),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { type: 'linear', title: { display: true, text: 'step', color: CHART_COLORS.text }, ticks: { precision: 0 }, grid: { color: CHART_COLORS.grid } },
        y: { title: { display: true, text: metric, color: CHART_COLORS.text }, grid: { color: CHART_COLORS.grid } },
      },
      plugins: {
        tooltip: { callbacks: { label: (item: TooltipItem<'line'>) => `${item.dataset.label}, step ${item.parsed.x}: ${metric} = ${item.parsed.y}` } },
      },
    },
  };
}
