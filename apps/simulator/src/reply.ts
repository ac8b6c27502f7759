import type { ServerResponse } from 'node:http';
import { wireErrorBody, type WireError } from './wire-error';

/** What to do with a request: answer with JSON, answer with a wire error, or hang up without a word. */
export type Reply = JsonReply | ErrorReply | { kind: 'drop' };
export type JsonReply = { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> };
export type ErrorReply = { kind: 'error'; error: WireError };

export function jsonReply(status: number, body: unknown, headers?: Record<string, string>): JsonReply {
  return { kind: 'json', status, body, headers };
}

export function errorReply(error: WireError): ErrorReply {
  return { kind: 'error', error };
}

/** Writes a JSON or error reply; returns the HTTP status sent. A drop is the caller's business. */
export function writeReply(res: ServerResponse, reply: JsonReply | ErrorReply, requestId: string): number {
  const headers = { 'X-Request-Id': requestId };
  if (reply.kind === 'error') {
    sendJson(res, reply.error.status, wireErrorBody(reply.error, requestId), { ...headers, ...reply.error.headers });
    return reply.error.status;
  }
  sendJson(res, reply.status, reply.body, { ...headers, ...reply.headers });
  return reply.status;
}

/** JSON with the content type the real services send; no body (and no type) when `body` is undefined. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { ...(text ? { 'Content-Type': 'application/json;charset=UTF-8' } : {}), ...headers });
  res.end(text);
}
