import { exitGracefully, type ShutdownLogger } from './exit-gracefully';

// A signal nothing else in the test process listens to; process.emit runs the handlers without a real signal.
const SIGNAL = 'SIGUSR2' as NodeJS.Signals;

function recorder() {
  const lines: string[] = [];
  const logger: ShutdownLogger = { info: (_o, msg) => lines.push(msg), error: (_o, msg) => lines.push(`ERROR ${msg}`) };
  return { lines, logger };
}

describe('exitGracefully', () => {
  it('exits 0 once close has finished', async () => {
    const { lines, logger } = recorder();
    const exited = new Promise<number>((resolve) => {
      exitGracefully({
        logger,
        deadlineMs: 1_000,
        signals: [SIGNAL],
        exit: resolve,
        waitingFor: 'finishing work',
        close: () => new Promise((r) => setTimeout(r, 20)),
      });
    });
    process.emit(SIGNAL);
    expect(await exited).toBe(0);
    expect(lines).toEqual(['shutting down: finishing work', 'shut down cleanly']);
  });

  it('exits 1 when close outlasts the deadline', async () => {
    const { lines, logger } = recorder();
    const started = Date.now();
    const exited = new Promise<number>((resolve) => {
      exitGracefully({ logger, deadlineMs: 50, signals: [SIGNAL], exit: resolve, close: () => new Promise(() => undefined) });
    });
    process.emit(SIGNAL);
    expect(await exited).toBe(1);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(lines).toContain('ERROR shutdown deadline passed; exiting with work in flight');
  });

  it('exits 1 when close fails', async () => {
    const { logger } = recorder();
    const exited = new Promise<number>((resolve) => {
      exitGracefully({
        logger,
        deadlineMs: 1_000,
        signals: [SIGNAL],
        exit: resolve,
        close: async () => {
          throw new Error('pool already ended');
        },
      });
    });
    process.emit(SIGNAL);
    expect(await exited).toBe(1);
  });
});
