/** The few logger methods used here; pino's Logger fits. */
export interface ShutdownLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface ExitGracefullyOptions {
  logger: ShutdownLogger;
  /** SHUTDOWN_TIMEOUT_MS: past it the process exits with code 1, whatever is still running. */
  deadlineMs: number;
  /** Stops taking work, lets work in flight finish, disconnects. */
  close: () => Promise<void>;
  /** What the log says is being waited for, e.g. "finishing in-flight calls". */
  waitingFor?: string;
  /** Default `process.exit`; tests pass a spy. */
  exit?: (code: number) => void;
  /** Default SIGTERM (orchestrators) and SIGINT (Ctrl-C). */
  signals?: NodeJS.Signals[];
}

/**
 * On the first SIGTERM/SIGINT: close, then exit 0; exit 1 if closing fails or outlasts the deadline.
 * Handlers are `once`: a second Ctrl-C gets Node's default and ends the process at once.
 */
export function exitGracefully(options: ExitGracefullyOptions): void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let started = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (started) return;
    started = true;
    options.logger.info({ signal, deadlineMs: options.deadlineMs }, `shutting down${options.waitingFor ? `: ${options.waitingFor}` : ''}`);
    const deadline = setTimeout(() => {
      options.logger.error({ deadlineMs: options.deadlineMs }, 'shutdown deadline passed; exiting with work in flight');
      exit(1);
    }, options.deadlineMs);
    deadline.unref();
    try {
      await options.close();
      clearTimeout(deadline);
      options.logger.info({}, 'shut down cleanly');
      exit(0);
    } catch (err) {
      options.logger.error({ err }, 'shutdown failed');
      exit(1);
    }
  };
  for (const signal of options.signals ?? ['SIGTERM', 'SIGINT']) process.once(signal, () => void shutdown(signal));
}
