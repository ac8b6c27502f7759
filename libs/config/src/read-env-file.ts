import { readFileSync } from 'node:fs';
import { parse } from 'dotenv';

/**
 * The variables of a `.env` file (dotenv syntax: `KEY=value`, quotes, `#` comments, `export `),
 * or none when there is no such file. It only reads: the caller decides the precedence, and every
 * composition root lets the real environment win, `loadConfig({ ...readEnvFile('.env'), ...process.env })`,
 * as dotenv and docker compose do.
 */
export function readEnvFile(path: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw err;
  }
  return parse(text);
}
