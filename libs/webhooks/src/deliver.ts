import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';
import { resolveAll, type ResolveAll } from './dns-resolve';
import { guardedLookup, SSRF_REFUSED } from './guarded-lookup';
import { signWebhook } from './sign';
import type { SsrfPolicy } from './ssrf';

export interface WebhookMessage {
  url: string;
  /** `webhook-id`: the stored event id, the same on every attempt. */
  id: string;
  /** The exact JSON text to send (and sign). */
  body: string;
  /** Secrets of the event's owner (a team's current and, during a rotation, previous one); default the sender's own. */
  secrets?: readonly string[];
}

export interface DeliverOptions {
  /** `whsec_…` (WEBHOOK_SECRET): signs messages that carry no `secrets` of their own. */
  secret: string | null;
  policy: SsrfPolicy;
  /** A 2xx must arrive within this; default 15 000 ms (docs/architecture.md). */
  timeoutMs?: number;
  /** Unix seconds of this attempt; default now. */
  nowSec?: number;
  /** How host names are resolved; default resolveAll (c-ares with a timeout, dns-resolve.ts). */
  resolve?: ResolveAll;
}

/**
 * `delivered`: 2xx. `gone`: 410, the receiver asked us to stop. `refused`: the SSRF policy blocked
 * the address, retrying cannot help. `retry`: anything else (3xx included: redirects are never
 * followed, so a moved receiver must be updated, not chased).
 */
export type DeliveryOutcome = 'delivered' | 'gone' | 'refused' | 'retry';

export interface DeliveryResult {
  outcome: DeliveryOutcome;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
}

/** One signed POST; never throws: every failure is a result to record. */
export async function deliverWebhook(message: WebhookMessage, options: DeliverOptions): Promise<DeliveryResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const checked = options.policy.checkUrl(message.url);
  if (!checked.ok) return { outcome: 'refused', statusCode: null, latencyMs: 0, error: `refused by the webhook address policy: ${checked.reason}` };
  const secret = message.secrets?.length ? message.secrets : options.secret;
  // Nothing is ever sent unsigned.
  if (!secret) return { outcome: 'retry', statusCode: null, latencyMs: 0, error: 'WEBHOOK_SECRET is not set on this worker; webhooks are never sent unsigned' };
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'jobgate-webhooks/0.1',
    ...signWebhook({ id: message.id, timestampSec: options.nowSec ?? Date.now() / 1000, body: message.body, secret }),
  };
  try {
    const statusCode = await post(checked.url!, message.body, headers, options);
    if (statusCode >= 200 && statusCode < 300) return { outcome: 'delivered', statusCode, latencyMs: elapsed(), error: null };
    const outcome = statusCode === 410 ? 'gone' : 'retry';
    return { outcome, statusCode, latencyMs: elapsed(), error: `receiver answered HTTP ${statusCode}` };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { outcome: e.code === SSRF_REFUSED ? 'refused' : 'retry', statusCode: null, latencyMs: elapsed(), error: e.message };
  }
}

/** Resolves with the status once the response has been read to the end (or rejects). */
function post(url: URL, body: string, headers: Record<string, string>, options: DeliverOptions): Promise<number> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    // No agent: no pooled socket can outlive the address check made for this request.
    const req = send(url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      agent: false,
      lookup: guardedLookup(options.policy, options.resolve ?? resolveAll),
    });
    const timer = setTimeout(() => req.destroy(new Error(`no complete answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.on('response', (res: IncomingMessage) => {
      // The body is drained and ignored; only the status counts.
      res.resume();
      res.on('end', () => {
        clearTimeout(timer);
        resolve(res.statusCode ?? 0);
      });
      res.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      // A body cut off (by our timeout or the receiver) ends in `close` without `end`.
      res.on('close', () => {
        clearTimeout(timer);
        if (!res.complete) reject(new Error(`the answer was cut off after ${timeoutMs} ms or less`));
      });
    });
    req.end(body);
  });
}
