/**
 * Control characters a terminal acts on: C0 (but `\t` and `\n`), DEL, C1 (`\x9b` is a one-byte
 * CSI on some terminals) and the bidirectional overrides and isolates that reorder what is shown
 * ("Trojan Source"). A job name, label, team name or error message carrying one could otherwise
 * set the window title, clear the screen or hide text when the CLI prints it.
 */
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Shows every unsafe character as a visible escape (`\x1b`, `\u202e`), so a record's text can
 * never drive the terminal. Idempotent: an escaped text has nothing left to escape.
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
