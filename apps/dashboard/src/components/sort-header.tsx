import type { TrialSort } from '../lib/trial-sort';

export interface SortHeaderProps {
  column: string;
  label: string;
  sort: TrialSort;
  onSort: (column: string) => void;
}

/** A column header that sorts by its column: a real button inside the th, aria-sort on the th. */
export function SortHeader({ column, label, sort, onSort }: SortHeaderProps) {
  const active = sort.column === column;
  const ariaSort = active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <th scope="col" aria-sort={ariaSort}>
      <button type="button" class="sort-button" onClick={() => onSort(column)}>
        {label}
        <span class="sort-arrow" aria-hidden="true">
          {active ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}
