import { ApiProblemError } from '../api-errors';
import { CliError, ExitCode } from '../cli-error';
import type { CommandContext, CommandSpec } from '../command-spec';
import { printJson, println } from '../output';
import { renderJobDetails } from '../render/job';
import { renderSweepDetails } from '../render/sweep';

export const statusCommand: CommandSpec = {
  name: 'status',
  synopsis: 'status <id>',
  summary: 'show a job or a sweep by id',
  args: ['id'],
  options: {},
  optionHelp: [],
  run: status,
};

async function status(ctx: CommandContext): Promise<number> {
  const id = ctx.positionals[0]!;
  const { stdout } = ctx.output;
  try {
    const job = await ctx.client.getJob(id);
    if (ctx.json) printJson(stdout, job);
    else println(stdout, renderJobDetails(job));
    return 0;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  const sweep = await ctx.client.getSweep(id).catch((err: unknown) => {
    // Also when this jobgate has no sweeps route at all: either way the id names nothing.
    throw isNotFound(err) ? new CliError(`no job or sweep with id ${id}`, ExitCode.notFound) : err;
  });
  if (ctx.json) printJson(stdout, sweep);
  else println(stdout, renderSweepDetails(sweep));
  return 0;
}

function isNotFound(err: unknown): boolean {
  return err instanceof ApiProblemError && err.status === 404;
}
