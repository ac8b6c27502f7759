/** Resolves when a dependency is usable; throws, saying why, when it is not. */
export type HealthCheck = () => Promise<void>;

/** Named checks: `{ redis: …, postgres: … }`. The names appear in /readyz answers. */
export type HealthChecks = Readonly<Record<string, HealthCheck>>;

export interface CheckOutcome {
  ok: boolean;
  /** Why the check failed; absent when it passed. */
  error?: string;
  ms: number;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, CheckOutcome>;
}

export interface CheckReadinessOptions {
  /** A check slower than this fails; a probe must answer before its own timeout. Default 2000 ms. */
  timeoutMs?: number;
}

/** Runs every check at once; ready only when all pass. Never throws. */
export async function checkReadiness(checks: HealthChecks, options: CheckReadinessOptions = {}): Promise<ReadinessReport> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const entries = await Promise.all(Object.entries(checks).map(async ([name, check]) => [name, await runCheck(check, timeoutMs)] as const));
  const outcomes = Object.fromEntries(entries);
  return { ready: entries.every(([, outcome]) => outcome.ok), checks: outcomes };
}

/** The RFC 9457 body of a 503 from /readyz, naming every failing check in `detail`. */
export function notReadyProblem(report: ReadinessReport): Record<string, unknown> {
  const failing = Object.entries(report.checks).filter(([, outcome]) => !outcome.ok);
  return {
    type: 'https://jobgate.dev/problems/not_ready',
    title: 'Service Unavailable',
    status: 503,
    code: 'not_ready',
    detail: `not ready: ${failing.map(([name, outcome]) => `${name} (${outcome.error})`).join('; ')}`,
    checks: report.checks,
  };
}

async function runCheck(check: HealthCheck, timeoutMs: number): Promise<CheckOutcome> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
    return { ok: true, ms: Date.now() - started };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err), ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}
