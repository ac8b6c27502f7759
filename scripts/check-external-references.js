#!/usr/bin/env node
/**
 * `npm run lint:refs`: fails when a file under apps/, libs/, test/ or bench/ cites a document that is not in
 * this repository (the design notes and style guide the project started from). The design lives in docs/;
 * a reader of the code must be able to follow every reference from a clone.
 */
const { readdirSync, readFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '..');
const SCANNED = ['apps', 'libs', 'test', 'bench'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'test-output', 'coverage', 'results']);
const FORBIDDEN = [
  { pattern: /DESIGN\.md/, hint: 'cite docs/architecture.md instead' },
  { pattern: /STYLE\.md/, hint: 'the style guide is not part of the repository' },
  { pattern: /(?:\.\.\/)+shared\b/, hint: 'files beside the repository are not part of it' },
  { pattern: /(?<![\w./-])\/work\//, hint: 'an absolute path on one machine' },
];

const problems = [];
for (const dir of SCANNED) for (const file of walk(join(ROOT, dir))) problems.push(...check(file));
for (const problem of problems) console.error(problem);
if (problems.length > 0) {
  console.error(`\n${problems.length} reference(s) to files outside the repository.`);
  process.exit(1);
}
console.log(`lint:refs: no references outside the repository in ${SCANNED.join(', ')}.`);

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) yield* walk(join(dir, entry.name));
    } else if (entry.isFile()) {
      yield join(dir, entry.name);
    }
  }
}

function check(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const found = [];
  lines.forEach((line, index) => {
    for (const { pattern, hint } of FORBIDDEN) {
      if (pattern.test(line)) found.push(`${relative(ROOT, file)}:${index + 1}: ${line.trim()}  (${hint})`);
    }
  });
  return found;
}
