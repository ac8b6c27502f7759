import type { CreateTeamRequest } from '@jobgate/contracts/records';
import { integerFlag, stringFlag, type CommandContext, type CommandSpec } from '../command-spec';
import { printJson, println } from '../output';
import { renderTeamCreated, renderTeamDetails, renderTeamTable } from '../render/team';
import { resolveTeam } from '../team-ref';

// The teams API is for operator keys (API_KEYS); a team key gets a 403, which exits 3.

export const teamsCreateCommand: CommandSpec = {
  name: 'teams create',
  synopsis: 'teams create <name> [--weight N] [--max-active N] [--max-queued N] [--webhook-url U]',
  summary: 'create a team (operator key)',
  args: ['name'],
  options: {
    weight: { type: 'string' },
    'max-active': { type: 'string' },
    'max-queued': { type: 'string' },
    'webhook-url': { type: 'string' },
  },
  optionHelp: [
    ['<name>', "lowercase letters, digits and '-', starting with a letter (2-63 characters)"],
    ['--weight N', "the team's share of ModelArts capacity relative to other teams (default 1)"],
    ['--max-active N', "at most N of the team's jobs in ModelArts at once (default: no cap of its own)"],
    ['--max-queued N', 'at most N jobs waiting; beyond it jobgate answers 429 (default: no cap)'],
    ['--webhook-url URL', "where the team's job and sweep events go when a job names no webhook_url"],
  ],
  run: createTeam,
};

export const teamsListCommand: CommandSpec = {
  name: 'teams list',
  synopsis: 'teams list',
  summary: 'list teams with their weight, caps and current usage (operator key)',
  args: [],
  options: {},
  optionHelp: [],
  run: listTeams,
};

export const teamsShowCommand: CommandSpec = {
  name: 'teams show',
  synopsis: 'teams show <id|name>',
  summary: 'show a team, its usage and its webhook secret (operator key)',
  args: ['team'],
  options: {},
  optionHelp: [['<team>', "the team's id or name"]],
  run: showTeam,
};

async function createTeam(ctx: CommandContext): Promise<number> {
  const body: CreateTeamRequest = { name: ctx.positionals[0]! };
  const weight = integerFlag(ctx.flags, 'weight', { min: 1, command: 'teams create' });
  if (weight !== undefined) body.weight = weight;
  const maxActive = integerFlag(ctx.flags, 'max-active', { min: 0, command: 'teams create' });
  if (maxActive !== undefined) body.max_active_jobs = maxActive;
  const maxQueued = integerFlag(ctx.flags, 'max-queued', { min: 0, command: 'teams create' });
  if (maxQueued !== undefined) body.max_queued_jobs = maxQueued;
  const webhookUrl = stringFlag(ctx.flags, 'webhook-url');
  if (webhookUrl !== undefined) body.webhook_url = webhookUrl;
  const team = await ctx.client.createTeam(body);
  if (ctx.json) printJson(ctx.output.stdout, team);
  else println(ctx.output.stdout, renderTeamCreated(team), `create its first key with: jobgate keys create ${team.name} --name <key name>`);
  return 0;
}

async function listTeams(ctx: CommandContext): Promise<number> {
  const list = await ctx.client.listTeams();
  if (ctx.json) printJson(ctx.output.stdout, list);
  else println(ctx.output.stdout, list.items.length ? renderTeamTable(list.items) : 'no teams');
  return 0;
}

async function showTeam(ctx: CommandContext): Promise<number> {
  const team = await resolveTeam(ctx.client, ctx.positionals[0]!);
  if (ctx.json) printJson(ctx.output.stdout, team);
  else println(ctx.output.stdout, renderTeamDetails(team));
  return 0;
}
