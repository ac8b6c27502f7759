import { isTerminal, type LogPage } from '@jobgate/contracts/records';
import { ApiProblemError } from '../api-errors';
import { booleanFlag, stringFlag, type CommandContext, type CommandSpec } from '../command-spec';
import { printJsonLine, printLogLine, println } from '../output';

export const logsCommand: CommandSpec = {
  name: 'logs',
  synopsis: 'logs <id> [--follow] [--file F]',
  summary: "print a job's log from ModelArts (with --follow, until the job ends)",
  args: ['id'],
  options: { follow: { type: 'boolean', short: 'f' }, file: { type: 'string' } },
  optionHelp: [
    ['-f, --follow', 'keep printing new lines while the job runs; exit 0 once it succeeded and its log was read to the end, 1 if it failed or was canceled'],
    ['--file F', 'which log file (a distributed job has one per worker; default the first); the files are listed on stderr'],
    ['--json', 'one JSON object per log line: {file, line_number, line}'],
  ],
  run: logs,
};

// Consecutive 429/5xx answers tolerated while following (jobgate restarting, ModelArts busy).
const MAX_TRANSIENT_FAILURES = 10;

/**
 * Reads the log page by page from the start: without --follow up to the lines there are now, with
 * it until jobgate says the job ended and the file was read to its end (next_cursor null). 429
 * answers wait out their Retry-After (the ModelArts read budget is shared by everyone).
 */
async function logs(ctx: CommandContext): Promise<number> {
  const id = ctx.positionals[0]!;
  const follow = booleanFlag(ctx.flags, 'follow');
  const file = stringFlag(ctx.flags, 'file');
  const { stdout, stderr } = ctx.output;
  let cursor: string | null = '0';
  let failures = 0;
  let announced = false;
  let hint: string | null = null;
  while (cursor !== null) {
    let page: LogPage;
    try {
      page = await ctx.client.readLogs(id, { file, cursor });
      failures = 0;
    } catch (err) {
      if (!follow || !isTransient(err) || ++failures > MAX_TRANSIENT_FAILURES) throw err;
      await ctx.sleep(retryAfterMs(err) ?? ctx.intervalMs);
      continue;
    }
    if (!announced && page.files.length > 1 && !ctx.json) {
      println(stderr, `log files: ${page.files.join(', ')} (showing ${page.file}; pick one with --file)`);
      announced = true;
    }
    if (page.hint && page.hint !== hint && !ctx.json) println(stderr, page.hint);
    hint = page.hint;
    page.lines.forEach((line, i) => {
      // --json: one compact object per line (JSON Lines), so a follower can stream it into jq.
      if (ctx.json) printJsonLine(stdout, { file: page.file, line_number: (page.first_line ?? 1) + i, line });
      else printLogLine(stdout, line);
    });
    cursor = page.next_cursor;
    // Without --follow: what is there now. A short page means there is no more yet.
    if (!follow && (page.lines.length === 0 || cursor === null)) return 0;
    if (follow && cursor !== null && page.lines.length === 0) await ctx.sleep(ctx.intervalMs);
  }
  if (!follow) return 0;
  const job = await ctx.client.getJob(id);
  if (!ctx.json) println(stderr, `job ${job.id} (${job.job_name}) ${job.status}`);
  return job.status === 'succeeded' || !isTerminal(job.status) ? 0 : 1;
}

function isTransient(err: unknown): boolean {
  return err instanceof ApiProblemError ? err.status === 429 || err.status >= 500 : err instanceof Error && err.name === 'UnreachableError';
}

function retryAfterMs(err: unknown): number | undefined {
  const seconds = err instanceof ApiProblemError ? err.problem.retry_after_sec : undefined;
  return typeof seconds === 'number' && seconds > 0 ? seconds * 1000 : undefined;
}
