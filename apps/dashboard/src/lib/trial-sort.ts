import type { SweepTrial } from '../api/types';

/**
 * A trials-table column: `trial`, `status`, `p:<parameter>` or `m:<metric>`. Kept in the page URL
 * (`?sort=m:loss&dir=desc`) so the order survives live refreshes and reloads.
 */
type SortDirection = 'asc' | 'desc';

export interface TrialSort {
  column: string;
  direction: SortDirection;
}

const DEFAULT_TRIAL_SORT: TrialSort = { column: 'trial', direction: 'asc' };

export function parseTrialSort(search: string): TrialSort {
  const params = new URLSearchParams(search);
  const column = params.get('sort') || DEFAULT_TRIAL_SORT.column;
  const direction = params.get('dir') === 'desc' ? 'desc' : 'asc';
  return { column, direction };
}

export function trialSortSearch(sort: TrialSort): string {
  if (sort.column === DEFAULT_TRIAL_SORT.column && sort.direction === DEFAULT_TRIAL_SORT.direction) return '';
  return `?${new URLSearchParams({ sort: sort.column, dir: sort.direction }).toString()}`;
}

/** Clicking the sorted column flips it; another column starts ascending. */
export function toggleSort(current: TrialSort, column: string): TrialSort {
  if (current.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: 'asc' };
}

/**
 * A stable sort by one column. Numbers compare as numbers (parameters arrive as strings such as
 * "0.001"), everything else as text; trials without a value go last in either direction, so the
 * ones that reported a metric stay on top.
 */
export function sortTrials(trials: readonly SweepTrial[], sort: TrialSort): SweepTrial[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return trials
    .map((trial, index) => ({ trial, index, value: cellValue(trial, sort.column) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) return a.value === b.value ? a.index - b.index : a.value === null ? 1 : -1;
      return sign * compareValues(a.value, b.value) || a.index - b.index;
    })
    .map((entry) => entry.trial);
}

function cellValue(trial: SweepTrial, column: string): string | number | null {
  if (column === 'trial') return trial.trial;
  if (column === 'status') return trial.status;
  if (column.startsWith('p:')) return trial.parameters[column.slice(2)] ?? null;
  if (column.startsWith('m:')) return trial.metrics?.[column.slice(2)] ?? null;
  return null;
}

function compareValues(a: string | number, b: string | number): number {
  const x = typeof a === 'number' ? a : numeric(a);
  const y = typeof b === 'number' ? b : numeric(b);
  if (x !== null && y !== null) return x - y;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

function numeric(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** Every parameter and metric name among the trials, in first-seen order, for the table's columns. */
export function trialColumns(trials: readonly SweepTrial[]): { parameters: string[]; metrics: string[] } {
  const parameters = new Set<string>();
  const metrics = new Set<string>();
  for (const trial of trials) {
    for (const name of Object.keys(trial.parameters)) parameters.add(name);
    for (const name of Object.keys(trial.metrics ?? {})) metrics.add(name);
  }
  return { parameters: [...parameters], metrics: [...metrics] };
}
