import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * helmet's headers on every answer. The CSP is helmet's default with two changes: nothing may be
 * loaded from another origin (helmet allows `https:` styles and fonts; jobgate's pages — /docs,
 * /admin/queues, /ui — serve their own files, and bull-board's Google Fonts link is refused, so it
 * shows system fonts), and no `upgrade-insecure-requests`, which would break the pages when
 * jobgate is reached over plain HTTP inside a cluster. Inline styles stay allowed (Swagger UI and
 * bull-board use them); scripts only from this origin.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        'style-src': ["'self'", "'unsafe-inline'"],
        'font-src': ["'self'", 'data:'],
        'upgrade-insecure-requests': null,
      },
    },
  });
}
