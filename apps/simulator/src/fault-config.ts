import type { SimOp } from './call-log';

/** Operations a fault can target; `token` is the IAM call, the rest are ModelArts v1 calls. */
export type FaultOp = Exclude<SimOp, 'unknown'>;

/** Throttling codes the docs list for HTTP 429 (reference §6.2). */
export type ThrottleCode = 'APIG.0308' | 'ModelArts.4206' | 'ModelArts.2799' | 'ModelArts.6101';

/** Everything the simulator can do wrong on purpose. Every field is optional when set. */
export interface FaultConfig {
  /** Added to every ModelArts call before it is answered. Default 0. */
  latencyMs: number;
  /** Extra latency for a spike. Default 0. */
  latencySpikeMs: number;
  /** Probability (0..1) that a ModelArts call gets the spike. Default 0. */
  latencySpikeRate: number;
  /** Per operation, HTTP status → probability, e.g. `{ create: { 503: 0.3 } }`; decided before any work. */
  errorRates: Partial<Record<FaultOp, Record<number, number>>>;
  /** Probability that a create (or create-version) succeeds and then the socket is destroyed without a response. Default 0. */
  dropAfterCreateRate: number;
  /** Random throttling of ModelArts calls: 429 with `code` (default APIG.0308), `Retry-After` if set, of `ops` only when given. */
  throttle?: { rate: number; retryAfterSec?: number; code?: ThrottleCode; ops?: FaultOp[] };
  /** The next N ModelArts calls (of `throttle.ops` when set) get 429 (uses `throttle.code` / `throttle.retryAfterSec` when set). Default 0. */
  throttleNext: number;
  /** Regex source; jobs whose name matches end FAILED (11) instead of COMPLETED. */
  failNamePattern?: string;
  /** Regex source; jobs whose name matches end KILLED (12), as if stopped in the console. */
  killNamePattern?: string;
  /** Quota on non-terminal jobs; creates beyond it get 400 ModelArts.0118. Default unlimited. */
  maxActiveJobs?: number;
  /**
   * A scripted outage of some operations: each call of `ops` gets `status` (the body a real
   * deployment sends with it, `Retry-After: retryAfterSec` when set) from the moment the faults are
   * set, for `forMs` and for the next `count` such calls, whichever runs out first; with neither,
   * until the faults change. Decided before any work, like `errorRates`.
   */
  outage?: { ops: FaultOp[]; status: number; forMs?: number; count?: number; retryAfterSec?: number };
  /** The next N token-authenticated calls get 401 APIG.0307. Default 0. */
  tokenExpireNext: number;
  /** Seed for the fault PRNG; default Math.random. */
  seed?: number;
}

export const DEFAULT_FAULTS: Readonly<FaultConfig> = Object.freeze({
  latencyMs: 0,
  latencySpikeMs: 0,
  latencySpikeRate: 0,
  errorRates: {},
  dropAfterCreateRate: 0,
  throttleNext: 0,
  tokenExpireNext: 0,
});

const FAULT_OPS: readonly FaultOp[] = [
  'token',
  'create',
  'list',
  'detail',
  'versions',
  'stop',
  'delete',
  'create_version',
  'specs',
  'engines',
  'log_files',
  'log',
];

/** Checks a fault config that arrived as JSON; lists every problem at once. */
export function parseFaultConfig(input: unknown): { ok: true; faults: Partial<FaultConfig> } | { ok: false; problems: string[] } {
  if (!isObject(input)) return { ok: false, problems: ['faults must be a JSON object'] };
  const problems: string[] = [];
  for (const key of ['latencyMs', 'latencySpikeMs', 'throttleNext', 'tokenExpireNext', 'maxActiveJobs', 'seed']) {
    if (input[key] !== undefined && !(Number.isFinite(input[key]) && (input[key] as number) >= 0)) problems.push(`${key} must be a number >= 0`);
  }
  for (const key of ['latencySpikeRate', 'dropAfterCreateRate']) checkRate(input[key], key, problems);
  for (const key of ['failNamePattern', 'killNamePattern']) checkPattern(input[key], key, problems);
  if (input.errorRates !== undefined) checkErrorRates(input.errorRates, problems);
  if (input.outage !== undefined) checkOutage(input.outage, problems);
  if (input.throttle !== undefined) {
    if (!isObject(input.throttle)) problems.push('throttle must be an object');
    else {
      checkRate(input.throttle.rate ?? 0, 'throttle.rate', problems);
      const ops = input.throttle.ops;
      if (ops !== undefined && !(Array.isArray(ops) && ops.every((op) => FAULT_OPS.includes(op as FaultOp))))
        problems.push(`throttle.ops must be a list of ${FAULT_OPS.join(', ')}`);
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, faults: input as Partial<FaultConfig> };
}

function checkErrorRates(value: unknown, problems: string[]): void {
  if (!isObject(value)) return void problems.push('errorRates must be an object');
  for (const [op, byStatus] of Object.entries(value)) {
    if (!FAULT_OPS.includes(op as FaultOp)) problems.push(`errorRates.${op} is not one of ${FAULT_OPS.join(', ')}`);
    if (!isObject(byStatus)) {
      problems.push(`errorRates.${op} must be an object`);
      continue;
    }
    for (const [status, rate] of Object.entries(byStatus)) {
      if (!/^[45]\d\d$/.test(status)) problems.push(`errorRates.${op}.${status} is not a 4xx/5xx status`);
      checkRate(rate, `errorRates.${op}.${status}`, problems);
    }
  }
}

function checkOutage(value: unknown, problems: string[]): void {
  if (!isObject(value)) return void problems.push('outage must be an object');
  if (!Array.isArray(value.ops) || value.ops.length === 0 || !value.ops.every((op) => FAULT_OPS.includes(op as FaultOp))) {
    problems.push(`outage.ops must be a non-empty list of ${FAULT_OPS.join(', ')}`);
  }
  if (!/^[45]\d\d$/.test(String(value.status))) problems.push('outage.status must be a 4xx/5xx status');
  for (const key of ['forMs', 'count', 'retryAfterSec']) {
    if (value[key] !== undefined && !(Number.isFinite(value[key]) && (value[key] as number) >= 0)) problems.push(`outage.${key} must be a number >= 0`);
  }
}

function checkRate(value: unknown, name: string, problems: string[]): void {
  if (value !== undefined && !(typeof value === 'number' && value >= 0 && value <= 1)) problems.push(`${name} must be a probability in [0, 1]`);
}

function checkPattern(value: unknown, name: string, problems: string[]): void {
  if (value === undefined) return;
  try {
    if (typeof value !== 'string') throw new Error();
    new RegExp(value);
  } catch {
    problems.push(`${name} must be a valid regular expression`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
