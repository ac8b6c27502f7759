/** Cursor paging for lists whose URL keeps the walked cursors as repeated `after` parameters. */
export function nextTrail(after: readonly string[], nextCursor: string): string[] {
  return [...after, nextCursor];
}

export function previousTrail(after: readonly string[]): string[] {
  return after.slice(0, -1);
}

/** 1-based number of the page the trail points at. */
export function pageNumber(after: readonly string[]): number {
  return after.length + 1;
}
