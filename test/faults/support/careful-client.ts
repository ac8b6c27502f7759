/**
 * Submits jobs the way a careful team does: one Idempotency-Key per job, and the same request
 * again after a 5xx or a network error until it is accepted. Only accepted (202) jobs count.
 */
import { randomUUID } from 'node:crypto';
import type { Stack } from '../../support/stack';
import { sampleJob } from '../../support/seed-samples';

export interface AcceptedJob {
  id: string;
  job_name: string;
}

export interface SubmitAllOptions {
  /** Jobs are named `<prefix>-<i>`. */
  prefix: string;
  count: number;
  webhookUrl: string;
  /** Requests in flight at once; default 10. */
  concurrency?: number;
  /** Pause between one lane's requests, so that intake lasts long enough to meet a disruption; default 0. */
  spacingMs?: number;
}

export interface SubmitAllResult {
  accepted: AcceptedJob[];
  /** Answers that had to be retried, by HTTP status (0 = no answer at all). */
  retried: Record<number, number>;
}

const RETRY_DELAY_MS = 250;
// Longer than any outage a scenario causes (a Redis restart, a burst of killed sessions).
const GIVE_UP_AFTER_MS = 60_000;

export async function submitAll(stack: Stack, options: SubmitAllOptions): Promise<SubmitAllResult> {
  const accepted: AcceptedJob[] = new Array(options.count);
  const retried: Record<number, number> = {};
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < options.count; i = next++) {
      const result = await submitOne(stack, { ...sampleBody(options, i), key: randomUUID() });
      accepted[i] = result.job;
      for (const status of result.retried) retried[status] = (retried[status] ?? 0) + 1;
      if (options.spacingMs) await new Promise((r) => setTimeout(r, options.spacingMs));
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 10 }, lane));
  return { accepted, retried };
}

function sampleBody(options: SubmitAllOptions, i: number): { body: unknown } {
  return { body: { training_job: sampleJob(`${options.prefix}-${i}`), webhook_url: options.webhookUrl } };
}

/** One job, retried with the same key and body until 202; any 4xx is a test failure. */
async function submitOne(stack: Stack, request: { body: unknown; key: string }): Promise<{ job: AcceptedJob; retried: number[] }> {
  const deadline = Date.now() + GIVE_UP_AFTER_MS;
  const retried: number[] = [];
  for (;;) {
    const res = await stack
      .api('/v1/jobs', { body: request.body, headers: { 'Idempotency-Key': request.key } })
      .catch((err: Error) => ({ status: 0, body: err.message }));
    if (res.status === 202) return { job: res.body as AcceptedJob, retried };
    if (res.status > 0 && res.status < 500) throw new Error(`intake answered ${res.status}: ${JSON.stringify(res.body)}`);
    if (Date.now() > deadline) throw new Error(`intake still failing after ${GIVE_UP_AFTER_MS} ms: ${res.status} ${JSON.stringify(res.body)}`);
    retried.push(res.status);
    await new Promise((r) => setTimeout(r, RETRY_DELAY_MS));
  }
}
