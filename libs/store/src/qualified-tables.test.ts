import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TABLE_NAMES } from './tables';

/**
 * Behind a transaction-pooling PgBouncer no search_path can be relied on, so every statement names
 * jobgate's schema (`${t.jobs}` → `"schema".jobs`). This reads the SQL in the store's and the
 * lifecycle layer's source and fails on a table named without it.
 */
const ROOT = join(__dirname, '..', '..', '..');
const SCANNED = ['libs/store/src', 'libs/lifecycle/src'];

const UNQUALIFIED = new RegExp(`\\b(FROM|JOIN|INTO|UPDATE|TABLE|EXISTS|TRUNCATE|USING|ON)\\s+(?:ONLY\\s+)?(${TABLE_NAMES.join('|')})\\b(?!\\.)`, 'gi');
// String literals (where SQL lives) and comments (skipped), in source order.
const TOKENS = /`(?:[^`\\]|\\[\s\S])*`|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|\/\/[^\n]*|\/\*[\s\S]*?\*\//g;

interface Finding {
  file: string;
  line: number;
  sql: string;
}

function findUnqualified(file: string, source: string): Finding[] {
  const found: Finding[] = [];
  for (const token of source.matchAll(TOKENS)) {
    if (token[0].startsWith('/')) continue;
    for (const hit of token[0].matchAll(UNQUALIFIED)) {
      const offset = token.index! + hit.index!;
      found.push({ file, line: source.slice(0, offset).split('\n').length, sql: hit[0] });
    }
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && path !== __filename ? [path] : [];
  });
}

describe('SQL names jobgate schema', () => {
  it('in every statement of the store and the lifecycle layer', () => {
    const findings = SCANNED.flatMap((dir) => sourceFiles(join(ROOT, dir))).flatMap((path) =>
      findUnqualified(relative(ROOT, path), readFileSync(path, 'utf8')),
    );
    expect(findings.map((f) => `${f.file}:${f.line}: ${f.sql}`)).toEqual([]);
  });

  it('finds a table named without its schema, with file and line', () => {
    const planted = [
      'const ok = await db.query(`SELECT * FROM ${t.jobs} j JOIN ${t.sweeps} s ON s.id = j.sweep_id`);',
      '// a comment may say FROM jobs',
      "await db.query('DELETE FROM outbox WHERE id = $1', [id]);",
      'await db.query(`WITH moved AS (',
      '  UPDATE',
      '    jobs SET status = $2 RETURNING id',
      ') INSERT INTO "other".job_events SELECT * FROM moved`);',
      'await db.query("select count(*) from webhook_events");',
      'await db.query(`CREATE TRIGGER x BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION f(); SELECT 1 FROM ${t.jobs} JOIN ${t.teams} ON teams.id = jobs.team_id`);',
    ].join('\n');
    expect(findUnqualified('planted.ts', planted)).toEqual([
      { file: 'planted.ts', line: 3, sql: 'FROM outbox' },
      { file: 'planted.ts', line: 5, sql: 'UPDATE\n    jobs' },
      { file: 'planted.ts', line: 8, sql: 'from webhook_events' },
      { file: 'planted.ts', line: 9, sql: 'ON outbox' },
    ]);
  });
});
