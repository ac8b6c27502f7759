import { booleanFlag, type CommandContext, type CommandSpec } from '../command-spec';
import { loadDocument } from '../load-document';
import { printJson, println } from '../output';
import { renderSweepAccepted, renderSweepEnded } from '../render/sweep';
import { sweepExitCode, sweepProgress } from '../sweep-progress';
import { watchSweep } from '../watch-sweep';

export const sweepCommand: CommandSpec = {
  name: 'sweep',
  synopsis: 'sweep <sweep.yaml|sweep.json> [--watch]',
  summary: 'start a hyperparameter sweep from a file (the POST /v1/sweeps body)',
  args: ['file'],
  options: { watch: { type: 'boolean' } },
  optionHelp: [
    ['<file>', 'JSON (.json) or YAML (.yaml, .yml); - reads standard input'],
    ['--watch', "draw the trials' progress until the sweep ends; exit 1 if it failed or was canceled"],
  ],
  completions: { file: 'files' },
  run: sweep,
};

async function sweep(ctx: CommandContext): Promise<number> {
  const { stdout, stderr } = ctx.output;
  const accepted = await ctx.client.submitSweep(loadDocument(ctx.positionals[0]!));
  if (!booleanFlag(ctx.flags, 'watch')) {
    if (ctx.json) printJson(stdout, accepted);
    else println(stdout, renderSweepAccepted(accepted), `follow it with: jobgate status ${accepted.id}`);
    return 0;
  }
  // With --json, stdout carries only the final sweep; the progress goes to stderr for a person.
  const progress = ctx.json ? stderr : stdout;
  println(progress, renderSweepAccepted(accepted));
  const final = await watchSweep(accepted, { client: ctx.client, stream: progress, intervalMs: ctx.intervalMs, sleep: ctx.sleep });
  if (ctx.json) printJson(stdout, final);
  else println(stdout, renderSweepEnded(final));
  return sweepExitCode(sweepProgress(final));
}
