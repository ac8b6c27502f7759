import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CliError, ExitCode } from './cli-error';

/** Reads a file (`-` for standard input); injectable so tests need no disk. */
export type ReadText = (path: string) => string;

const readText: ReadText = (path) => readFileSync(path === '-' ? 0 : path, 'utf8');

/**
 * Loads a JSON or YAML file holding one object. `.json` is parsed as JSON, `.yaml`/`.yml` as YAML;
 * any other name (or `-`) as JSON when it starts with `{`, else as YAML. Every failure names the file.
 */
export function loadDocument(path: string, read: ReadText = readText): Record<string, unknown> {
  const name = path === '-' ? 'standard input' : path;
  let text: string;
  try {
    text = read(path);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const reason = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'it is a directory' : e.message;
    throw new CliError(`cannot read ${name}: ${reason}`, ExitCode.invalid);
  }
  const value = asJson(path, text) ? parseJson(name, text) : parseYamlText(name, text);
  if (value === null || value === undefined) throw new CliError(`${name} is empty: it must hold one object`, ExitCode.invalid);
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new CliError(`${name} must hold one object, not ${Array.isArray(value) ? 'a list' : `a ${typeof value}`}`, ExitCode.invalid);
  }
  return value as Record<string, unknown>;
}

function asJson(path: string, text: string): boolean {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return true;
  if (ext === '.yaml' || ext === '.yml') return false;
  return text.trimStart().startsWith('{');
}

function parseJson(name: string, text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CliError(`${name} is not valid JSON: ${(err as Error).message}`, ExitCode.invalid);
  }
}

/** YAML 1.2 core schema (`yes` stays a string); duplicate keys and several documents are errors. */
function parseYamlText(name: string, text: string): unknown {
  try {
    return parseYaml(text, { prettyErrors: true, uniqueKeys: true });
  } catch (err) {
    // The message ends with the offending line and a caret under the column: worth showing.
    throw new CliError(`${name} is not valid YAML: ${(err as Error).message.trimEnd()}`, ExitCode.invalid);
  }
}
