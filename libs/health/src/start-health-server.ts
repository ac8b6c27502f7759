import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { checkReadiness, notReadyProblem, type HealthChecks } from './readiness';

/** A Prometheus exposition, as prom-client's `registry.metrics()` and `registry.contentType` give it. */
export interface MetricsText {
  contentType: string;
  body: string;
}

export interface HealthServerOptions {
  /** HEALTH_PORT; 0 picks a free port (tests). */
  port: number;
  /** Interface to listen on; default all, since probes and scrapers come from outside the container. */
  host?: string;
  /** Checks behind /readyz; until given here or through setChecks, /readyz answers 503 "starting". */
  checks?: HealthChecks;
  /** Serves /metrics when given; without it /metrics is a 404. */
  metrics?: () => Promise<MetricsText>;
  /** Per-check time limit; default 2000 ms. */
  checkTimeoutMs?: number;
}

export interface HealthServer {
  url: string;
  port: number;
  /** Replaces the readiness checks (a role gives its own once it has connected). */
  setChecks(checks: HealthChecks): void;
  close(): Promise<void>;
}

const STARTING: HealthChecks = {
  startup: async () => {
    throw new Error('still starting');
  },
};

/**
 * The small HTTP server of a role without an HTTP API (worker, poller): `/healthz` (the process
 * answers), `/readyz` (its dependencies answer) and `/metrics`. Plain node:http, so it stays up
 * whatever the role's own state.
 */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  let checks = options.checks ?? STARTING;
  const server = createServer((req, res) => {
    route(req, res, { ...options, checks }).catch(() => send(res, 500, 'application/problem+json', { title: 'Internal Server Error', status: 500 }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    setChecks(next) {
      checks = next;
    },
    close: () => closeServer(server),
  };
}

async function route(req: IncomingMessage, res: ServerResponse, options: HealthServerOptions & { checks: HealthChecks }): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'application/problem+json', problem(405, 'Method Not Allowed'));
  if (path === '/healthz') return send(res, 200, 'application/json', { status: 'ok' });
  if (path === '/readyz') {
    const report = await checkReadiness(options.checks, { timeoutMs: options.checkTimeoutMs });
    if (report.ready) return send(res, 200, 'application/json', { status: 'ready', checks: report.checks });
    return send(res, 503, 'application/problem+json', notReadyProblem(report));
  }
  if (path === '/metrics' && options.metrics) {
    const metrics = await options.metrics();
    res.writeHead(200, { 'Content-Type': metrics.contentType, 'Cache-Control': 'no-store' });
    return void res.end(metrics.body);
  }
  send(res, 404, 'application/problem+json', problem(404, 'Not Found'));
}

function problem(status: number, title: string): Record<string, unknown> {
  return { type: 'about:blank', title, status };
}

function send(res: ServerResponse, status: number, contentType: string, body: unknown): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function closeServer(server: Server): Promise<void> {
  // A scraper's keep-alive connection must not hold the shutdown open.
  server.closeIdleConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
