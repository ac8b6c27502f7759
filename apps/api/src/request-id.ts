import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

/** Takes a caller's `X-Request-Id` (when sane) or makes one; echoed back and carried into queue jobs and logs. */
export const requestId: RequestHandler = (req, res, next) => {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : randomUUID();
  res.locals.requestId = id;
  res.setHeader('X-Request-Id', id);
  next();
};
