import type { SimOp } from './call-log';

/** A request resolved to an operation, with its path parameters. */
export interface Route {
  op: SimOp;
  projectId?: string;
  /** NaN when the path segment is not a number (the job then simply does not exist). */
  jobId?: number;
  versionId?: number;
}

// A trailing slash is tolerated: AK/SK clients sign with one and some also send it.
const ROUTES: Array<{ method: string; pattern: RegExp; op: SimOp }> = [
  { method: 'POST', pattern: /^\/v3\/auth\/tokens\/?$/, op: 'token' },
  { method: 'POST', pattern: /^\/v1\/([^/]+)\/training-jobs\/?$/, op: 'create' },
  { method: 'GET', pattern: /^\/v1\/([^/]+)\/training-jobs\/?$/, op: 'list' },
  { method: 'DELETE', pattern: /^\/v1\/([^/]+)\/training-jobs\/([^/]+)\/?$/, op: 'delete' },
  { method: 'GET', pattern: /^\/v1\/([^/]+)\/training-jobs\/([^/]+)\/versions\/?$/, op: 'versions' },
  { method: 'GET', pattern: /^\/v1\/([^/]+)\/training-jobs\/([^/]+)\/versions\/([^/]+)\/?$/, op: 'detail' },
  { method: 'POST', pattern: /^\/v1\/([^/]+)\/training-jobs\/([^/]+)\/versions\/([^/]+)\/stop\/?$/, op: 'stop' },
  { method: 'POST', pattern: /^\/v1\/([^/]+)\/training-jobs\/([^/]+)\/versions\/?$/, op: 'create_version' },
  { method: 'GET', pattern: /^\/v1\/([^/]+)\/training-jobs\/([^/]+)\/versions\/([^/]+)\/log\/file-names\/?$/, op: 'log_files' },
  { method: 'GET', pattern: /^\/v1\/([^/]+)\/training-jobs\/([^/]+)\/versions\/([^/]+)\/aom-log\/?$/, op: 'log' },
  { method: 'GET', pattern: /^\/v1\/([^/]+)\/job\/resource-specs\/?$/, op: 'specs' },
  { method: 'GET', pattern: /^\/v1\/([^/]+)\/job\/ai-engines\/?$/, op: 'engines' },
];

/** Anything not in the table is an API the gateway does not publish (404 APIG.0101). */
export function matchRoute(method: string, path: string): Route {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(path);
    if (!m) continue;
    return { op: route.op, projectId: m[1] && decodeSegment(m[1]), jobId: toId(m[2]), versionId: toId(m[3]) };
  }
  return { op: 'unknown' };
}

function toId(segment: string | undefined): number | undefined {
  if (segment === undefined) return undefined;
  return /^\d{1,15}$/.test(segment) ? Number(segment) : NaN;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
