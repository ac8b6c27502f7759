import type { Output, OutputStream } from '../output';

export interface MemoryStream extends OutputStream {
  text(): string;
}

/** An Output that keeps what was written; `isTTY` chooses between redraw and line-per-change. */
export function memoryOutput(options: { isTTY?: boolean; columns?: number } = {}): Output & { stdout: MemoryStream; stderr: MemoryStream } {
  return { stdout: memoryStream(options), stderr: memoryStream(options) };
}

function memoryStream(options: { isTTY?: boolean; columns?: number }): MemoryStream {
  const chunks: string[] = [];
  return {
    isTTY: options.isTTY ?? false,
    columns: options.columns ?? 80,
    write: (text) => {
      chunks.push(text);
    },
    text: () => chunks.join(''),
  };
}

/** A sleep that returns at once, counting the waits, so polling tests take no wall-clock time. */
export function instantSleep(): { sleep(ms: number): Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms) => {
      waits.push(ms);
    },
  };
}
