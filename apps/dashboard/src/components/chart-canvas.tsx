import type { ChartConfiguration } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import { Chart } from './chart-setup';

export interface ChartCanvasProps {
  config: ChartConfiguration<'scatter' | 'line'>;
  /** What the chart shows, for assistive technology (the numbers are in the trials table). */
  label: string;
}

/**
 * One Chart.js chart. Created once; later configs replace its data and options in place with no
 * animation, so a live refresh redraws without flicker and keeps the tooltip the user is reading.
 */
export function ChartCanvas({ config, label }: ChartCanvasProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'scatter' | 'line'> | null>(null);
  useEffect(() => {
    chart.current = new Chart(canvas.current!, config);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [config.type]);
  useEffect(() => {
    const current = chart.current;
    if (!current) return;
    current.data = config.data;
    current.options = config.options ?? {};
    current.update('none');
  }, [config]);
  return (
    <div class="chart-box">
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
