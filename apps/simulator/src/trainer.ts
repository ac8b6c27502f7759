import { createRandomSource } from './random-source';
import type { StoredVersion } from './state';

/** Which known function a simulated training run learns, and how its curve is reported. */
export interface TrainingOptions {
  /** `branin`: Branin of parameters x1, x2 (minimum 0.397887); `quadratic`: Σ(v − 0.5)² over numeric parameters, with noise. */
  fn: 'branin' | 'quadratic';
  /** Steps reported while RUNNING, evenly spaced; default 8. */
  steps?: number;
  /** The metric name; default `loss`. */
  metric?: string;
}

const REPORT_URL = 'jobgate_report_url';
const REPORT_TOKEN = 'jobgate_report_token';

/**
 * Makes versions that carry a report URL and token in their `config.parameter` "train": while RUNNING they
 * post one point of a learning curve per step to that URL, falling from the function's value + 20
 * towards its value, then the final value just before they succeed. A stopped version stops reporting.
 * Only the wire protocol is used: jobgate is a remote HTTP server here, as it is to real training code.
 */
export class Trainer {
  private timers = new Map<number, NodeJS.Timeout[]>();
  private sent = 0;
  private failed = 0;

  constructor(
    private readonly options: TrainingOptions,
    private readonly clock: () => number,
  ) {}

  /** Schedules the version's reports if its own config carries a report URL and token and it will run to success. */
  started(version: StoredVersion): void {
    const parameters = parametersOf(version.config);
    const url = parameters[REPORT_URL];
    const token = parameters[REPORT_TOKEN];
    const runningAt = version.plan.find((c) => c.status === 8)?.at;
    const end = version.plan[version.plan.length - 1]!;
    if (!url || !token || runningAt === undefined || end.status !== 10) return;
    const steps = this.options.steps ?? 8;
    const interval = (end.at - runningAt) / (steps + 1);
    const target = this.value(parameters);
    const noise = createRandomSource(version.version_id);
    const timers: NodeJS.Timeout[] = [];
    for (let step = 0; step < steps; step++) {
      const loss = target + 20 * 0.6 ** step + (this.options.fn === 'quadratic' ? 0.05 * (noise() - 0.5) : 0);
      timers.push(this.at(runningAt + (step + 1) * interval, () => this.post(url, token, { step, metrics: { [this.metric]: loss } })));
    }
    timers.push(this.at(runningAt + (steps + 0.5) * interval, () => this.post(url, token, { metrics: { [this.metric]: target } })));
    this.timers.set(version.version_id, timers);
  }

  /** A stopped version (or one of a deleted job) reports nothing more; the job's other versions go on. */
  stopped(version: StoredVersion): void {
    for (const timer of this.timers.get(version.version_id) ?? []) clearTimeout(timer);
    this.timers.delete(version.version_id);
  }

  clear(): void {
    for (const timers of this.timers.values()) for (const timer of timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Reports posted (2xx) and refused or failed so far. */
  stats(): { sent: number; failed: number } {
    return { sent: this.sent, failed: this.failed };
  }

  private get metric(): string {
    return this.options.metric ?? 'loss';
  }

  private value(parameters: Record<string, string>): number {
    if (this.options.fn === 'branin') return branin(Number(parameters.x1 ?? 0), Number(parameters.x2 ?? 0));
    return Object.entries(parameters)
      .filter(([label, v]) => label !== REPORT_URL && label !== REPORT_TOKEN && v.trim() !== '' && Number.isFinite(Number(v)))
      .reduce((sum, [, v]) => sum + (Number(v) - 0.5) ** 2, 0);
  }

  private at(epochMs: number, fn: () => void): NodeJS.Timeout {
    const timer = setTimeout(fn, Math.max(0, epochMs - this.clock()));
    timer.unref();
    return timer;
  }

  private post(url: string, token: string, body: unknown): void {
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) }).then(
      (res) => (res.ok ? this.sent++ : this.failed++),
      () => this.failed++,
    );
  }
}

/** Branin on [−5, 10] × [0, 15]; minimum 0.397887 at (−π, 12.275), (π, 2.275) and (9.42478, 2.475). */
export function branin(x1: number, x2: number): number {
  const b = 5.1 / (4 * Math.PI ** 2);
  const c = 5 / Math.PI;
  return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x1) + 10;
}

function parametersOf(config: Record<string, unknown>): Record<string, string> {
  const list = Array.isArray(config.parameter) ? (config.parameter as unknown[]) : [];
  const entries = list.flatMap((p) => {
    const { label, value } = (p ?? {}) as { label?: unknown; value?: unknown };
    return typeof label === 'string' && typeof value === 'string' ? [[label, value] as const] : [];
  });
  return Object.fromEntries(entries);
}
