import { Router, type Request } from 'express';
import { validateCreateApiKeyRequest, validateCreateTeamRequest, validateUpdateTeamRequest } from '@jobgate/contracts';
import { NotFoundError, ValidationError, type FieldIssue } from '@jobgate/errors';
import type { Lifecycle } from '@jobgate/lifecycle';
import { operatorOnly } from '../auth';
import { callerOf } from '../caller';
import { sendProblem } from '../problem';

export interface TeamsRoutesDeps {
  lifecycle: Lifecycle;
  /** SSRF policy for a team's `webhook_url`, as for a job's (teams always sign). Default: no check. */
  checkWebhookUrl?: (url: string, signed?: boolean) => Promise<{ ok: true } | { ok: false; reason: string }>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `/v1/teams…` and `/v1/audit` (operators only). Every change is recorded in the audit log with the acting key. */
export function teamsRoutes(deps: TeamsRoutesDeps): Router {
  const router = Router();
  const { teams } = deps.lifecycle;
  router.use(operatorOnly);

  router.post('/', async (req, res) => {
    const checked = validateCreateTeamRequest(req.body);
    if (!checked.ok) throw ValidationError.of(checked);
    await checkUrl(deps, checked.value.webhook_url);
    const team = await teams.createTeam(checked.value, callerOf(res).keyId);
    res.status(201).location(`/v1/teams/${team.id}`).json(team);
  });

  router.get('/', async (_req, res) => {
    res.json({ items: await teams.teams() });
  });

  router.get('/:id', async (req, res) => {
    res.json(await teams.team(teamId(req)));
  });

  router.patch('/:id', async (req, res) => {
    const id = teamId(req);
    const checked = validateUpdateTeamRequest(req.body);
    if (!checked.ok) throw ValidationError.of(checked);
    await checkUrl(deps, checked.value.webhook_url);
    res.json(await teams.updateTeam(id, checked.value, callerOf(res).keyId));
  });

  router.post('/:id/api-keys', async (req, res) => {
    const id = teamId(req);
    const checked = validateCreateApiKeyRequest(req.body);
    if (!checked.ok) throw ValidationError.of(checked);
    // The key is in this answer only: never cached, never logged.
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json(await teams.createKey(id, checked.value.name, callerOf(res).keyId));
  });

  router.get('/:id/api-keys', async (req, res) => {
    res.json({ items: await teams.keys(teamId(req)) });
  });

  router.delete('/:id/api-keys/:keyId', async (req, res) => {
    const keyId = req.params.keyId!;
    if (!UUID.test(keyId)) throw new NotFoundError('api key', keyId);
    await teams.revokeKey(teamId(req), keyId, callerOf(res).keyId);
    res.status(204).end();
  });

  router.post('/:id/webhook-secret/rotate', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(await teams.rotateSecret(teamId(req), callerOf(res).keyId));
  });

  return router;
}

/** `GET /v1/team`: a team key's own team, with its webhook secret. */
export function ownTeamRoutes(deps: TeamsRoutesDeps): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const caller = callerOf(res);
    if (caller.kind !== 'team') {
      return sendProblem(res, { status: 404, title: 'Not Found', code: 'no_team', detail: 'An operator key belongs to no team; see GET /v1/teams' });
    }
    res.setHeader('Cache-Control', 'no-store');
    res.json(await deps.lifecycle.teams.team(caller.teamId));
  });
  return router;
}

/** `GET /v1/audit?cursor=&limit=&team_id=`: operator actions, newest first. */
export function auditRoutes(deps: TeamsRoutesDeps): Router {
  const router = Router();
  router.use(operatorOnly);
  router.get('/', async (req, res) => {
    const issues: FieldIssue[] = [];
    const known = new Set(['cursor', 'limit', 'team_id']);
    for (const key of Object.keys(req.query)) if (!known.has(key)) issues.push({ path: `query.${key}`, message: 'unknown query parameter' });
    const text = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined);
    const limit = text('limit') === undefined ? undefined : Number(text('limit'));
    if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 200))
      issues.push({ path: 'query.limit', message: 'must be an integer from 1 to 200' });
    const cursor = text('cursor');
    if (cursor !== undefined && !/^[1-9][0-9]{0,18}$/.test(cursor)) issues.push({ path: 'query.cursor', message: 'must be a cursor from a previous page' });
    const team = text('team_id');
    if (team !== undefined && !UUID.test(team)) issues.push({ path: 'query.team_id', message: 'must be a UUID' });
    if (issues.length) throw new ValidationError(issues, 'The query is invalid');
    res.json(await deps.lifecycle.teams.auditLog({ cursor, limit, teamId: team }));
  });
  return router;
}

function teamId(req: Request): string {
  const id = String(req.params.id);
  if (!UUID.test(id)) throw new NotFoundError('team', id);
  return id;
}

async function checkUrl(deps: TeamsRoutesDeps, url: string | null | undefined): Promise<void> {
  if (!url || !deps.checkWebhookUrl) return;
  const verdict = await deps.checkWebhookUrl(url, true);
  if (!verdict.ok) throw new ValidationError([{ path: 'webhook_url', message: verdict.reason }]);
}
