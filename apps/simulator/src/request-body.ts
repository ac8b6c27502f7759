import type { IncomingMessage } from 'node:http';

/** The gateway's request-body cap (reference §6.2): larger bodies get 413. */
const MAX_BODY_BYTES = 12 * 1024 * 1024;

/** Reads the whole body; past the cap it keeps draining but stops buffering. */
export async function readBody(req: IncomingMessage, limitBytes = MAX_BODY_BYTES): Promise<{ raw: Buffer; tooLarge: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= limitBytes) chunks.push(chunk as Buffer);
  }
  return { raw: Buffer.concat(chunks), tooLarge: size > limitBytes };
}

/** Marks a request body that is not valid JSON. */
export const INVALID_JSON = Symbol('invalid-json');

/** Parsed JSON, `undefined` for an empty body, or {@link INVALID_JSON}. */
export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return INVALID_JSON;
  }
}

/** `/a/b?x=1` → [`/a/b`, `x=1`], untouched, because AK/SK signatures cover the raw form. */
export function splitTarget(target: string): [path: string, query: string] {
  const q = target.indexOf('?');
  return q < 0 ? [target, ''] : [target.slice(0, q), target.slice(q + 1)];
}
