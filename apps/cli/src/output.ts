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

/** Writes each line followed by a newline. */
export function println(stream: OutputStream, ...lines: string[]): void {
  for (const line of lines) stream.write(`${line}\n`);
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
