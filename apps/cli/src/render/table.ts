import { terminalSafe } from './terminal-safe';

/**
 * A compact text table: a header row, columns padded to their widest cell, two spaces between.
 * The last column is not padded, so lines carry no trailing spaces.
 */
export function renderTable(headers: readonly string[], rawRows: ReadonlyArray<readonly string[]>): string {
  // Escaped before the widths are measured, so a cell with a control character still lines up.
  const rows = rawRows.map((row) => row.map(terminalSafe));
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

/** `key: value` lines with the values aligned; rows without a value are left out. */
export function renderFields(fields: ReadonlyArray<readonly [string, string | undefined | null]>): string {
  const shown = fields
    .filter((f): f is readonly [string, string] => f[1] !== undefined && f[1] !== null && f[1] !== '')
    .map(([key, value]) => [key, terminalSafe(value)] as const);
  const width = Math.max(...shown.map(([key]) => key.length));
  return shown.map(([key, value]) => `${`${key}:`.padEnd(width + 1)}  ${value}`).join('\n');
}

/** `2024-05-01 12:00:03` (UTC) from an ISO-8601 time; as given when it is not one. */
export function shortTime(iso: string | null | undefined): string | undefined {
  if (!iso) return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]}` : iso;
}
