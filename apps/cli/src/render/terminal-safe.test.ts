import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printLogLine, println } from '../output';
import { memoryOutput } from '../test-support/memory-output';
import { renderFields, renderTable } from './table';
import { terminalSafe } from './terminal-safe';

const ESC = '\u001b';

describe('terminalSafe', () => {
  it('shows C0, DEL and C1 control characters as visible escapes, keeping tab, newline and ordinary text', () => {
    expect(terminalSafe('\u001b]0;pwned\u0007')).toBe('\\x1b]0;pwned\\x07');
    expect(terminalSafe('\u001b[2J')).toBe('\\x1b[2J');
    expect(terminalSafe('a\rb\u0000c\u007fd\u009b31m')).toBe('a\\x0db\\x00c\\x7fd\\x9b31m');
    expect(terminalSafe('tab\there\nnext line; é ü 日本 ✓')).toBe('tab\there\nnext line; é ü 日本 ✓');
  });

  it('shows bidirectional overrides, which reorder what a terminal displays', () => {
    expect(terminalSafe('invoice\u202egpj.exe')).toBe('invoice\\u202egpj.exe');
    expect(terminalSafe('\u2066x\u2069')).toBe('\\u2066x\\u2069');
  });

  it('is idempotent: escaping twice changes nothing more', () => {
    const once = terminalSafe('\u001b[31mred\u001b[0m\u202e');
    expect(terminalSafe(once)).toBe(once);
  });
});

describe('the render layer applies it', () => {
  it('tables escape their cells before measuring them, so columns still line up', () => {
    const table = renderTable(
      ['NAME', 'X'],
      [
        ['a\u001b[2Jb', '1'],
        ['plain', '2'],
      ],
    );
    expect(table).not.toContain(ESC);
    expect(table.split('\n')).toEqual(['NAME       X', 'a\\x1b[2Jb  1', 'plain      2']);
  });

  it('fields escape their values', () => {
    expect(renderFields([['labels', 'k=\u001b]0;pwned\u0007']])).toBe('labels:  k=\\x1b]0;pwned\\x07');
  });

  it('println escapes every line whether or not a terminal reads it; a log line is raw only when piped', () => {
    for (const isTTY of [true, false]) {
      const output = memoryOutput({ isTTY });
      println(output.stdout, `error: ${ESC}[2J`);
      printLogLine(output.stdout, `${ESC}[32mepoch 1${ESC}[0m`);
      const [first, log] = output.stdout.text().split('\n');
      expect(first).toBe('error: \\x1b[2J');
      expect(log).toBe(isTTY ? '\\x1b[32mepoch 1\\x1b[0m' : `${ESC}[32mepoch 1${ESC}[0m`);
    }
  });

  it('no command writes to a stream directly: text goes through println (escaped), JSON through printJson', () => {
    const dir = join(__dirname, '..', 'commands');
    const direct = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .filter((f) => /\.write\(/.test(readFileSync(join(dir, f), 'utf8')));
    expect(direct).toEqual([]);
  });
});
