import type { ChartConfiguration, TooltipItem } from 'chart.js';
import { useMemo } from 'preact/hooks';
import type { SweepTrial } from '../api/types';
import { trialOrderPoints, type ChartPoint } from '../lib/chart-points';
import { ChartCanvas } from './chart-canvas';
import { CHART_COLORS, bestPointStyle } from './chart-setup';

/** The metric by trial number: how the search went in the order trials ran. */
export function TrialOrderChart({ trials, metric, bestTrial }: { trials: SweepTrial[]; metric: string; bestTrial: number | null }) {
  const points = trialOrderPoints(trials, metric);
  const key = JSON.stringify([points, bestTrial]);
  const config = useMemo(() => lineConfig(points, metric, bestTrial), [key, metric]);
  return (
    <figure class="chart card">
      <figcaption>{metric} by trial</figcaption>
      <ChartCanvas config={config} label={`Line chart of ${metric} by trial number for ${points.length} trials`} />
    </figure>
  );
}

function lineConfig(points: ChartPoint[], metric: string, bestTrial: number | null): ChartConfiguration<'line'> {
  const isBest = (i: number) => points[i]?.trial === bestTrial;
  return {
    type: 'line',
    data: {
      datasets: [
        {
          label: metric,
          data: points as unknown as { x: number; y: number }[],
          borderColor: CHART_COLORS.line,
          ...bestPointStyle(isBest, 3),
        },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: {
          type: 'linear',
          title: { display: true, text: 'trial', color: CHART_COLORS.text },
          ticks: { stepSize: 1, precision: 0 },
          grid: { color: CHART_COLORS.grid },
        },
        y: { title: { display: true, text: metric, color: CHART_COLORS.text }, grid: { color: CHART_COLORS.grid } },
      },
      plugins: {
        tooltip: {
          callbacks: {
            label: (item: TooltipItem<'line'>) =>
              points[item.dataIndex] ? `trial ${points[item.dataIndex]!.trial}: ${metric} = ${points[item.dataIndex]!.y}` : '',
          },
        },
      },
    },
  };
}
