import { createServer, type IncomingHttpHeaders } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';

/** One request the fake received, body parsed as JSON when there is one. */
interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface FakeReply {
  status: number;
  body?: unknown;
  /** Defaults to application/json, or application/problem+json for a status of 400 and up. */
  contentType?: string;
}

export type FakeHandler = (req: SeenRequest) => FakeReply | Promise<FakeReply>;

export interface FakeJobgate {
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/**
 * A small jobgate stand-in on a real HTTP port, so the CLI's own fetch, headers and JSON handling
 * are exercised as they are against jobgate. Unknown routes answer jobgate's 404 problem.
 */
export async function startFakeJobgate(handler: FakeHandler): Promise<FakeJobgate> {
  const requests: SeenRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    const seen: SeenRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    requests.push(seen);
    const reply = await handler(seen);
    const type = reply.contentType ?? (reply.status >= 400 ? 'application/problem+json' : 'application/json');
    res.writeHead(reply.status, { 'content-type': type });
    res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? null));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** jobgate's 404 problem for an id it does not know. */
export function notFound(what: string): FakeReply {
  return {
    status: 404,
    body: { type: 'https://jobgate.dev/problems/not_found', title: 'Not Found', status: 404, code: 'not_found', detail: `${what} not found` },
  };
}

/** A URL on a port that was free a moment ago and has nothing listening on it. */
export async function closedPortUrl(): Promise<string> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
