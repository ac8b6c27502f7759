import { UsageError } from './cli-error';

/**
 * Reads `--label` values. `key=value` and `key:value` are both accepted everywhere: jobgate's label
 * keys cannot hold `=` or `:`, so the first of them always ends the key.
 */
export function parseLabelFlags(raw: readonly string[], command: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const item of raw) {
    const [key, value] = splitLabel(item, command);
    labels[key] = value;
  }
  return labels;
}

/** The `key:value` form the list API's `label` query parameter takes. */
export function labelFilters(raw: readonly string[], command: string): string[] {
  return raw.map((item) => splitLabel(item, command).join(':'));
}

function splitLabel(item: string, command: string): [string, string] {
  const at = item.search(/[=:]/);
  if (at <= 0) throw new UsageError(`--label must be key=value (or key:value), got "${item}"`, command);
  return [item.slice(0, at), item.slice(at + 1)];
}
