import type { Request, RequestHandler } from 'express';
import type { Logger } from '@jobgate/logging';

/** One answered request, for metrics (structurally `HttpRequest` of @jobgate/metrics). */
export interface AnsweredRequest {
  method: string;
  /** The matched route's template (`/v1/jobs/:id`), `<mount>/*` for a mounted handler, else `unmatched`. */
  route: string;
  status: number;
  durationMs: number;
}

/**
 * One debug line per request, after the answer, with the request id that the queue jobs, worker
 * logs and webhook deliveries of the request carry too. Headers are logged for debugging; the
 * shared redact list censors `authorization` and `cookie`. The path is logged without its query,
 * which may hold `?api_key=` (queue dashboard). `onAnswered` gets every request (metrics).
 */
export function accessLog(logger: Logger, onAnswered?: (request: AnsweredRequest) => void): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const routeTemplate = trackRouteTemplate(req);
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const route = routeTemplate();
      onAnswered?.({ method: req.method, route, status: res.statusCode, durationMs: ms });
      logger.debug(
        {
          requestId: res.locals.requestId,
          method: req.method,
          // originalUrl: a router that answered has stripped its mount path from req.url by now.
          path: req.originalUrl.split('?')[0],
          route,
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
          req: { headers: req.headers },
        },
        'request',
      );
    });
    next();
  };
}

/**
 * Express sets `req.route` when a route matches, while `req.baseUrl` is still the router's mount
 * path; once an error leaves the router (to the app's error handler) the router restores
 * `req.baseUrl`, so reading both after the answer would give `/:id` instead of `/v1/jobs/:id`.
 * The template is therefore taken at the moment of the match.
 */
function trackRouteTemplate(req: Request): () => string {
  let matched: string | null = null;
  let route: unknown = req.route;
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => route,
    set: (value: { path?: unknown } | undefined) => {
      route = value;
      // A router's own root (`/` under `/v1/jobs`) is the mount path itself.
      if (value && value.path !== undefined) matched = `${req.baseUrl}${String(value.path)}`.replace(/(.)\/$/, '$1');
    },
  });
  // A handler mounted with app.use (static files, Swagger UI, bull-board's assets) answers without a
  // route; an unknown path reaches the app's 404 handler with no mount path at all.
  return () => matched ?? (req.baseUrl ? `${req.baseUrl}/*` : 'unmatched');
}
