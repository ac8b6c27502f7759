/**
 * `npm run bench`: every benchmark in turn, each in its own process (as `npm run bench:<name>`
 * would run it), results printed as tables and merged into bench/results/latest.json.
 * Figures depend on the machine; the ratios against each baseline are what to compare.
 * A failing benchmark is reported and the others still run; the exit code is always 0.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const BENCHES = ['intake', 'submit', 'poll', 'sweep', 'memory', 'fairness', 'scale'];
const failed: string[] = [];
for (const name of BENCHES) {
  const run = spawnSync(process.execPath, [join(__dirname, `${name}.js`)], { stdio: 'inherit', env: process.env });
  if (run.status !== 0) failed.push(name);
}
process.stdout.write(`\nbenchmarks done${failed.length ? `; failed: ${failed.join(', ')}` : ''}. Results: bench/results/latest.json\n`);
