/**
 * Real local HTTP servers for tests: small fakes of IAM and ModelArts that speak the wire protocol,
 * so the client's real fetch, timeouts and socket errors are exercised. Not part of the package.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  /** Path and query as sent, e.g. `/v1/p/training-jobs?per_page=1000`. */
  target: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

export type FakeHandler = (req: ReceivedRequest, res: ServerResponse) => void | Promise<void>;

export interface FakeServer {
  /** Base URL without trailing slash, e.g. `http://127.0.0.1:40123`. */
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

/** Starts a server on an ephemeral port; the handler sees each request once its body has arrived. */
export async function startFakeServer(handler: FakeHandler): Promise<FakeServer> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const received: ReceivedRequest = {
        method: req.method ?? '',
        target: req.url ?? '',
        url: new URL(req.url ?? '/', 'http://fake'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(received);
      Promise.resolve(handler(received, res)).catch((err: unknown) => {
        res.statusCode = 599;
        res.end(String(err));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(text);
}

/** A port nothing listens on (taken from a server that was just closed): connections are refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A fake IAM: issues `tok-1`, `tok-2`, … valid for `lifetimeMs`, or answers with `fail` when set. */
export interface FakeIam extends FakeServer {
  issued: number;
  fail: { status: number; body: unknown } | null;
  delayMs: number;
}

export async function startFakeIam(options: { lifetimeMs?: number } = {}): Promise<FakeIam> {
  const lifetimeMs = options.lifetimeMs ?? 24 * 3600_000;
  const state = { issued: 0, fail: null as FakeIam['fail'], delayMs: 0 };
  const server = await startFakeServer(async (req, res) => {
    if (state.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.delayMs));
    if (req.method !== 'POST' || req.url.pathname !== '/v3/auth/tokens') return sendJson(res, 404, {});
    if (state.fail) return sendJson(res, state.fail.status, state.fail.body);
    state.issued += 1;
    const issuedAt = Date.now();
    const token = {
      issued_at: new Date(issuedAt).toISOString().replace('Z', '000Z'),
      expires_at: new Date(issuedAt + lifetimeMs).toISOString().replace('Z', '000Z'),
      methods: ['password'],
    };
    sendJson(res, 201, { token }, { 'X-Subject-Token': `tok-${state.issued}` });
  });
  return Object.assign(state, server) as FakeIam;
}
