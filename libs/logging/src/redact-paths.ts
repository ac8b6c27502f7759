/**
 * The one shared redact list. pino paths: a leading `*.` matches one level of nesting, so common
 * shapes (a request's headers, a config object, an error's options) are covered wherever they appear.
 * Deeper shapes that do carry secrets (the validated configuration) are listed in full.
 */
export const REDACT_PATHS: readonly string[] = [
  'authorization', 'headers.authorization', 'req.headers.authorization', '*.headers.authorization',
  'headers["x-auth-token"]', 'req.headers["x-auth-token"]', '*.headers["x-auth-token"]',
  'headers["x-subject-token"]', '*.headers["x-subject-token"]',
  // The bull-board session cookie is derived from an API key.
  'headers.cookie', 'req.headers.cookie', '*.headers.cookie', 'headers["set-cookie"]', '*.headers["set-cookie"]',
  // `?api_key=` opens the queue dashboard once in a browser.
  'api_key', '*.api_key', 'query.api_key', '*.query.api_key',
  // A job's report token (POST /v1/jobs/{id}/report-token answers, trial parameters written by a sweep).
  'report_token', '*.report_token', 'reportToken', '*.reportToken', 'jobgate_report_token', '*.jobgate_report_token',
  'password', '*.password', 'secret', '*.secret', 'sk', '*.sk', 'ak', '*.ak', 'token', '*.token',
  'apiKey', '*.apiKey', 'apiKeys', '*.apiKeys', 'webhookSecret', '*.webhookSecret',
  'databaseUrl', '*.databaseUrl', 'redisUrl', '*.redisUrl',
  // Webhook receivers often carry their token in the path (https://hooks.example.com/T0/B0/xyz).
  'webhookUrl', '*.webhookUrl',
  'config.modelarts.ak', 'config.modelarts.sk', 'config.modelarts.iam.password',
];
