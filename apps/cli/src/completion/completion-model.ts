import { GLOBAL_OPTIONS } from '../cli-args';
import { groupMembers, type CommandSpec } from '../command-spec';

/** The shells `jobgate completion` writes a script for. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** What one word may complete to: fixed values, a path, or nothing the script can know. */
export type Completion = readonly string[] | 'files' | null;

interface CompletionFlag {
  /** `--name` */
  long: string;
  /** `-f`, when the flag has a short form. */
  short?: string;
  /** True when the flag takes a value (the next word is that value, not a positional). */
  takesValue: boolean;
  value: Completion;
  help: string;
}

/** One place of the command line the scripts complete: a command (or a group, or the top level). */
export interface CompletionNode {
  /** The command words typed so far: `''` (top level), `teams` (a group), `teams create`, `help`. */
  path: string;
  summary: string;
  flags: CompletionFlag[];
  /** What each positional argument completes to, in order. */
  args: Completion[];
}

export interface CompletionModel {
  /** The words that start a command line: single commands, group names once, `help`. */
  topWords: Array<{ word: string; summary: string }>;
  /** Groups and the second words they take. */
  groups: Array<{ group: string; members: Array<{ word: string; summary: string }> }>;
  nodes: CompletionNode[];
  /** Flags every command takes. */
  globalFlags: CompletionFlag[];
}

const GLOBAL_HELP: Record<string, string> = {
  json: "print the API's JSON instead of text",
  url: 'jobgate base URL',
  'api-key': 'API key',
  'interval-ms': 'poll interval of --wait and --watch in ms',
  help: 'show help',
};

/**
 * Reads the CLI's own command table into what a completion script needs, so the scripts are always
 * generated from the commands that exist and never drift from them.
 */
export function completionModel(commands: readonly CommandSpec[]): CompletionModel {
  const firstWords = [...new Set(commands.map((c) => c.name.split(' ')[0]!))];
  const groups = firstWords
    .filter((word) => groupMembers(commands, word).length > 0)
    .map((group) => ({ group, members: groupMembers(commands, group).map((c) => ({ word: c.name.slice(group.length + 1), summary: c.summary })) }));
  const topWords = firstWords.map((word) => ({ word, summary: commands.find((c) => c.name === word)?.summary ?? `${word} commands` }));
  topWords.push({ word: 'help', summary: 'show help for every command, or one' });
  const nodes: CompletionNode[] = commands.map((spec) => ({
    path: spec.name,
    summary: spec.summary,
    flags: Object.entries(spec.options).map(([name, option]) => ({
      long: `--${name}`,
      short: option.short === undefined ? undefined : `-${option.short}`,
      takesValue: option.type === 'string',
      value: option.type === 'string' ? (spec.completions?.[name] ?? null) : null,
      help: flagHelp(spec, name),
    })),
    args: spec.args.map((arg) => spec.completions?.[arg] ?? null),
  }));
  nodes.push({ path: 'help', summary: 'show help', flags: [], args: [topWords.filter((w) => w.word !== 'help').map((w) => w.word)] });
  const globalFlags: CompletionFlag[] = Object.entries(GLOBAL_OPTIONS).map(([name, option]) => ({
    long: `--${name}`,
    short: 'short' in option ? `-${option.short}` : undefined,
    takesValue: option.type === 'string',
    value: null,
    help: GLOBAL_HELP[name] ?? '',
  }));
  return { topWords, groups, nodes, globalFlags };
}

/** The explanation `jobgate help <command>` gives the flag, without its value placeholder. */
function flagHelp(spec: CommandSpec, name: string): string {
  const entry = spec.optionHelp.find(([flag]) => flag.split(/[ ,]+/).includes(`--${name}`));
  return entry?.[1] ?? '';
}
