import type { ApiClientOptions } from './api-client';
import { CliError, ExitCode } from './cli-error';

const DEFAULT_URL = 'http://127.0.0.1:8080';

/**
 * Where jobgate is and which key to show it: `--url` / `--api-key` win over `JOBGATE_URL` /
 * `JOBGATE_API_KEY`. The key is never printed, not even in errors.
 */
export function resolveConnection(flags: { url?: string; apiKey?: string }, env: Record<string, string | undefined>): ApiClientOptions {
  const fromFlag = flags.url !== undefined;
  const url = flags.url ?? (env.JOBGATE_URL || DEFAULT_URL);
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new CliError(`${fromFlag ? '--url' : 'JOBGATE_URL'} must be an http:// or https:// URL, got "${url}"`, ExitCode.invalid);
  }
  const apiKey = flags.apiKey ?? (env.JOBGATE_API_KEY || undefined);
  return { baseUrl: url.replace(/\/+$/, ''), apiKey };
}
