import { ApiClient } from './api-client';
import { ApiProblemError } from './api-errors';
import { parseCliArgs } from './cli-args';
import { UsageError } from './cli-error';
import { COMMANDS } from './commands';
import { resolveConnection } from './connection-settings';
import { printJson, println, type Output } from './output';
import { sleep as realSleep } from './poll';
import { describeError } from './render/error';
import { cliVersion, renderShortUsage, renderUsage } from './usage';

export interface RunCliDeps {
  /** Where JOBGATE_URL and JOBGATE_API_KEY are read. */
  env: Record<string, string | undefined>;
  output: Output;
  /** Waits between polls; default real time. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Runs one command line and returns the exit code; never throws and never exits the process,
 * so tests drive it in-process. Errors go to stderr; with --json an API problem also goes to
 * stdout, so a script reading stdout always gets one JSON document.
 */
export async function runCli(argv: readonly string[], deps: RunCliDeps): Promise<number> {
  const { stdout, stderr } = deps.output;
  let json = false;
  try {
    const parsed = parseCliArgs(argv, COMMANDS);
    if (parsed.kind === 'version') {
      println(stdout, cliVersion());
      return 0;
    }
    if (parsed.kind === 'help') {
      stdout.write(renderUsage(COMMANDS, parsed.topic));
      return 0;
    }
    json = parsed.global.json;
    // An offline command gets a client it never calls: its base URL is never used.
    const client = new ApiClient(parsed.spec.offline ? { baseUrl: 'http://127.0.0.1' } : resolveConnection(parsed.global, deps.env));
    return await parsed.spec.run({
      positionals: parsed.positionals,
      flags: parsed.flags,
      json,
      intervalMs: parsed.global.intervalMs,
      client,
      output: deps.output,
      sleep: deps.sleep ?? realSleep,
      commands: COMMANDS,
    });
  } catch (err) {
    const report = describeError(err);
    if (json && err instanceof ApiProblemError) printJson(stdout, err.problem);
    println(stderr, report.message);
    if (err instanceof UsageError) stderr.write(renderShortUsage(COMMANDS, err.command));
    return report.exitCode;
  }
}
