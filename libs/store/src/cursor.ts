import { ValidationError } from '@jobgate/errors';

export interface Cursor {
  createdAtMs: number;
  id: string;
}

/** Opaque to clients: base64url of `<created_at ms>.<id>`, the last row of the previous page. */
export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.createdAtMs}.${c.id}`).toString('base64url');
}

export function decodeCursor(text: string): Cursor {
  const m = /^(\d{1,16})\.([0-9a-f-]{36})$/.exec(Buffer.from(text, 'base64url').toString());
  if (!m) throw new ValidationError([{ path: 'cursor', message: 'is not a cursor returned by this API' }]);
  return { createdAtMs: Number(m[1]), id: m[2]! };
}

/** A sweep's trial pages: base64url of `t<trial number>`, the last trial of the previous page. */
export function encodeTrialCursor(trial: number): string {
  return Buffer.from(`t${trial}`).toString('base64url');
}

export function decodeTrialCursor(text: string): number {
  const m = /^t(\d{1,9})$/.exec(Buffer.from(text, 'base64url').toString());
  if (!m) throw new ValidationError([{ path: 'cursor', message: 'is not a cursor returned by this API' }]);
  return Number(m[1]);
}
