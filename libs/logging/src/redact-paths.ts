/**
 * The one shared redact list. pino paths: a leading `*.` matches one level of nesting, so common
 * shapes (a request's headers, a config object, an error's options) are covered wherever they appear.
 */
export const REDACT_PATHS: readonly string[] = [
  'authorization', 'headers.authorization', 'req.headers.authorization', '*.headers.authorization',
  'headers["x-auth-token"]', 'req.headers["x-auth-token"]', '*.headers["x-auth-token"]',
  'headers["x-subject-token"]', '*.headers["x-subject-token"]',
  'headers.cookie', 'req.headers.cookie',
  'password', '*.password', 'secret', '*.secret', 'sk', '*.sk', 'ak', '*.ak', 'token', '*.token',
  'apiKey', '*.apiKey', 'apiKeys', '*.apiKeys', 'webhookSecret', '*.webhookSecret',
  'databaseUrl', '*.databaseUrl', 'redisUrl', '*.redisUrl',
];
