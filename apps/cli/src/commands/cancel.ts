import { booleanFlag, type CommandContext, type CommandSpec } from '../command-spec';
import { printJson, println } from '../output';

export const cancelCommand: CommandSpec = {
  name: 'cancel',
  synopsis: 'cancel <id> [--sweep]',
  summary: 'stop a job (or, with --sweep, a sweep)',
  args: ['id'],
  options: { sweep: { type: 'boolean' } },
  optionHelp: [['--sweep', 'the id is a sweep: stop releasing trials and cancel the active ones']],
  run: cancel,
};

/** jobgate answers 202: the stop is asked of ModelArts; `status` shows when it is `canceled`. */
async function cancel(ctx: CommandContext): Promise<number> {
  const id = ctx.positionals[0]!;
  const { stdout } = ctx.output;
  if (booleanFlag(ctx.flags, 'sweep')) {
    const sweep = await ctx.client.cancelSweep(id);
    if (ctx.json) printJson(stdout, sweep);
    else println(stdout, `cancel requested for sweep ${sweep.id}: ${sweep.status}`);
    return 0;
  }
  const job = await ctx.client.cancelJob(id);
  if (ctx.json) printJson(stdout, job);
  else println(stdout, `cancel requested for job ${job.id} (${job.job_name}): ${job.status}`);
  return 0;
}
