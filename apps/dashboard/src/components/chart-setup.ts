import { CategoryScale, Chart, LinearScale, LineController, LineElement, PointElement, ScatterController, Tooltip } from 'chart.js';

// Only what the two charts use, so the rest of Chart.js stays out of the bundle.
Chart.register(ScatterController, LineController, PointElement, LineElement, LinearScale, CategoryScale, Tooltip);

/** Chart colours; canvas cannot read CSS variables, so they are repeated from styles.css. */
export const CHART_COLORS = { point: '#2f6fde', best: '#c2410c', line: '#6b8fd6', grid: '#e3e6ec', text: '#3b4252' };

export { Chart };

/** Point styling shared by both charts: the best trial drawn larger and in the highlight colour. */
export function bestPointStyle(isBest: (index: number) => boolean, radius: number) {
  const color = (ctx: { dataIndex: number }) => (isBest(ctx.dataIndex) ? CHART_COLORS.best : CHART_COLORS.point);
  return {
    pointRadius: (ctx: { dataIndex: number }) => (isBest(ctx.dataIndex) ? 7 : radius),
    pointBackgroundColor: color,
    pointBorderColor: color,
  };
}
