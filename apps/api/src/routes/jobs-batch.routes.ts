import { Router } from 'express';
import { MAX_BATCH_JOBS, MAX_REPORTED_ISSUES, validateCreateJobRequest, type Problem, type ValidationIssue } from '@jobgate/contracts';
import { ValidationError } from '@jobgate/errors';
import type { BatchItemInput } from '@jobgate/lifecycle';
import { callerOf } from '../caller';
import { idempotencyFor, type JobsRoutesDeps } from './jobs.routes';

/** Webhook URL checks (DNS lookups) of one batch running at once. */
const URL_CHECKS_AT_ONCE = 8;

/**
 * `POST /v1/jobs/batch` `{"jobs": [<job request>, …]}` (1 to MAX_BATCH_JOBS): every valid item is
 * accepted in one transaction; the answer is `207` with one result per item, in order: `202` and
 * the job, or the item's problem with field paths relative to the item.
 */
export function jobsBatchRoutes(deps: JobsRoutesDeps): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const jobs = batchOf(req.body);
    const caller = callerOf(res);
    const items = jobs.map((job): BatchItemInput => {
      const checked = validateCreateJobRequest(job);
      if (!checked.ok) return { problem: invalid(checked.issues, checked.issueCount) };
      const request = checked.value;
      return {
        job: {
          trainingJob: request.training_job,
          labels: request.labels,
          priority: request.priority,
          webhookUrl: request.webhook_url ?? null,
          requestId: res.locals.requestId,
        },
      };
    });
    await checkWebhookUrls(items, deps, caller.kind === 'team');
    const { replayed, outcomes } = await deps.lifecycle.intake.acceptJobs(caller, items, idempotencyFor(req));
    const accepted = outcomes.filter((o) => o.status === 202).length;
    if (!replayed) deps.onAccepted?.(accepted, 'job');
    else res.setHeader('Idempotent-Replayed', 'true');
    res.status(207).json({
      accepted,
      refused: outcomes.length - accepted,
      items: outcomes.map((o) => ('job' in o ? { status: 202, job: o.job } : { status: o.status, problem: o.problem })),
    });
  });
  return router;
}

function batchOf(body: unknown): unknown[] {
  const jobs = (body as { jobs?: unknown } | null)?.jobs;
  const extra = body && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body).filter((k) => k !== 'jobs') : [];
  const issues: ValidationIssue[] = extra.map((key) => ({ path: key, message: 'unknown field' }));
  if (!Array.isArray(jobs)) issues.push({ path: 'jobs', message: 'is required: an array of job requests' });
  else if (jobs.length < 1 || jobs.length > MAX_BATCH_JOBS) issues.push({ path: 'jobs', message: `must have 1–${MAX_BATCH_JOBS} items` });
  if (issues.length > 0) throw new ValidationError(issues);
  return jobs as unknown[];
}

/** Each item's `webhook_url` through the SSRF check, a few at once; a refusal refuses that item only. */
async function checkWebhookUrls(items: BatchItemInput[], deps: JobsRoutesDeps, signed: boolean): Promise<void> {
  const check = deps.checkWebhookUrl;
  if (!check) return;
  let next = 0;
  await Promise.all(
    Array.from({ length: URL_CHECKS_AT_ONCE }, async () => {
      while (next < items.length) {
        const index = next++;
        const item = items[index]!;
        const url = 'job' in item ? item.job.webhookUrl : null;
        if (!url) continue;
        const verdict = await check(url, signed);
        if (!verdict.ok) items[index] = { problem: invalid([{ path: 'webhook_url', message: verdict.reason }]) };
      }
    }),
  );
}

function invalid(issues: ValidationIssue[], issueCount = issues.length): Problem {
  const errors = issues.slice(0, MAX_REPORTED_ISSUES);
  return {
    type: 'https://jobgate.dev/problems/validation_failed',
    status: 400,
    title: 'Invalid request',
    code: 'validation_failed',
    detail: `${issueCount} invalid field${issueCount === 1 ? '' : 's'}: ${errors
      .slice(0, 3)
      .map((i) => `${i.path || '(item)'} ${i.message}`)
      .join('; ')}${issueCount > 3 ? '; …' : ''}`,
    errors,
    error_count: issueCount,
  };
}
