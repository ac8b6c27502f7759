import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-error';
import { booleanFlag, integerFlag, stringFlag, type CommandSpec, type Flags } from './command-spec';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Flags every command takes. */
export const GLOBAL_OPTIONS = {
  json: { type: 'boolean' },
  url: { type: 'string' },
  'api-key': { type: 'string' },
  'interval-ms': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

export const DEFAULT_INTERVAL_MS = 2000;

export interface GlobalFlags {
  json: boolean;
  url?: string;
  apiKey?: string;
  intervalMs: number;
}

export type ParsedArgs =
  | { kind: 'help'; topic?: string }
  | { kind: 'version' }
  | { kind: 'command'; spec: CommandSpec; positionals: string[]; flags: Flags; global: GlobalFlags };

/**
 * Reads `jobgate [global flags] <command> [args and flags in any order]`. Each command has its own
 * flag table (`--sweep` is a value for `list` but a switch for `cancel`), so the command is found
 * first, then the rest is parsed strictly against that command's table.
 */
export function parseCliArgs(argv: readonly string[], commands: readonly CommandSpec[]): ParsedArgs {
  const found = findCommand(argv, commands);
  if (!found) return parseTopLevel(argv);
  const rest = argv.filter((_, i) => i !== found.index);
  if (found.name === 'help') return parseHelp(rest, commands);
  const spec = commands.find((c) => c.name === found.name);
  if (!spec) throw new UsageError(`unknown command "${found.name}"`);
  return parseCommand(spec, rest);
}

/** The first positional, read with a lenient table where no flag can swallow the command name. */
function findCommand(argv: readonly string[], commands: readonly CommandSpec[]): { name: string; index: number } | undefined {
  const options: Options = { ...GLOBAL_OPTIONS, version: { type: 'boolean', short: 'V' } };
  for (const spec of commands) {
    for (const [name, option] of Object.entries(spec.options)) {
      if (options[name]?.type !== 'boolean') options[name] = { type: option.type };
    }
  }
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  const token = tokens.find((t) => t.kind === 'positional');
  return token?.kind === 'positional' ? { name: token.value, index: token.index } : undefined;
}

function parseTopLevel(argv: readonly string[]): ParsedArgs {
  const { values } = strictParse(argv, { ...GLOBAL_OPTIONS, version: { type: 'boolean', short: 'V' } });
  if (values.version === true) return { kind: 'version' };
  if (values.help === true) return { kind: 'help' };
  throw new UsageError('no command given');
}

function parseHelp(rest: readonly string[], commands: readonly CommandSpec[]): ParsedArgs {
  const { positionals } = strictParse(rest, GLOBAL_OPTIONS);
  const topic = positionals[0];
  if (topic !== undefined && !commands.some((c) => c.name === topic)) throw new UsageError(`unknown command "${topic}"`);
  return { kind: 'help', topic };
}

function parseCommand(spec: CommandSpec, rest: readonly string[]): ParsedArgs {
  const { values, positionals } = strictParse(rest, { ...GLOBAL_OPTIONS, ...spec.options }, spec.name);
  if (values.help === true) return { kind: 'help', topic: spec.name };
  if (positionals.length < spec.args.length) throw new UsageError(`missing <${spec.args[positionals.length]}>`, spec.name);
  if (positionals.length > spec.args.length) throw new UsageError(`unexpected argument "${positionals[spec.args.length]}"`, spec.name);
  const global: GlobalFlags = {
    json: booleanFlag(values, 'json'),
    url: stringFlag(values, 'url'),
    apiKey: stringFlag(values, 'api-key'),
    intervalMs: integerFlag(values, 'interval-ms', { min: 1, command: spec.name }) ?? DEFAULT_INTERVAL_MS,
  };
  return { kind: 'command', spec, positionals, flags: values, global };
}

function strictParse(args: readonly string[], options: Options, command?: string): { values: Flags; positionals: string[] } {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (err) {
    throw new UsageError(describeParseError(err as Error & { code?: string }), command);
  }
}

/** Node's own messages are long and speak of "options"; the first sentence is what the user needs. */
function describeParseError(err: Error & { code?: string }): string {
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const flag = /'([^']+)'/.exec(err.message)?.[1];
    return `unknown flag ${flag ?? ''}`.trim();
  }
  const first = err.message.split('. ')[0] ?? err.message;
  return first.charAt(0).toLowerCase() + first.slice(1);
}
