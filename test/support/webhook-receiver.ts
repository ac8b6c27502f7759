/**
 * A webhook receiver for end-to-end tests: a node:http server on 127.0.0.1 that records every
 * request and answers with whatever status the test scripts (per path and webhook-id).
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** `webhook-id` header. */
  id: string;
  /** The payload's `type`, when the body was JSON. */
  type: string | undefined;
  /** The status this receiver answered with. */
  answered: number;
  /** How many times this webhook-id had arrived on this path, this one included. */
  seen: number;
}

/** Decides the answer; default 200. */
export type Responder = (req: { path: string; id: string; seen: number }) => number;

export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly responders = new Map<string, Responder>();
  private server: Server | null = null;
  url = '';

  /** Answers requests to `path` with `responder` (e.g. 500 three times, then 200). */
  on(path: string, responder: Responder): this {
    this.responders.set(path, responder);
    return this;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        const path = (req.url ?? '/').split('?')[0]!;
        const id = String(req.headers['webhook-id'] ?? '');
        const seen = this.received.filter((r) => r.path === path && r.id === id).length + 1;
        const answered = (this.responders.get(path) ?? (() => 200))({ path, id, seen });
        this.received.push({ path, headers: req.headers, body, id, type: typeOf(body), answered, seen });
        res.statusCode = answered;
        res.end();
      });
    });
    // A restarted receiver comes back on its old port: the jobs' webhook_url still points there.
    const port = this.url ? Number(new URL(this.url).port) : 0;
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Stops listening and cuts open keep-alive connections too, so senders really find it down. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  /** What arrived on `path`; with `verifySecret`, each one is checked with the standardwebhooks library (throws if not signed right). */
  at(path: string, verifySecret?: string): ReceivedWebhook[] {
    const hits = this.received.filter((r) => r.path === path);
    if (verifySecret) for (const hit of hits) new Webhook(verifySecret).verify(hit.body, hit.headers as Record<string, string>);
    return hits;
  }
}

function typeOf(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { type?: string }).type;
  } catch {
    return undefined;
  }
}
