import { DEFAULT_INTERVAL_MS, parseCliArgs, type ParsedArgs } from './cli-args';
import { UsageError } from './cli-error';
import { COMMANDS } from './commands';

const parse = (...argv: string[]) => parseCliArgs(argv, COMMANDS);

function command(parsed: ParsedArgs) {
  if (parsed.kind !== 'command') throw new Error(`expected a command, got ${parsed.kind}`);
  return parsed;
}

function usageError(argv: string[]): UsageError {
  try {
    parse(...argv);
  } catch (err) {
    if (err instanceof UsageError) return err;
    throw err;
  }
  throw new Error(`${argv.join(' ')} parsed without error`);
}

describe('parseCliArgs', () => {
  it('reads a command, its argument and its flags in any order, with repeated labels', () => {
    const parsed = command(parse('submit', '--label', 'team=vision', 'job.yaml', '--wait', '--label', 'run=7', '--idempotency-key', 'k1'));
    expect(parsed.spec.name).toBe('submit');
    expect(parsed.positionals).toEqual(['job.yaml']);
    expect(parsed.flags).toMatchObject({ wait: true, label: ['team=vision', 'run=7'], 'idempotency-key': 'k1' });
    expect(parsed.global).toEqual({ json: false, url: undefined, apiKey: undefined, intervalMs: DEFAULT_INTERVAL_MS });
  });

  it('takes global flags before the command as well as after it', () => {
    const parsed = command(parse('--url', 'http://jobgate:9000', '--json', 'status', 'abc', '--api-key', 'k', '--interval-ms', '250'));
    expect(parsed.spec.name).toBe('status');
    expect(parsed.positionals).toEqual(['abc']);
    expect(parsed.global).toEqual({ json: true, url: 'http://jobgate:9000', apiKey: 'k', intervalMs: 250 });
  });

  it('reads --sweep as a value for list and as a switch for cancel', () => {
    expect(command(parse('list', '--sweep', 'S1', '--all')).flags).toMatchObject({ sweep: 'S1', all: true });
    const cancel = command(parse('cancel', '--sweep', 'S1'));
    expect(cancel.flags.sweep).toBe(true);
    expect(cancel.positionals).toEqual(['S1']);
  });

  it('reads a command of a group as two words, with its arguments and flags anywhere after them', () => {
    const parsed = command(parse('--json', 'keys', '--name', 'ci', 'create', 'vision'));
    expect(parsed.spec.name).toBe('keys create');
    expect(parsed.positionals).toEqual(['vision']);
    expect(parsed.flags).toMatchObject({ name: 'ci' });
    expect(parsed.global.json).toBe(true);
    expect(command(parse('keys', 'revoke', 'vision', 'k1')).positionals).toEqual(['vision', 'k1']);
    expect(parse('teams', 'create', '--help')).toEqual({ kind: 'help', topic: 'teams create' });
    expect(parse('teams', '--help')).toEqual({ kind: 'help', topic: 'teams' });
    expect(parse('help', 'teams', 'show')).toEqual({ kind: 'help', topic: 'teams show' });
  });

  it('refuses a group without its command, or with one it does not have, with the group as the usage topic', () => {
    expect(usageError(['teams'])).toMatchObject({ message: '"teams" needs a command: create, list, show', command: 'teams' });
    expect(usageError(['teams', 'delete', 'vision'])).toMatchObject({ message: 'unknown command "teams delete"', command: 'teams' });
    expect(usageError(['help', 'teams', 'delete']).message).toBe('unknown command "teams delete"');
    expect(usageError(['teams', 'show'])).toMatchObject({ message: 'missing <team>', command: 'teams show' });
  });

  it('answers --version, help, help <command> and <command> --help', () => {
    expect(parse('--version')).toEqual({ kind: 'version' });
    expect(parse('-V')).toEqual({ kind: 'version' });
    expect(parse('help')).toEqual({ kind: 'help', topic: undefined });
    expect(parse('--help')).toEqual({ kind: 'help' });
    expect(parse('help', 'list')).toEqual({ kind: 'help', topic: 'list' });
    expect(parse('sweep', '-h')).toEqual({ kind: 'help', topic: 'sweep' });
  });

  it('refuses an unknown command, naming it', () => {
    const err = usageError(['frobnicate', 'x']);
    expect(err.message).toBe('unknown command "frobnicate"');
    expect(err.command).toBeUndefined();
    expect(err.exitCode).toBe(2);
    expect(usageError(['help', 'nope']).message).toBe('unknown command "nope"');
  });

  it("refuses a flag the command does not take, with that command's usage", () => {
    const err = usageError(['status', 'abc', '--wait']);
    expect(err.message).toBe('unknown flag --wait');
    expect(err.command).toBe('status');
    expect(usageError(['list', '--bogus']).message).toBe('unknown flag --bogus');
  });

  it('refuses missing and extra arguments, a flag without its value, and no command at all', () => {
    expect(usageError(['submit']).message).toBe('missing <file>');
    expect(usageError(['status', 'a', 'b']).message).toBe('unexpected argument "b"');
    expect(usageError(['list', '--status']).message).toMatch(/^option '--status <value>' argument missing/);
    expect(usageError([]).message).toBe('no command given');
  });

  it('refuses an --interval-ms that is not a positive whole number', () => {
    expect(usageError(['status', 'x', '--interval-ms', 'soon']).message).toBe('--interval-ms must be a whole number of at least 1, got "soon"');
    expect(usageError(['status', 'x', '--interval-ms', '0']).message).toMatch(/at least 1/);
  });
});
