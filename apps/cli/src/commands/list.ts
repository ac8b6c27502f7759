import { JOB_STATUSES, type JobRecord } from '@jobgate/contracts/records';
import type { JobPage, ListJobsQuery } from '../api-client';
import { booleanFlag, integerFlag, listFlag, stringFlag, type CommandContext, type CommandSpec } from '../command-spec';
import { labelFilters } from '../labels';
import { printJson, println } from '../output';
import { renderJobTable } from '../render/job';

export const listCommand: CommandSpec = {
  name: 'list',
  synopsis: 'list [--status S] [--label k=v]... [--sweep ID] [--team NAME] [--limit N] [--cursor C] [--all]',
  summary: 'list jobs, newest first',
  args: [],
  options: {
    status: { type: 'string' },
    label: { type: 'string', multiple: true },
    sweep: { type: 'string' },
    team: { type: 'string' },
    limit: { type: 'string' },
    cursor: { type: 'string' },
    all: { type: 'boolean' },
  },
  optionHelp: [
    ['--status S', 'only jobs in this status (queued, running, succeeded, failed, …)'],
    ['--label k=v', 'only jobs with this label (repeatable: all must match); the old k:v form still works, with a warning'],
    ['--sweep ID', "only this sweep's trials"],
    ['--team NAME', "only this team's jobs (operator key; a team key lists its own jobs only)"],
    ['--limit N', 'jobs per page (1-200, default 50)'],
    ['--cursor C', 'the page after the one that printed this cursor'],
    ['--all', 'follow the pages to the end and print every job'],
  ],
  completions: { status: JOB_STATUSES },
  run: list,
};

async function list(ctx: CommandContext): Promise<number> {
  const query: ListJobsQuery = {
    status: stringFlag(ctx.flags, 'status'),
    labels: labelFilters(listFlag(ctx.flags, 'label'), 'list', (warning) => println(ctx.output.stderr, warning)),
    sweepId: stringFlag(ctx.flags, 'sweep'),
    team: stringFlag(ctx.flags, 'team'),
    limit: integerFlag(ctx.flags, 'limit', { min: 1, command: 'list' }),
    cursor: stringFlag(ctx.flags, 'cursor'),
  };
  const page = booleanFlag(ctx.flags, 'all') ? await allPages(ctx, query) : await ctx.client.listJobs(query);
  const { stdout } = ctx.output;
  if (ctx.json) {
    printJson(stdout, page);
    return 0;
  }
  println(stdout, page.items.length ? renderJobTable(page.items) : 'no jobs');
  if (page.next_cursor) println(stdout, '', `more jobs: add --cursor ${page.next_cursor} (or --all)`);
  return 0;
}

/** Every page, as one `{items, next_cursor: null}` document, so `--json --all` stays one document. */
async function allPages(ctx: CommandContext, query: ListJobsQuery): Promise<JobPage> {
  const items: JobRecord[] = [];
  let cursor = query.cursor;
  do {
    const page = await ctx.client.listJobs({ ...query, cursor });
    items.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return { items, next_cursor: null };
}
