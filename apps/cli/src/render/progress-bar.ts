import type { JobStatus } from '@jobgate/contracts/records';
import type { SweepProgress } from '../sweep-progress';

/** The order statuses are listed in a progress line: the good news first, failures last. */
const STATUS_DISPLAY_ORDER: readonly JobStatus[] = ['succeeded', 'running', 'canceling', 'submitted', 'submitting', 'queued', 'pending', 'failed', 'canceled'];

/**
 * One progress line, e.g. `[#####=====.....] 12/40 succeeded 5 · running 3 · queued 2 · failed 1`.
 * In the bar `#` is finished trials, `=` active ones (queued or in ModelArts), `.` the rest; the
 * figure is finished/total. Pure: the width is the bar's inside, in characters.
 */
export function renderProgressLine(progress: Pick<SweepProgress, 'total' | 'counts' | 'finished' | 'active'>, barWidth: number): string {
  const bar = renderBar(progress, barWidth);
  const counts = renderCounts(progress.counts);
  return `[${bar}] ${progress.finished}/${progress.total}${counts ? ` ${counts}` : ''}`;
}

/** Cells are cumulative and rounded down, so the bar is full only when every trial has finished. */
export function renderBar(progress: Pick<SweepProgress, 'total' | 'finished' | 'active'>, width: number): string {
  const total = Math.max(progress.total, progress.finished + progress.active, 1);
  const finishedCells = Math.floor((progress.finished / total) * width);
  const startedCells = Math.floor(((progress.finished + progress.active) / total) * width);
  return '#'.repeat(finishedCells) + '='.repeat(startedCells - finishedCells) + '.'.repeat(width - startedCells);
}

/** `succeeded 5 · running 3`: statuses with trials, in display order. */
export function renderCounts(counts: Partial<Record<JobStatus, number>>): string {
  return STATUS_DISPLAY_ORDER.filter((status) => (counts[status] ?? 0) > 0)
    .map((status) => `${status} ${counts[status]}`)
    .join(' · ');
}

/** Cuts a line to the terminal width: a wrapped line cannot be redrawn in place with `\r`. */
export function fitToWidth(line: string, columns: number): string {
  return line.length < columns ? line : `${line.slice(0, Math.max(columns - 2, 0))}…`;
}
