import type { CommandContext, CommandSpec } from '../command-spec';
import { printJson, println } from '../output';
import { renderTable, shortTime } from '../render/table';

export const specsCommand: CommandSpec = {
  name: 'specs',
  synopsis: 'specs',
  summary: "list the ModelArts account's training flavors: what spec_id and worker_server_num may be",
  args: [],
  options: {},
  optionHelp: [],
  run: specs,
};

export const enginesCommand: CommandSpec = {
  name: 'engines',
  synopsis: 'engines',
  summary: "list the ModelArts account's engines: what engine_id may be",
  args: [],
  options: {},
  optionHelp: [],
  run: engines,
};

async function specs(ctx: CommandContext): Promise<number> {
  const list = await ctx.client.listSpecs();
  if (ctx.json) return printed(ctx, list);
  const rows = list.items.map((s) => [
    s.spec_id,
    s.spec_code,
    s.core ?? '',
    s.cpu ?? '',
    s.gpu_num ? `${s.gpu_num}${s.gpu_type ? ` × ${s.gpu_type}` : ''}` : '0',
    s.max_num === null ? '' : String(s.max_num),
    s.no_resource ? 'no capacity now' : 'available',
  ]);
  println(
    ctx.output.stdout,
    renderTable(['SPEC_ID', 'CODE', 'VCPUS', 'MEMORY', 'GPUS', 'MAX_WORKERS', 'CAPACITY'], rows),
    '',
    `as read from ModelArts at ${shortTime(list.refreshed_at)} UTC`,
  );
  return 0;
}

async function engines(ctx: CommandContext): Promise<number> {
  const list = await ctx.client.listEngines();
  if (ctx.json) return printed(ctx, list);
  const rows = list.items.map((e) => [e.engine_id, e.engine_name, e.engine_version ?? '', e.engine_type === null ? '' : String(e.engine_type)]);
  println(ctx.output.stdout, renderTable(['ENGINE_ID', 'NAME', 'VERSION', 'TYPE'], rows), '', `as read from ModelArts at ${shortTime(list.refreshed_at)} UTC`);
  return 0;
}

function printed(ctx: CommandContext, value: unknown): number {
  printJson(ctx.output.stdout, value);
  return 0;
}
