import { booleanFlag, listFlag, stringFlag, type CommandContext, type CommandSpec } from '../command-spec';
import { followJob } from '../follow-job';
import { toCreateJobRequest } from '../job-request';
import { parseLabelFlags } from '../labels';
import { loadDocument } from '../load-document';
import { printJson, println } from '../output';
import { renderAccepted, renderStatusChange } from '../render/job';

export const submitCommand: CommandSpec = {
  name: 'submit',
  synopsis: 'submit <job.json|job.yaml> [--wait] [--label k=v]... [--webhook-url U] [--idempotency-key K]',
  summary: 'submit a training job from a file (a bare ModelArts body or a full jobgate request)',
  args: ['file'],
  options: {
    wait: { type: 'boolean' },
    label: { type: 'string', multiple: true },
    'webhook-url': { type: 'string' },
    'idempotency-key': { type: 'string' },
  },
  optionHelp: [
    ['<file>', 'JSON (.json) or YAML (.yaml, .yml); - reads standard input'],
    ['--wait', 'follow the job to its end, printing each status change; exit 0 only if it succeeded'],
    ['--label k=v', 'add a label (repeatable; wins over the same key in the file)'],
    ['--webhook-url URL', 'where jobgate posts status changes (wins over webhook_url in the file)'],
    ['--idempotency-key K', 'resending with the same key and file returns the same job, never a second one'],
  ],
  run: submit,
};

async function submit(ctx: CommandContext): Promise<number> {
  const { stdout, stderr } = ctx.output;
  const body = toCreateJobRequest(loadDocument(ctx.positionals[0]!), {
    labels: parseLabelFlags(listFlag(ctx.flags, 'label'), 'submit'),
    webhookUrl: stringFlag(ctx.flags, 'webhook-url'),
  });
  const accepted = await ctx.client.submitJob(body, { idempotencyKey: stringFlag(ctx.flags, 'idempotency-key') });
  if (!booleanFlag(ctx.flags, 'wait')) {
    if (ctx.json) printJson(stdout, accepted);
    else println(stdout, renderAccepted(accepted), `follow it with: jobgate status ${accepted.id}`);
    return 0;
  }
  // With --json, stdout carries only the final record; the changes go to stderr for a person.
  const progress = ctx.json ? stderr : stdout;
  println(progress, renderAccepted(accepted));
  const final = await followJob(accepted, {
    client: ctx.client,
    intervalMs: ctx.intervalMs,
    sleep: ctx.sleep,
    onChange: (record) => println(progress, renderStatusChange(record)),
  });
  if (ctx.json) printJson(stdout, final);
  // Scripts chain on success only.
  return final.status === 'succeeded' ? 0 : 1;
}
