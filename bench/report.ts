import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Compiled to bench/dist/bench/: two levels up is bench/.
const RESULTS = join(__dirname, '..', '..', 'results', 'latest.json');

/** Prints rows as an aligned table and merges them into bench/results/latest.json under `section`. */
export function report(section: string, rows: Record<string, string | number>[], notes: string[] = []): void {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : String(v ?? ''));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) => values.map((v, i) => v.padStart(widths[i]!)).join('  ');
  process.stdout.write(`\n== ${section} ==\n${line(columns)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const r of rows) process.stdout.write(`${line(columns.map((c) => cell(r[c])))}\n`);
  for (const n of notes) process.stdout.write(`  ${n}\n`);
  mkdirSync(join(RESULTS, '..'), { recursive: true });
  const all = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : {};
  all[section] = { at: new Date().toISOString(), rows, notes };
  writeFileSync(RESULTS, `${JSON.stringify(all, null, 2)}\n`);
}

/** Benchmarks talk to the local Redis and PostgreSQL unless told otherwise. */
export function useLocalServices(): void {
  process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
  process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';
}
