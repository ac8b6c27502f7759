import { booleanFlag, listFlag, stringFlag, type CommandContext, type CommandSpec } from '../command-spec';
import { followJob } from '../follow-job';
import type { JobBatchResult } from '@jobgate/contracts/records';
import { CliError, ExitCode } from '../cli-error';
import { isWrapped, toCreateJobRequest, type JobRequestOverrides } from '../job-request';
import { parseLabelFlags } from '../labels';
import { loadDocument } from '../load-document';
import { printJson, println } from '../output';
import { renderAccepted, renderStatusChange } from '../render/job';

export const submitCommand: CommandSpec = {
  name: 'submit',
  synopsis: 'submit <job.json|job.yaml|jobs.yaml> [--wait] [--label k=v]... [--webhook-url U] [--idempotency-key K]',
  summary: 'submit a training job from a file (a bare ModelArts body or a full jobgate request), or many: a file of {jobs: [...]}',
  args: ['file'],
  options: {
    wait: { type: 'boolean' },
    label: { type: 'string', multiple: true },
    'webhook-url': { type: 'string' },
    'idempotency-key': { type: 'string' },
  },
  optionHelp: [
    ['<file>', 'JSON (.json) or YAML (.yaml, .yml); - reads standard input. {jobs: [...]} submits each item (bare or full) in batches of 1,000'],
    ['--wait', 'follow the job to its end, printing each status change; exit 0 only if it succeeded'],
    ['--label k=v', 'add a label (repeatable; wins over the same key in the file)'],
    ['--webhook-url URL', 'where jobgate posts status changes (wins over webhook_url in the file)'],
    ['--idempotency-key K', 'resending with the same key and file returns the same job, never a second one'],
  ],
  completions: { file: 'files' },
  run: submit,
};

async function submit(ctx: CommandContext): Promise<number> {
  const { stdout, stderr } = ctx.output;
  const document = loadDocument(ctx.positionals[0]!);
  const labels = parseLabelFlags(listFlag(ctx.flags, 'label'), 'submit', (warning) => println(stderr, warning));
  const overrides = { labels, webhookUrl: stringFlag(ctx.flags, 'webhook-url') };
  if (isBatch(document)) return submitBatch(ctx, document.jobs, overrides);
  const body = toCreateJobRequest(document, overrides);
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

/** Jobs per `POST /v1/jobs/batch` (jobgate's own limit). */
const BATCH_SIZE = 1_000;

/** A file of many jobs: `{jobs: [...]}` and nothing that would make it one job. */
function isBatch(document: Record<string, unknown>): document is { jobs: unknown[] } {
  return Array.isArray(document.jobs) && !isWrapped(document) && !('config' in document);
}

/**
 * Submits each item of the file, 1,000 per request. Prints one line per item (`--json`: the
 * results); exit 0 when all were accepted, else the exit code of the first refusal's status.
 * With --idempotency-key K, batch n (from 0) is sent as `K` (n = 0) or `K.n`, so a rerun resends
 * exactly the same requests.
 */
async function submitBatch(ctx: CommandContext, jobs: unknown[], overrides: JobRequestOverrides): Promise<number> {
  if (booleanFlag(ctx.flags, 'wait')) throw new CliError('--wait follows one job; a file of many jobs is submitted without it', ExitCode.invalid);
  if (jobs.length === 0) throw new CliError('the file has an empty jobs list: nothing to submit', ExitCode.invalid);
  const bodies = jobs.map((job, i) => {
    if (job === null || typeof job !== 'object' || Array.isArray(job))
      throw new CliError(`jobs[${i}] must be an object (a job request or a bare training job)`, ExitCode.invalid);
    return toCreateJobRequest(job as Record<string, unknown>, overrides);
  });
  const key = stringFlag(ctx.flags, 'idempotency-key');
  const items: JobBatchResult['items'] = [];
  for (let start = 0; start < bodies.length; start += BATCH_SIZE) {
    const n = start / BATCH_SIZE;
    const result = await ctx.client.submitJobs(bodies.slice(start, start + BATCH_SIZE), {
      idempotencyKey: key === undefined ? undefined : n === 0 ? key : `${key}.${n}`,
    });
    items.push(...result.items);
  }
  const accepted = items.filter((item) => item.status === 202).length;
  if (ctx.json) printJson(ctx.output.stdout, { accepted, refused: items.length - accepted, items });
  else println(ctx.output.stdout, ...items.map(renderBatchItem), `${accepted} of ${items.length} accepted`);
  const refusal = items.find((item) => item.status !== 202);
  return refusal ? exitCodeFor(refusal.status) : 0;
}

function renderBatchItem(item: JobBatchResult['items'][number], index: number): string {
  if ('job' in item) return `jobs[${index}]: ${renderAccepted(item.job)}`;
  const fields = (item.problem.errors ?? []).map((e) => `${e.path || '(item)'} ${e.message}`);
  return `jobs[${index}]: refused (${item.status}) ${fields.length > 0 ? fields.join('; ') : (item.problem.detail ?? item.problem.title)}`;
}

function exitCodeFor(status: number): number {
  return status === 409 ? ExitCode.conflict : ExitCode.invalid;
}
