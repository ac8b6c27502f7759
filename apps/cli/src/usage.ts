import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { groupMembers, type CommandSpec } from './command-spec';

const GLOBAL_HELP: Array<[string, string]> = [
  ['--json', "print the API's JSON (one document) instead of text"],
  ['--url URL', 'jobgate base URL (default: $JOBGATE_URL, else http://127.0.0.1:8080)'],
  ['--api-key KEY', 'API key (default: $JOBGATE_API_KEY)'],
  ['--interval-ms N', 'poll interval of --wait and --watch in ms (default: 2000)'],
  ['-h, --help', 'show help'],
];

const EXIT_CODES = [
  'Exit codes:',
  '  0 ok                       1 job/sweep failed or canceled (--wait, --watch)',
  '  2 invalid input or usage   3 API key rejected    4 not found',
  '  5 conflict                 6 jobgate unreachable 7 jobgate server error',
].join('\n');

/** `jobgate help`: every command; `jobgate help <command>`: that command's flags; `help <group>`: its commands. */
export function renderUsage(commands: readonly CommandSpec[], topic?: string): string {
  const spec = topic === undefined ? undefined : commands.find((c) => c.name === topic);
  if (spec) return commandUsage(spec);
  const members = topic === undefined ? [] : groupMembers(commands, topic);
  return members.length ? groupUsage(topic!, members) : overview(commands);
}

/** After a usage error: the right usage line and where the full help is, not the whole help. */
export function renderShortUsage(commands: readonly CommandSpec[], topic?: string): string {
  const spec = topic === undefined ? undefined : commands.find((c) => c.name === topic);
  if (spec) return `Usage: jobgate ${spec.synopsis}\nRun "jobgate help ${spec.name}" for its flags.\n`;
  const members = topic === undefined ? [] : groupMembers(commands, topic);
  if (members.length) {
    const names = members.map((c) => c.name.slice(topic!.length + 1)).join(', ');
    return `Usage: jobgate ${topic} <command> [arguments] [flags]\nCommands: ${names}\nRun "jobgate help ${topic}" for details.\n`;
  }
  // A group is listed once, by its own name.
  const names = [...new Set(commands.map((c) => c.name.split(' ')[0]!)), 'help'].join(', ');
  return `Usage: jobgate <command> [arguments] [flags]\nCommands: ${names}\nRun "jobgate help" for details.\n`;
}

/** The CLI's version, from its package.json (next to both `src/` and `dist/`). */
export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

function overview(commands: readonly CommandSpec[]): string {
  const rows: Array<[string, string]> = commands.map((c) => [c.synopsis.split(' [')[0]!, c.summary]);
  rows.push(['help [command]', 'show help for every command, or one']);
  return [
    'jobgate — submit and follow ModelArts training jobs and sweeps through a jobgate gateway',
    '',
    'Usage: jobgate <command> [arguments] [flags]',
    '',
    'Commands:',
    ...columns(rows),
    '',
    'Flags of every command:',
    ...columns([...GLOBAL_HELP, ['--version', 'print the version']]),
    '',
    EXIT_CODES,
    '',
  ].join('\n');
}

function groupUsage(group: string, members: readonly CommandSpec[]): string {
  return [
    `Usage: jobgate ${group} <command> [arguments] [flags]`,
    '',
    'Commands:',
    ...columns(members.map((c) => [c.synopsis.split(' [')[0]!, c.summary])),
    '',
    `Run "jobgate help ${group} <command>" for a command's flags.`,
    '',
  ].join('\n');
}

function commandUsage(spec: CommandSpec): string {
  const lines = [`Usage: jobgate ${spec.synopsis}`, '', `${spec.summary.charAt(0).toUpperCase()}${spec.summary.slice(1)}.`, ''];
  if (spec.optionHelp.length > 0) lines.push('Arguments and flags:', ...columns(spec.optionHelp), '');
  lines.push('Flags of every command:', ...columns(GLOBAL_HELP), '', EXIT_CODES, '');
  return lines.join('\n');
}

function columns(rows: Array<[string, string]>): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}
