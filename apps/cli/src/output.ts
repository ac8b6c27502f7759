import { terminalSafe } from './render/terminal-safe';

/** Where the CLI writes; a seam so tests read what a user would see, TTY or not. */
export interface OutputStream {
  /** True when a person watches it: progress is then redrawn in place with ANSI codes. */
  readonly isTTY: boolean;
  /** Terminal width in characters (80 when unknown). */
  readonly columns: number;
  write(text: string): void;
}

export interface Output {
  /** Results: the API's JSON with --json, readable text otherwise. */
  stdout: OutputStream;
  /** Errors, and progress when stdout carries JSON. */
  stderr: OutputStream;
}

export function processOutput(): Output {
  return { stdout: wrap(process.stdout), stderr: wrap(process.stderr) };
}

/**
 * Writes each line followed by a newline: the one way text reaches the user, so every line is made
 * terminal-safe here (control characters shown as `\x1b`…, see render/terminal-safe.ts), whatever
 * record it came from and whether or not a terminal reads it.
 */
export function println(stream: OutputStream, ...lines: string[]): void {
  for (const line of lines) stream.write(`${terminalSafe(line)}\n`);
}

/**
 * A line of the job's own log: escaped like any text on a terminal, but written as it is when
 * stdout is a file or a pipe, so `jobgate logs ID > train.log` keeps the log byte for byte.
 */
export function printLogLine(stream: OutputStream, line: string): void {
  stream.write(`${stream.isTTY ? terminalSafe(line) : line}\n`);
}

/** One compact JSON document per line (JSON Lines), for a stream a follower pipes into jq. */
export function printJsonLine(stream: OutputStream, value: unknown): void {
  stream.write(`${JSON.stringify(value)}\n`);
}

/** One JSON document, indented, as scripts (and `jq`) expect. */
export function printJson(stream: OutputStream, value: unknown): void {
  stream.write(`${JSON.stringify(value, null, 2)}\n`);
}

function wrap(stream: NodeJS.WriteStream): OutputStream {
  return {
    get isTTY() {
      return stream.isTTY === true;
    },
    get columns() {
      return stream.columns || 80;
    },
    write: (text) => {
      stream.write(text);
    },
  };
}
