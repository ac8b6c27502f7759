import { UsageError } from './cli-error';

/** Told once per `--label` written the old way; the command prints it on stderr. */
export type LabelWarning = (message: string) => void;

/**
 * Reads `--label key=value` values (submit and list alike). jobgate's label keys cannot hold `=`
 * or `:`, so the first `=` always ends the key and a value may hold anything, `=` and `:` too.
 * The old `key:value` form (which `list` used to take) is still read, with a warning naming the
 * new form: it is found when a `:` comes before any `=`.
 */
export function parseLabelFlags(raw: readonly string[], command: string, warn: LabelWarning): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const item of raw) {
    const [key, value] = splitLabel(item, command, warn);
    labels[key] = value;
  }
  return labels;
}

/** The `key:value` form the list API's `label` query parameter takes. */
export function labelFilters(raw: readonly string[], command: string, warn: LabelWarning): string[] {
  return raw.map((item) => splitLabel(item, command, warn).join(':'));
}

function splitLabel(item: string, command: string, warn: LabelWarning): [string, string] {
  const at = item.search(/[=:]/);
  if (at <= 0) throw new UsageError(`--label must be key=value, got "${item}"`, command);
  const [key, value] = [item.slice(0, at), item.slice(at + 1)];
  if (item[at] === ':')
    warn(`warning: --label ${item} is the old key:value form; write --label ${key}=${value} (key:value will be refused in a later version)`);
  return [key, value];
}
