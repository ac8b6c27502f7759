import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-error';
import { booleanFlag, groupMembers, integerFlag, stringFlag, type CommandSpec, type Flags } from './command-spec';

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

interface GlobalFlags {
  json: boolean;
  url?: string;
  apiKey?: string;
  intervalMs: number;
}

export type ParsedArgs =
  { kind: 'help'; topic?: string } | { kind: 'version' } | { kind: 'command'; spec: CommandSpec; positionals: string[]; flags: Flags; global: GlobalFlags };

/**
 * Reads `jobgate [global flags] <command> [args and flags in any order]`. Each command has its own
 * flag table (`--sweep` is a value for `list` but a switch for `cancel`), so the command is found
 * first, then the rest is parsed strictly against that command's table. A group's command is two
 * words (`teams create`).
 */
export function parseCliArgs(argv: readonly string[], commands: readonly CommandSpec[]): ParsedArgs {
  const found = findCommand(argv, commands);
  if (!found) return parseTopLevel(argv);
  const rest = argv.filter((_, i) => !found.indexes.includes(i));
  if (found.name === 'help') return parseHelp(rest, commands);
  const spec = commands.find((c) => c.name === found.name);
  if (spec) return parseCommand(spec, rest);
  if (groupMembers(commands, found.name).length > 0) return parseBareGroup(found.name, rest, commands);
  const group = found.name.split(' ')[0]!;
  throw new UsageError(`unknown command "${found.name}"`, groupMembers(commands, group).length > 0 ? group : undefined);
}

/**
 * The first positional (and the second, when the first names a group), read with a lenient table
 * where no flag can swallow the command name.
 */
function findCommand(argv: readonly string[], commands: readonly CommandSpec[]): { name: string; indexes: number[] } | undefined {
  const options: Options = { ...GLOBAL_OPTIONS, version: { type: 'boolean', short: 'V' } };
  for (const spec of commands) {
    for (const [name, option] of Object.entries(spec.options)) {
      if (options[name]?.type !== 'boolean') options[name] = { type: option.type };
    }
  }
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  const [first, second] = tokens.filter((t) => t.kind === 'positional');
  if (!first) return undefined;
  if (!second || groupMembers(commands, first.value).length === 0) return { name: first.value, indexes: [first.index] };
  return { name: `${first.value} ${second.value}`, indexes: [first.index, second.index] };
}

/** `jobgate teams` alone: its help when asked for, else which commands it has. */
function parseBareGroup(group: string, rest: readonly string[], commands: readonly CommandSpec[]): ParsedArgs {
  const { values } = strictParse(rest, GLOBAL_OPTIONS, group);
  if (values.help === true) return { kind: 'help', topic: group };
  const names = groupMembers(commands, group).map((c) => c.name.slice(group.length + 1));
  throw new UsageError(`"${group}" needs a command: ${names.join(', ')}`, group);
}

function parseTopLevel(argv: readonly string[]): ParsedArgs {
  const { values } = strictParse(argv, { ...GLOBAL_OPTIONS, version: { type: 'boolean', short: 'V' } });
  if (values.version === true) return { kind: 'version' };
  if (values.help === true) return { kind: 'help' };
  throw new UsageError('no command given');
}

/** `help`, `help <command>`, `help <group>` or `help <group> <command>`. */
function parseHelp(rest: readonly string[], commands: readonly CommandSpec[]): ParsedArgs {
  const { positionals } = strictParse(rest, GLOBAL_OPTIONS);
  const topic = positionals.length ? positionals.join(' ') : undefined;
  const known = topic === undefined || commands.some((c) => c.name === topic) || groupMembers(commands, topic).length > 0;
  if (!known) throw new UsageError(`unknown command "${topic}"`);
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
