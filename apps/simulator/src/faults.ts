import { DEFAULT_FAULTS, type FaultConfig, type FaultOp } from './fault-config';
import { createRandomSource, type RandomSource } from './random-source';
import { apigError, iamError, modelartsError, type WireError } from './wire-error';

export type { FaultConfig, FaultOp, ThrottleCode } from './fault-config';
export { DEFAULT_FAULTS, parseFaultConfig } from './fault-config';

/** Final status a job reaches on its own: COMPLETED, or FAILED / KILLED when a name pattern says so. */
export type JobOutcome = 10 | 11 | 12;

/**
 * Decides, call by call, which configured fault fires. Every random decision draws from one PRNG
 * in arrival order, and only when that fault is configured, so a seeded run is reproducible.
 */
export class FaultInjector {
  private config: FaultConfig = { ...DEFAULT_FAULTS };
  private random: RandomSource = Math.random;
  private failPattern?: RegExp;
  private killPattern?: RegExp;
  /** When the current outage ends (simulator clock) and how many calls it still refuses. */
  private outageUntil = Infinity;
  private outageLeft = Infinity;

  constructor(
    faults: Partial<FaultConfig> = {},
    private readonly clock: () => number = Date.now,
  ) {
    this.replace(faults);
  }

  /** Replaces the whole configuration (unset fields fall back to no fault) and reseeds; an outage starts now. */
  replace(faults: Partial<FaultConfig>): void {
    this.config = { ...DEFAULT_FAULTS, ...faults, errorRates: { ...faults.errorRates } };
    this.outageUntil = faults.outage?.forMs === undefined ? Infinity : this.clock() + faults.outage.forMs;
    this.outageLeft = faults.outage?.count ?? Infinity;
    this.random = createRandomSource(faults.seed);
    this.failPattern = faults.failNamePattern ? new RegExp(faults.failNamePattern) : undefined;
    this.killPattern = faults.killNamePattern ? new RegExp(faults.killNamePattern) : undefined;
  }

  current(): FaultConfig {
    return structuredClone(this.config);
  }

  get maxActiveJobs(): number {
    return this.config.maxActiveJobs ?? Infinity;
  }

  /** Delay for this ModelArts call: the base latency plus, sometimes, the spike. */
  latencyMs(): number {
    const { latencyMs, latencySpikeMs, latencySpikeRate } = this.config;
    const spike = latencySpikeRate > 0 && this.random() < latencySpikeRate ? latencySpikeMs : 0;
    return latencyMs + spike;
  }

  /** A 429 for this ModelArts call, from `throttleNext` first, then the random `throttle.rate`; only for `throttle.ops` when set. */
  throttle(op: FaultOp): WireError | undefined {
    const { throttle } = this.config;
    if (throttle?.ops && !throttle.ops.includes(op)) return undefined;
    if (this.config.throttleNext > 0) this.config.throttleNext--;
    else if (!throttle || !(throttle.rate > 0) || this.random() >= throttle.rate) return undefined;
    const code = throttle?.code ?? 'APIG.0308';
    const error = code.startsWith('APIG.')
      ? apigError(429, code, 'The throttling threshold has been reached: policy user over ratelimit')
      : modelartsError(429, code, 'Excessive number of requests, please try again later');
    if (throttle?.retryAfterSec !== undefined) error.headers = { 'Retry-After': String(throttle.retryAfterSec) };
    return error;
  }

  /** An injected error for this operation, decided with one draw over the cumulative rates. */
  injectedError(op: FaultOp): WireError | undefined {
    const rates = this.config.errorRates[op];
    if (!rates || Object.keys(rates).length === 0) return undefined;
    const draw = this.random();
    let cumulative = 0;
    for (const [status, rate] of Object.entries(rates)) {
      cumulative += rate;
      if (draw < cumulative) return injectedErrorFor(op, Number(status));
    }
    return undefined;
  }

  /** The scripted outage's answer for this operation, while the outage lasts; consumes one of its `count`. */
  outageError(op: FaultOp): WireError | undefined {
    const { outage } = this.config;
    if (!outage || !outage.ops.includes(op) || this.outageLeft <= 0 || this.clock() >= this.outageUntil) return undefined;
    this.outageLeft--;
    const error = injectedErrorFor(op, outage.status);
    if (outage.retryAfterSec !== undefined) error.headers = { 'Retry-After': String(outage.retryAfterSec) };
    return error;
  }

  dropAfterCreate(): boolean {
    return this.config.dropAfterCreateRate > 0 && this.random() < this.config.dropAfterCreateRate;
  }

  /** Consumes one `tokenExpireNext`; true means this token-authenticated call is told its token expired. */
  expireToken(): boolean {
    if (this.config.tokenExpireNext <= 0) return false;
    this.config.tokenExpireNext--;
    return true;
  }

  outcomeFor(jobName: string): JobOutcome {
    if (this.failPattern?.test(jobName)) return 11;
    if (this.killPattern?.test(jobName)) return 12;
    return 10;
  }
}

/** The body a real deployment sends with that status: gateway codes for transport-level trouble. */
function injectedErrorFor(op: FaultOp, status: number): WireError {
  if (op === 'token') return status === 503 ? apigError(503, 'APIG.0613', 'IAM is temporarily unavailable') : iamError(status, 'Injected IAM failure');
  const code = INJECTED_CODES[status];
  if (code?.startsWith('APIG.')) return apigError(status, code, `Injected gateway failure (${status})`);
  return modelartsError(status, code ?? 'ModelArts.0010', `Injected failure (${status})`);
}

const INJECTED_CODES: Record<number, string> = {
  400: 'ModelArts.0101',
  401: 'APIG.0301',
  403: 'ModelArts.0108',
  404: 'ModelArts.2775',
  409: 'ModelArts.2878',
  413: 'APIG.0201',
  429: 'APIG.0308',
  500: 'ModelArts.0010',
  502: 'APIG.0202',
  503: 'APIG.0202',
  504: 'APIG.0203',
};
