import { SWEEP_STATUSES, type Page, type SweepRecord } from '@jobgate/contracts/records';
import type { ListSweepsQuery } from '../api-client';
import { ApiProblemError } from '../api-errors';
import { booleanFlag, integerFlag, stringFlag, type CommandContext, type CommandSpec } from '../command-spec';
import { printJson, println } from '../output';
import { renderSweepTable, type ListedSweep } from '../render/sweep-list';

export const sweepsCommand: CommandSpec = {
  name: 'sweeps',
  synopsis: 'sweeps [--status S] [--team NAME] [--limit N] [--cursor C] [--all]',
  summary: 'list sweeps, newest first, with their progress and best value',
  args: [],
  options: {
    status: { type: 'string' },
    team: { type: 'string' },
    limit: { type: 'string' },
    cursor: { type: 'string' },
    all: { type: 'boolean' },
  },
  optionHelp: [
    ['--status S', `only sweeps in this status (${SWEEP_STATUSES.join(', ')})`],
    ['--team NAME', "only this team's sweeps (operator key; a team key lists its own sweeps only)"],
    ['--limit N', 'sweeps per page (1-200, default 50)'],
    ['--cursor C', 'the page after the one that printed this cursor'],
    ['--all', 'follow the pages to the end and print every sweep'],
    ['--json', '{items, next_cursor}: each sweep as GET /v1/sweeps lists it, with its best_trial added'],
  ],
  completions: { status: SWEEP_STATUSES },
  run: sweeps,
};

/** Sweeps whose best trial is read at once (each is one GET /v1/sweeps/{id}). */
const BEST_TRIAL_READS = 8;

async function sweeps(ctx: CommandContext): Promise<number> {
  const query: ListSweepsQuery = {
    status: stringFlag(ctx.flags, 'status'),
    team: stringFlag(ctx.flags, 'team'),
    limit: integerFlag(ctx.flags, 'limit', { min: 1, command: 'sweeps' }),
    cursor: stringFlag(ctx.flags, 'cursor'),
  };
  const page = booleanFlag(ctx.flags, 'all') ? await allPages(ctx, query) : await ctx.client.listSweeps(query);
  const listed: Page<ListedSweep> = { items: await withBestTrials(ctx, page.items), next_cursor: page.next_cursor };
  const { stdout } = ctx.output;
  if (ctx.json) {
    printJson(stdout, listed);
    return 0;
  }
  println(stdout, listed.items.length ? renderSweepTable(listed.items) : 'no sweeps');
  if (listed.next_cursor) println(stdout, '', `more sweeps: add --cursor ${listed.next_cursor} (or --all)`);
  return 0;
}

/** Every page, as one `{items, next_cursor: null}` document, so `--json --all` stays one document. */
async function allPages(ctx: CommandContext, query: ListSweepsQuery): Promise<Page<SweepRecord>> {
  const items: SweepRecord[] = [];
  let cursor = query.cursor;
  do {
    const page = await ctx.client.listSweeps({ ...query, cursor });
    items.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return { items, next_cursor: null };
}

/**
 * The list route leaves the best trial out (it is a query per sweep); it is read from each sweep
 * that has an objective, a few at a time. A sweep gone in between keeps `best_trial: null`.
 */
async function withBestTrials(ctx: CommandContext, sweeps: readonly SweepRecord[]): Promise<ListedSweep[]> {
  const listed: ListedSweep[] = sweeps.map((s) => ({ ...s, best_trial: null }));
  const pending = listed.filter((s) => s.objective !== null);
  const readNext = async (): Promise<void> => {
    for (let sweep = pending.shift(); sweep; sweep = pending.shift()) {
      sweep.best_trial = await ctx.client.getSweep(sweep.id).then(
        (detail) => detail.best_trial,
        (err: unknown) => {
          if (err instanceof ApiProblemError && err.status === 404) return null;
          throw err;
        },
      );
    }
  };
  await Promise.all(Array.from({ length: BEST_TRIAL_READS }, readNext));
  return listed;
}
