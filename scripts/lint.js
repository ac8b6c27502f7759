#!/usr/bin/env node
/**
 * `npm run lint`: runs every check below, even after one fails, so a single run lists every problem; exits
 * non-zero when any failed. Each check is also an npm script of its own.
 */
const { spawnSync } = require('node:child_process');

const CHECKS = [
  { script: 'lint:deps', what: 'layering rules (dependency-cruiser, .dependency-cruiser.cjs)' },
  { script: 'format:check', what: 'formatting (prettier --check)' },
  { script: 'lint:unused', what: 'unused files, exports and dependencies (knip)' },
  { script: 'lint:refs', what: 'no references to files outside the repository' },
  { script: 'typecheck', what: 'types of sources, tests and bench (tsc)' },
];

// Run through the same npm that started us (npm_execpath), so this works wherever `npm run` does.
const npmCli = process.env.npm_execpath;
const results = CHECKS.map(({ script, what }) => {
  console.log(`\n> ${script}: ${what}`);
  const startedMs = Date.now();
  const { status } = npmCli
    ? spawnSync(process.execPath, [npmCli, 'run', '--silent', script], { stdio: 'inherit' })
    : spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit', shell: process.platform === 'win32' });
  return { script, ok: status === 0, seconds: ((Date.now() - startedMs) / 1000).toFixed(1) };
});

console.log('\nlint summary');
for (const { script, ok, seconds } of results) console.log(`  ${ok ? 'ok  ' : 'FAIL'}  ${script} (${seconds} s)`);
process.exit(results.every((result) => result.ok) ? 0 : 1);
