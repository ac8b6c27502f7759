import type { CommandContext, CommandSpec } from '../command-spec';
import { printJson, println } from '../output';
import { renderDeliveries, renderDeliveryLine } from '../render/delivery';

export const deliveriesCommand: CommandSpec = {
  name: 'deliveries',
  synopsis: 'deliveries <job-id>',
  summary: "show a job's webhook events and every delivery attempt: HTTP status, latency or error, next attempt",
  args: ['job-id'],
  options: {},
  optionHelp: [['<job-id>', "the job whose webhooks to show (sent to its webhook_url, or to its team's)"]],
  run: deliveries,
};

export const redeliverCommand: CommandSpec = {
  name: 'redeliver',
  synopsis: 'redeliver <event-id>',
  summary: 'send a webhook event again, with the same webhook-id (receivers deduplicate on it)',
  args: ['event-id'],
  options: {},
  optionHelp: [['<event-id>', 'the msg_… id `jobgate deliveries` shows']],
  run: redeliver,
};

async function deliveries(ctx: CommandContext): Promise<number> {
  const jobId = ctx.positionals[0]!;
  const list = await ctx.client.jobDeliveries(jobId);
  if (ctx.json) printJson(ctx.output.stdout, list);
  else println(ctx.output.stdout, list.items.length ? renderDeliveries(list.items) : `no webhook events for job ${jobId} yet`);
  return 0;
}

/** jobgate answers 202: the send is queued; `deliveries` shows its attempt once it is made. */
async function redeliver(ctx: CommandContext): Promise<number> {
  const delivery = await ctx.client.redeliver(ctx.positionals[0]!);
  const { stdout } = ctx.output;
  if (ctx.json) {
    printJson(stdout, delivery);
    return 0;
  }
  println(stdout, `redelivery queued: ${renderDeliveryLine(delivery)}`);
  // A job's events carry the job record; a sweep's (`sweep.completed`) the sweep summary.
  if (delivery.type.startsWith('job.')) println(stdout, `follow it with: jobgate deliveries ${delivery.payload.data.id}`);
  return 0;
}
