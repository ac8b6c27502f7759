import type { ParseArgsConfig } from 'node:util';
import type { ApiClient } from './api-client';
import { UsageError } from './cli-error';
import type { Output } from './output';

/** Flag values as `util.parseArgs` returns them. */
export type Flags = Record<string, string | boolean | Array<string | boolean> | undefined>;

/** Everything a command needs; built once by runCli, faked in tests. */
export interface CommandContext {
  /** The command's positional arguments, already counted against `CommandSpec.args`. */
  positionals: string[];
  /** The command's own flags (global ones are resolved into the fields below). */
  flags: Flags;
  /** `--json`: print the API's JSON, one document, on stdout. */
  json: boolean;
  /** Poll interval for --wait and --watch; default 2000. */
  intervalMs: number;
  client: ApiClient;
  output: Output;
  sleep(ms: number): Promise<void>;
  /** Every command, for commands about the CLI itself (`completion`). */
  commands: readonly CommandSpec[];
}

/** One `jobgate <command>`: its command line, its help and what it does. */
export interface CommandSpec {
  /** One word, or two for a command of a group (`teams create`: group `teams`, command `create`). */
  name: string;
  /** The usage line without the leading `jobgate `. */
  synopsis: string;
  /** One line for the command overview. */
  summary: string;
  /** Names of the positional arguments, all required, in order. */
  args: string[];
  /** The command's own flags, in `util.parseArgs` form. */
  options: NonNullable<ParseArgsConfig['options']>;
  /** `[flag, explanation]` pairs for `jobgate help <command>`. */
  optionHelp: Array<[string, string]>;
  /**
   * For shell completion: what a flag's value or a positional argument (by its name in `args`) may
   * be — a fixed list, or `files` for a path. Anything not named here completes nothing.
   */
  completions?: Record<string, readonly string[] | 'files'>;
  /** Talks to no jobgate (`completion`): JOBGATE_URL is not read, so a wrong one cannot stop it. */
  offline?: boolean;
  /** Runs the command and returns its exit code. */
  run(ctx: CommandContext): Promise<number>;
}

/** The commands of a group (`teams` → `teams create`, `teams list`, …); none when `group` is not one. */
export function groupMembers(commands: readonly CommandSpec[], group: string): CommandSpec[] {
  return commands.filter((c) => c.name.startsWith(`${group} `));
}

export function stringFlag(flags: Flags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}

export function listFlag(flags: Flags, name: string): string[] {
  const value = flags[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

export function booleanFlag(flags: Flags, name: string): boolean {
  return flags[name] === true;
}

/** A whole number of at least `min`, or a usage error naming the flag. */
export function integerFlag(flags: Flags, name: string, options: { min: number; command: string }): number | undefined {
  const text = stringFlag(flags, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < options.min) {
    throw new UsageError(`--${name} must be a whole number of at least ${options.min}, got "${text}"`, options.command);
  }
  return value;
}
