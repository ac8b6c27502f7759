import type { ChartConfiguration, TooltipItem } from 'chart.js';
import { useMemo } from 'preact/hooks';
import type { SweepTrial } from '../api/types';
import { parameterPoints, type ChartPoint } from '../lib/chart-points';
import { ChartCanvas } from './chart-canvas';
import { CHART_COLORS, bestPointStyle } from './chart-setup';

export interface ParameterChartProps {
  trials: SweepTrial[];
  parameters: string[];
  parameter: string;
  onParameter: (name: string) => void;
  metric: string;
  bestTrial: number | null;
}

/** The metric against one parameter (a select picks which), one point per trial that reported it. */
export function ParameterChart({ trials, parameters, parameter, onParameter, metric, bestTrial }: ParameterChartProps) {
  const { points, numeric } = parameterPoints(trials, parameter, metric);
  const key = JSON.stringify([points, numeric, bestTrial]);
  const config = useMemo(() => scatterConfig({ points, numeric, parameter, metric, bestTrial }), [key, parameter, metric]);
  return (
    <figure class="chart card">
      <figcaption>
        <label for="chart-parameter">{metric} against</label>{' '}
        <select id="chart-parameter" value={parameter} onChange={(e) => onParameter(e.currentTarget.value)}>
          {parameters.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </figcaption>
      <ChartCanvas config={config} label={`Scatter chart of ${metric} against ${parameter} for ${points.length} trials`} />
    </figure>
  );
}

interface ScatterInput {
  points: ChartPoint[];
  numeric: boolean;
  parameter: string;
  metric: string;
  bestTrial: number | null;
}

function scatterConfig({ points, numeric, parameter, metric, bestTrial }: ScatterInput): ChartConfiguration<'scatter'> {
  const isBest = (i: number) => points[i]?.trial === bestTrial;
  // Text parameters get a category axis, its labels in first-seen order.
  const labels = numeric ? undefined : [...new Set(points.map((p) => String(p.x)))];
  return {
    type: 'scatter',
    data: {
      labels,
      datasets: [
        {
          label: metric,
          data: points as unknown as { x: number; y: number }[],
          ...bestPointStyle(isBest, 4),
        },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { type: numeric ? 'linear' : 'category', title: { display: true, text: parameter, color: CHART_COLORS.text }, grid: { color: CHART_COLORS.grid } },
        y: { title: { display: true, text: metric, color: CHART_COLORS.text }, grid: { color: CHART_COLORS.grid } },
      },
      plugins: {
        tooltip: { callbacks: { label: (item: TooltipItem<'scatter'>) => tooltipLabel(points[item.dataIndex], parameter, metric) } },
      },
    },
  };
}

function tooltipLabel(point: ChartPoint | undefined, parameter: string, metric: string): string {
  return point ? `trial ${point.trial}: ${parameter} = ${point.x}, ${metric} = ${point.y}` : '';
}
