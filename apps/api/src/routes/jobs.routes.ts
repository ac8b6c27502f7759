import { createHash } from 'node:crypto';
import { Router, type Request } from 'express';
import { JOB_STATUSES, validateCreateJobRequest, type JobStatus } from '@jobgate/contracts';
import { NotFoundError, ValidationError, type FieldIssue } from '@jobgate/errors';
import type { Caller, Lifecycle, ReadModel } from '@jobgate/lifecycle';
import type { Logger } from '@jobgate/logging';
import { callerOf } from '../caller';

export interface JobsRoutesDeps {
  lifecycle: Lifecycle;
  logger: Logger;
  /**
   * SSRF policy for `webhook_url` (resolves the host); a refusal is a 400 naming the field. `signed`:
   * the owner has a secret to sign with (a team always does). Default: no check.
   */
  checkWebhookUrl?: (url: string, signed: boolean) => Promise<{ ok: true } | { ok: false; reason: string }>;
  /** Told about each job accepted (not about idempotent replays): the metrics' accepted count. */
  onAccepted?: (count: number, source: 'job') => void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function jobsRoutes(deps: JobsRoutesDeps): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const checked = validateCreateJobRequest(req.body);
    if (!checked.ok) throw ValidationError.of(checked);
    const request = checked.value;
    const caller = callerOf(res);
    if (request.webhook_url && deps.checkWebhookUrl) {
      const verdict = await deps.checkWebhookUrl(request.webhook_url, caller.kind === 'team');
      if (!verdict.ok) throw new ValidationError([{ path: 'webhook_url', message: verdict.reason }]);
    }
    // Before queueing, not after the job waited its turn: a flavor or engine the account lacks.
    const refused = await deps.lifecycle.account.checkTrainingJob(request.training_job, 'training_job');
    if (refused.length) throw new ValidationError(refused);
    const result = await deps.lifecycle.intake.acceptJob(
      {
        caller,
        trainingJob: request.training_job,
        labels: request.labels,
        priority: request.priority,
        webhookUrl: request.webhook_url ?? null,
        requestId: res.locals.requestId,
      },
      idempotencyFor(req),
    );
    if (result.kind === 'created') deps.onAccepted?.(1, 'job');
    else res.setHeader('Idempotent-Replayed', 'true');
    res.status(202).location(`/v1/jobs/${result.job.id}`).json(result.job);
  });

  router.get('/', async (req, res) => {
    const { team, ...filter } = parseListQuery(req);
    const teamId = team === undefined ? undefined : await teamIdOf(deps.lifecycle, team);
    res.json(await deps.lifecycle.reads.jobs({ ...filter, teamId }, callerOf(res)));
  });

  router.get('/:id', async (req, res) => {
    res.json(await findJob(deps.lifecycle.reads, req.params.id!, callerOf(res)));
  });

  return router;
}

/** The job if the caller may see it; another team's job is a 404 like an unknown one. */
export async function findJob(reads: ReadModel, id: string, caller: Caller) {
  const job = UUID.test(id) ? await reads.job(id, caller) : null;
  if (!job) throw new NotFoundError('job', id);
  return job;
}

/** `?team=<name>` (operators): the team's id; an unknown name is a 400 naming the parameter. */
export async function teamIdOf(lifecycle: Lifecycle, name: string): Promise<string> {
  const team = await lifecycle.teams.teamByName(name);
  if (!team) throw new ValidationError([{ path: 'query.team', message: `no team is named "${name}"` }], 'The query is invalid');
  return team.id;
}

/** `Idempotency-Key` of a request (the intake scopes it to the caller); the hash covers `body` (default the request's). */
export function idempotencyFor(req: Request, body: unknown = req.body) {
  const key = req.header('idempotency-key');
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new ValidationError([{ path: 'header:Idempotency-Key', message: 'must be 1-255 visible ASCII characters' }]);
  }
  return { key, requestHash: hashBody(body) };
}

/** Same body = same JSON value, whatever the key order or spacing. */
function hashBody(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

function parseListQuery(req: Request) {
  const issues: FieldIssue[] = [];
  const q = req.query;
  const known = new Set(['status', 'label', 'limit', 'cursor', 'sweep_id', 'team']);
  for (const k of Object.keys(q)) if (!known.has(k)) issues.push({ path: `query.${k}`, message: 'unknown query parameter' });
  const single = (name: string): string | undefined => {
    const v = q[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') {
      issues.push({ path: `query.${name}`, message: 'must be given once' });
      return undefined;
    }
    return v;
  };
  const status = single('status');
  if (status !== undefined && !JOB_STATUSES.includes(status as JobStatus)) {
    issues.push({ path: 'query.status', message: `must be one of ${JOB_STATUSES.join(', ')}` });
  }
  const limitText = single('limit');
  const limit = limitText === undefined ? undefined : Number(limitText);
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 200))
    issues.push({ path: 'query.limit', message: 'must be an integer from 1 to 200' });
  const sweepId = single('sweep_id');
  if (sweepId !== undefined && !UUID.test(sweepId)) issues.push({ path: 'query.sweep_id', message: 'must be a UUID' });
  const labels: Record<string, string> = {};
  const rawLabels = q.label === undefined ? [] : Array.isArray(q.label) ? q.label : [q.label];
  for (const raw of rawLabels) {
    const m = typeof raw === 'string' ? /^([^:]{1,63}):(.{0,256})$/.exec(raw) : null;
    if (!m) issues.push({ path: 'query.label', message: 'must be key:value' });
    else labels[m[1]!] = m[2]!;
  }
  const cursor = single('cursor');
  const team = single('team');
  if (issues.length) throw new ValidationError(issues, 'The query is invalid');
  return { status: status as JobStatus | undefined, limit, sweepId, labels, cursor, team };
}
