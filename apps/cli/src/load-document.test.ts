import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError } from './cli-error';
import { loadDocument } from './load-document';

describe('loadDocument', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jobgate-cli-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  function failure(path: string): CliError {
    try {
      loadDocument(path);
    } catch (err) {
      if (err instanceof CliError) return err;
      throw err;
    }
    throw new Error(`${path} loaded without error`);
  }

  it('reads JSON and YAML files into the same object', () => {
    const fromJson = loadDocument(file('job.json', '{"job_name": "j1", "config": {"spec_id": 1, "parameter": [{"label": "lr", "value": "0.01"}]}}'));
    const yaml = 'job_name: j1\nconfig:\n  spec_id: 1\n  parameter:\n    - label: lr\n      value: "0.01"\n';
    expect(loadDocument(file('job.yaml', yaml))).toEqual(fromJson);
    expect(loadDocument(file('job.yml', yaml))).toEqual(fromJson);
  });

  it('keeps YAML 1.2 scalars as written: yes/no stay strings, unquoted numbers are numbers', () => {
    expect(loadDocument(file('scalars.yaml', 'flag: yes\nlr: 0.01\nname: "007"\n'))).toEqual({ flag: 'yes', lr: 0.01, name: '007' });
  });

  it('guesses the format of other names from the first character', () => {
    expect(loadDocument(file('job.txt', ' {"a": 1}'))).toEqual({ a: 1 });
    expect(loadDocument(file('job.conf', 'a: 1\n'))).toEqual({ a: 1 });
  });

  it('reads standard input for "-" through the injected reader', () => {
    expect(loadDocument('-', (path) => (path === '-' ? 'a: 2' : ''))).toEqual({ a: 2 });
  });

  it('names the file and the JSON parse error', () => {
    const path = file('broken.json', '{"job_name": "j1",}');
    const err = failure(path);
    expect(err.exitCode).toBe(2);
    expect(err.message).toMatch(new RegExp(`^${escape(path)} is not valid JSON: .*(position|Unexpected|Expected)`));
  });

  it('names the file and the line of a YAML error, and refuses duplicate keys', () => {
    const bad = failure(file('bad.yaml', 'job_name: j1\nconfig:\n  spec_id: [1, 2\n'));
    expect(bad.message).toMatch(/bad\.yaml is not valid YAML: .*line \d+/);
    const duplicate = failure(file('dup.yaml', 'job_name: a\njob_name: b\n'));
    expect(duplicate.message).toMatch(/dup\.yaml is not valid YAML: .*unique/i);
  });

  it('refuses a missing file, an empty file and a file that is not one object', () => {
    expect(failure(join(dir, 'nope.yaml')).message).toBe(`cannot read ${join(dir, 'nope.yaml')}: no such file`);
    expect(failure(dir).message).toBe(`cannot read ${dir}: it is a directory`);
    expect(failure(file('empty.yaml', '\n')).message).toMatch(/empty\.yaml is empty/);
    expect(failure(file('empty.json', '')).message).toMatch(/empty\.json is empty/);
    expect(failure(file('list.yaml', '- a\n- b\n')).message).toMatch(/list\.yaml must hold one object, not a list/);
    expect(failure(file('scalar.json', '42')).message).toMatch(/scalar\.json must hold one object, not a number/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
