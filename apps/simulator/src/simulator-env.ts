import { parseFaultConfig } from './faults';
import type { SimulatorOptions } from './server';
import type { Timeline } from './timeline';

/** Everything `main.ts` needs, read from the environment once. */
export interface SimulatorEnv {
  port: number;
  host: string;
  options: SimulatorOptions;
}

const TIMELINE_VARS: Record<string, keyof Timeline> = {
  SIM_INIT_MS: 'initMs',
  SIM_WAITING_MS: 'waitingMs',
  SIM_RUNNING_MS: 'runningMs',
  SIM_KILL_MS: 'killMs',
};

/**
 * SIM_PORT (default 8900), SIM_HOST (default 127.0.0.1), SIM_PROJECT_ID, SIM_AK + SIM_SK,
 * SIM_IAM_USER + SIM_IAM_PASSWORD + SIM_IAM_DOMAIN (+ SIM_IAM_TOKEN_TTL_MS), SIM_INIT_MS,
 * SIM_WAITING_MS, SIM_RUNNING_MS, SIM_KILL_MS, SIM_LOG_LINES, SIM_FAULTS (JSON) and SIM_TRAIN (`branin` or
 * `quadratic`: versions given a jobgate report URL and token report a learning curve; SIM_TRAIN_STEPS,
 * SIM_TRAIN_METRIC). Every problem is listed at
 * once, by variable name; values are never echoed since some are secrets.
 */
export function readSimulatorEnv(env: Record<string, string | undefined>): { ok: true; config: SimulatorEnv } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const port = intVar(env, 'SIM_PORT', problems) ?? 8900;
  if (port > 65535) problems.push('SIM_PORT must be at most 65535');
  const options: SimulatorOptions = {};
  if (env.SIM_PROJECT_ID) options.projectId = env.SIM_PROJECT_ID;
  const aksk = allOrNone(env, ['SIM_AK', 'SIM_SK'], problems);
  if (aksk) options.credentials = { ak: aksk[0], sk: aksk[1] };
  const iam = allOrNone(env, ['SIM_IAM_USER', 'SIM_IAM_PASSWORD', 'SIM_IAM_DOMAIN'], problems);
  if (iam) options.iam = { username: iam[0], password: iam[1], domainName: iam[2], tokenTtlMs: intVar(env, 'SIM_IAM_TOKEN_TTL_MS', problems) };
  const timeline: Partial<Timeline> = {};
  for (const [name, key] of Object.entries(TIMELINE_VARS)) {
    const value = intVar(env, name, problems);
    if (value !== undefined) timeline[key] = value;
  }
  if (Object.keys(timeline).length) options.timeline = timeline;
  const logLines = intVar(env, 'SIM_LOG_LINES', problems);
  if (logLines !== undefined) options.logLines = logLines;
  if (env.SIM_FAULTS) readFaults(env.SIM_FAULTS, options, problems);
  if (env.SIM_TRAIN) readTraining(env, options, problems);
  if (problems.length) return { ok: false, problems };
  return { ok: true, config: { port, host: env.SIM_HOST || '127.0.0.1', options } };
}

function readTraining(env: Record<string, string | undefined>, options: SimulatorOptions, problems: string[]): void {
  const fn = env.SIM_TRAIN;
  if (fn !== 'branin' && fn !== 'quadratic') return void problems.push("SIM_TRAIN must be 'branin' or 'quadratic'");
  const steps = intVar(env, 'SIM_TRAIN_STEPS', problems);
  if (steps === 0) problems.push('SIM_TRAIN_STEPS must be at least 1');
  options.training = { fn, ...(steps ? { steps } : {}), ...(env.SIM_TRAIN_METRIC ? { metric: env.SIM_TRAIN_METRIC } : {}) };
}

function readFaults(text: string, options: SimulatorOptions, problems: string[]): void {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return void problems.push('SIM_FAULTS must be JSON');
  }
  const parsed = parseFaultConfig(json);
  if (parsed.ok) options.faults = parsed.faults;
  else problems.push(...parsed.problems.map((p) => `SIM_FAULTS: ${p}`));
}

function intVar(env: Record<string, string | undefined>, name: string, problems: string[]): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw.trim())) {
    problems.push(`${name} must be a non-negative integer`);
    return undefined;
  }
  return Number(raw);
}

function allOrNone(env: Record<string, string | undefined>, names: string[], problems: string[]): string[] | undefined {
  const values = names.map((n) => env[n] || undefined);
  if (values.every((v) => v === undefined)) return undefined;
  const missing = names.filter((_, i) => values[i] === undefined);
  if (missing.length) {
    problems.push(`${missing.join(', ')} must be set together with ${names.filter((n) => !missing.includes(n)).join(', ')}`);
    return undefined;
  }
  return values as string[];
}
