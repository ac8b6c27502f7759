import { UsageError } from '../cli-error';
import { stringFlag, type CommandContext, type CommandSpec } from '../command-spec';
import { printJson, println } from '../output';
import { renderApiKeyCreated, renderApiKeyTable, SHOWN_ONCE_WARNING } from '../render/api-key';
import { shortTime } from '../render/table';
import { resolveTeam } from '../team-ref';

// A team's API keys (`jg_…`); managing them takes an operator key.

export const keysCreateCommand: CommandSpec = {
  name: 'keys create',
  synopsis: 'keys create <team> --name N',
  summary: 'create an API key for a team; the key is shown this once (operator key)',
  args: ['team'],
  options: { name: { type: 'string' } },
  optionHelp: [
    ['<team>', "the team's id or name"],
    ['--name N', 'what the key is for (a CI system, a person), to tell keys apart; required'],
  ],
  run: createKey,
};

export const keysListCommand: CommandSpec = {
  name: 'keys list',
  synopsis: 'keys list <team>',
  summary: "list a team's API keys, revoked ones too (operator key)",
  args: ['team'],
  options: {},
  optionHelp: [['<team>', "the team's id or name"]],
  run: listKeys,
};

export const keysRevokeCommand: CommandSpec = {
  name: 'keys revoke',
  synopsis: 'keys revoke <team> <key-id>',
  summary: 'revoke a team API key: jobgate refuses it from the next request on (operator key)',
  args: ['team', 'key-id'],
  options: {},
  optionHelp: [
    ['<team>', "the team's id or name"],
    ['<key-id>', 'the id `keys list` shows'],
  ],
  run: revokeKey,
};

/**
 * The key goes to stdout (text or --json) and the warning that it is shown once to stderr, so
 * `--json | jq -r .key` gets the key alone and a person still reads the warning.
 */
async function createKey(ctx: CommandContext): Promise<number> {
  const name = stringFlag(ctx.flags, 'name');
  if (name === undefined) throw new UsageError('--name is required: say what the key is for', 'keys create');
  const team = await resolveTeam(ctx.client, ctx.positionals[0]!);
  const key = await ctx.client.createApiKey(team.id, name);
  if (ctx.json) printJson(ctx.output.stdout, key);
  else println(ctx.output.stdout, ...renderApiKeyCreated(key, team.name));
  println(ctx.output.stderr, SHOWN_ONCE_WARNING);
  return 0;
}

async function listKeys(ctx: CommandContext): Promise<number> {
  const team = await resolveTeam(ctx.client, ctx.positionals[0]!);
  const list = await ctx.client.listApiKeys(team.id);
  if (ctx.json) printJson(ctx.output.stdout, list);
  else println(ctx.output.stdout, list.items.length ? renderApiKeyTable(list.items) : `team ${team.name} has no API keys`);
  return 0;
}

/** jobgate answers 204; the key's record read back afterwards says when it was revoked. */
async function revokeKey(ctx: CommandContext): Promise<number> {
  const team = await resolveTeam(ctx.client, ctx.positionals[0]!);
  const keyId = ctx.positionals[1]!;
  await ctx.client.revokeApiKey(team.id, keyId);
  const revoked = (await ctx.client.listApiKeys(team.id)).items.find((k) => k.id === keyId);
  if (ctx.json) printJson(ctx.output.stdout, revoked ?? { id: keyId });
  else
    println(
      ctx.output.stdout,
      `revoked API key ${keyId}${revoked ? ` (${revoked.name})` : ''} of team ${team.name}${revoked?.revoked_at ? ` at ${shortTime(revoked.revoked_at)}` : ''}`,
    );
  return 0;
}
