import type { RequestHandler } from 'express';
import type { Logger } from '@jobgate/logging';

/**
 * One debug line per request, after the answer, with the request id that the queue jobs, worker
 * logs and webhook deliveries of the request carry too. Headers are logged for debugging; the
 * shared redact list censors `authorization` and `cookie`. The path is logged without its query,
 * which may hold `?api_key=` (queue dashboard).
 */
export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.debug({
        requestId: res.locals.requestId,
        method: req.method,
        // originalUrl: a router that answered has stripped its mount path from req.url by now.
        path: req.originalUrl.split('?')[0],
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
        req: { headers: req.headers },
      }, 'request');
    });
    next();
  };
}
