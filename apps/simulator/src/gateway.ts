import type { IncomingMessage } from 'node:http';
import { authenticate } from './authenticate';
import type { SimCall } from './call-log';
import { handleCatalog } from './catalog.routes';
import type { FaultInjector } from './faults';
import { errorReply, jsonReply, type Reply } from './reply';
import { INVALID_JSON } from './request-body';
import type { Route } from './route-table';
import type { JobStore } from './state';
import type { TokenIssuer } from './token-issuer';
import { handleLogs } from './logs.routes';
import { handleTrainingJobs } from './training-jobs.routes';
import { apigError, iamError, modelartsError, type WireError } from './wire-error';

export interface GatewayDeps {
  projectId: string;
  authRequired: boolean;
  credentials?: { ak: string; sk: string };
  store: JobStore;
  faults: FaultInjector;
  tokens: TokenIssuer;
  clock: () => number;
  /** Log lines per file over a full RUNNING phase, and that phase's length. */
  logPace: { perRun: number; runningMs: number };
}

/** A request as the gateway sees it: raw path and query (signatures cover them), raw body. */
export interface GatewayRequest {
  req: IncomingMessage;
  route: Route;
  path: string;
  query: string;
  raw: Buffer;
  /** `raw` parsed: JSON, undefined when empty, or INVALID_JSON. */
  body: unknown;
  call: SimCall;
}

/**
 * What sits in front of ModelArts, in the order a real request meets it: route lookup, latency,
 * authentication, project check, throttling, a scripted outage, injected errors, then the training-job service.
 */
export function createGateway(deps: GatewayDeps): (request: GatewayRequest) => Promise<Reply> {
  return async ({ req, route, path, query, raw, body, call }) => {
    if (route.op === 'unknown') return errorReply(apigError(404, 'APIG.0101', 'The API does not exist or has not been published in the environment'));
    if (route.op === 'token') return issueToken(body, new URLSearchParams(query), deps);
    const delayMs = deps.faults.latencyMs();
    if (delayMs > 0) await sleep(delayMs);
    const now = deps.clock();
    const signable = { method: req.method ?? 'GET', path, query, headers: req.headers, body: raw };
    const denied = authenticate(signable, { required: deps.authRequired, credentials: deps.credentials, tokens: deps.tokens, faults: deps.faults, now });
    if (denied) return errorReply(denied);
    if (route.projectId !== deps.projectId) return errorReply(wrongProject(route.projectId ?? '', deps.authRequired));
    const refused = deps.faults.throttle(route.op) ?? deps.faults.outageError(route.op) ?? deps.faults.injectedError(route.op);
    if (refused) return errorReply(refused);
    const params = new URLSearchParams(query);
    if (route.op === 'specs' || route.op === 'engines') return handleCatalog(route, params);
    if (route.op === 'log_files' || route.op === 'log') return handleLogs(route, params, { store: deps.store, now, pace: deps.logPace });
    return handleTrainingJobs(route, body, params, { store: deps.store, faults: deps.faults, now, call });
  };
}

/** IAM's `POST /v3/auth/tokens`: 201, the token in `X-Subject-Token`, details in the body. */
function issueToken(body: unknown, query: URLSearchParams, deps: GatewayDeps): Reply {
  const injected = deps.faults.outageError('token') ?? deps.faults.injectedError('token');
  if (injected) return errorReply(injected);
  if (body === INVALID_JSON) return errorReply(iamError(400, 'The request body is not valid JSON'));
  // Any non-empty `nocatalog` drops the service catalog (reference §5.1).
  const issued = deps.tokens.issue(body, deps.clock(), !query.get('nocatalog'));
  if (!issued.ok) return errorReply(issued.error);
  return jsonReply(201, issued.body, { 'X-Subject-Token': issued.token });
}

/** With auth, the id is checked against the token's project (403); without, it is simply invalid (400). */
function wrongProject(projectId: string, authRequired: boolean): WireError {
  return authRequired
    ? modelartsError(403, 'ModelArts.0210', 'The project ID in the URL does not match the token')
    : modelartsError(400, 'ModelArts.0210', `Invalid project ID: ${projectId}`);
}

/** Unref'd so a pending latency fault never keeps a test process alive. */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
