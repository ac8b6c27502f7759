import { booleanFlag, listFlag, stringFlag, type CommandContext, type CommandSpec } from '../command-spec';
import { UsageError } from '../cli-error';
import { followJob } from '../follow-job';
import { loadDocument } from '../load-document';
import { printJson, println } from '../output';
import { renderStatusChange } from '../render/job';

export const rerunCommand: CommandSpec = {
  name: 'rerun',
  synopsis: 'rerun <id> [--param label=value]... [--config changes.json|yaml] [--wait] [--idempotency-key K]',
  summary: 'run a job again as a new version of its ModelArts job, with changes',
  args: ['id'],
  options: {
    param: { type: 'string', multiple: true },
    config: { type: 'string' },
    wait: { type: 'boolean' },
    'idempotency-key': { type: 'string' },
  },
  optionHelp: [
    ['--param label=value', "set a run parameter (repeatable); the job's other parameters are kept"],
    ['--config FILE', 'config fields to change, as JSON or YAML (`{config: {...}}` or the fields alone); null removes a field'],
    ['--wait', 'follow the new job to its end; exit 0 only if it succeeded'],
    ['--idempotency-key K', 'resending with the same key and changes returns the same rerun, never a second one'],
  ],
  completions: { config: 'files' },
  run: rerun,
};

async function rerun(ctx: CommandContext): Promise<number> {
  const { stdout, stderr } = ctx.output;
  const config = configChanges(ctx);
  const accepted = await ctx.client.rerunJob(ctx.positionals[0]!, Object.keys(config).length ? { config } : {}, {
    idempotencyKey: stringFlag(ctx.flags, 'idempotency-key'),
  });
  const line = `accepted rerun ${accepted.id} of job ${accepted.rerun_of} (${accepted.job_name}): ${accepted.status}; it becomes a new version of ModelArts job ${accepted.modelarts?.job_id}`;
  if (!booleanFlag(ctx.flags, 'wait')) {
    if (ctx.json) printJson(stdout, accepted);
    else println(stdout, line, `follow it with: jobgate status ${accepted.id}, or jobgate logs ${accepted.id} --follow`);
    return 0;
  }
  const progress = ctx.json ? stderr : stdout;
  println(progress, line);
  const final = await followJob(accepted, {
    client: ctx.client,
    intervalMs: ctx.intervalMs,
    sleep: ctx.sleep,
    onChange: (record) => println(progress, `${renderStatusChange(record)}${record.modelarts?.version_name ? ` [${record.modelarts.version_name}]` : ''}`),
  });
  if (ctx.json) printJson(stdout, final);
  return final.status === 'succeeded' ? 0 : 1;
}

/** The file's changes, with each --param merged into their `parameter` list (jobgate merges that list by label). */
function configChanges(ctx: CommandContext): Record<string, unknown> {
  const file = stringFlag(ctx.flags, 'config');
  const document = file === undefined ? {} : loadDocument(file);
  const config: Record<string, unknown> =
    'config' in document && typeof document.config === 'object' && document.config !== null ? { ...(document.config as object) } : document;
  const params = listFlag(ctx.flags, 'param').map((item) => {
    const at = item.indexOf('=');
    if (at <= 0) throw new UsageError(`--param must be label=value, got "${item}"`, 'rerun');
    return { label: item.slice(0, at), value: item.slice(at + 1) };
  });
  if (params.length) config.parameter = [...(Array.isArray(config.parameter) ? config.parameter : []), ...params];
  return config;
}
