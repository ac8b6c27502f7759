import { TooManyRequestsError } from '@jobgate/errors';
import type { Logger } from '@jobgate/logging';
import { ThrottledError } from '@jobgate/modelarts';

/**
 * A place in the window of on-demand ModelArts reads (MODELARTS_READ_RATE_LIMIT across every
 * process): a `SlidingWindowLimiter` of its own, apart from the create gate. The poller pauses it
 * while it backs off, so reads never take the calls a throttled poll needs first.
 */
export interface ReadGate {
  acquire(signal?: AbortSignal): Promise<{ done(): Promise<void> | void }>;
  pauseFor(ms: number): Promise<void>;
}

export interface ModelArtsReadsOptions {
  gate?: ReadGate;
  logger: Logger;
  /** How long a read waits for a place before the caller is told to come back; default 1.5 s. */
  maxWaitMs?: number;
  /** Pause after a 429 without Retry-After; default 5 s. */
  defaultThrottleMs?: number;
}

/**
 * Reads made on someone's behalf (a log page, the account's flavors): each passes the read window,
 * and a throttled answer pauses the window for everyone. Both become `TooManyRequestsError` with a
 * Retry-After for the caller, never a long wait inside a request.
 */
export class ModelArtsReads {
  constructor(private readonly options: ModelArtsReadsOptions) {}

  async call<T>(what: string, read: () => Promise<T>): Promise<T> {
    const permit = await this.admit(what);
    try {
      return await read();
    } catch (err) {
      if (!(err instanceof ThrottledError)) throw err;
      const pauseMs = err.retryAfterMs ?? this.options.defaultThrottleMs ?? 5_000;
      await this.options.gate?.pauseFor(pauseMs).catch(() => undefined);
      this.options.logger.warn({ what, pauseMs, errorCode: err.errorCode }, 'ModelArts throttled a read; pausing on-demand reads');
      throw new TooManyRequestsError(
        `ModelArts is throttling requests (${err.errorCode}); retry after ${seconds(pauseMs)} s`,
        seconds(pauseMs),
        'modelarts_throttled',
      );
    } finally {
      await Promise.resolve()
        .then(() => permit.done())
        .catch(() => undefined);
    }
  }

  /** Redis unable to count lets the read through: an outage of the gate must not hide every log. */
  private async admit(what: string): Promise<{ done(): Promise<void> | void }> {
    const gate = this.options.gate;
    if (!gate) return { done: () => undefined };
    const maxWaitMs = this.options.maxWaitMs ?? 1_500;
    const signal = AbortSignal.timeout(maxWaitMs);
    try {
      return await gate.acquire(signal);
    } catch (err) {
      if (signal.aborted) {
        throw new TooManyRequestsError(
          'The ModelArts read budget (MODELARTS_READ_RATE_LIMIT) is spent for now; retry shortly',
          seconds(maxWaitMs),
          'modelarts_read_budget',
        );
      }
      this.options.logger.warn({ err, what }, 'the ModelArts read window cannot count (Redis); reading without it');
      return { done: () => undefined };
    }
  }
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
