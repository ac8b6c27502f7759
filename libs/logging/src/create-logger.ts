import pino, { type DestinationStream, type Logger } from 'pino';
import { REDACT_PATHS } from './redact-paths';

export type { Logger } from 'pino';

export interface CreateLoggerOptions {
  /** pino level; default `info`. */
  level?: string;
  /** Role of the process (`api`, `worker`, …), added to every line as `role`. */
  role?: string;
  /** Where lines go; default stdout. Tests pass a stream to read real output. */
  destination?: DestinationStream;
}

/** JSON logs, secrets redacted, credentials stripped from URLs that appear in messages. */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: options.role ? { role: options.role } : undefined,
      redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method) {
          const stripped = args.map((a) => (typeof a === 'string' ? stripUrlCredentials(a) : a));
          method.apply(this, stripped as Parameters<typeof method>);
        },
      },
    },
    options.destination,
  );
}

/** `redis://user:pass@host` → `redis://user:[redacted]@host`. */
export function stripUrlCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*):[^@/\s]+@/gi, '$1:[redacted]@');
}
