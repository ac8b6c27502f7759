import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..');
const DEPCRUISE = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Violation {
  rule: string;
  from: string;
  to: string;
}

interface Cruise {
  exitCode: number;
  errors: Violation[];
}

/** Forbidden imports planted for one cruise; each names the rule that must catch it. */
const PLANTED = [
  {
    file: 'libs/modelarts/src/__planted__.ts',
    source: "import { JobRepository } from '@jobgate/store';\nexport const planted = JobRepository;\n",
    rule: 'adapters-never-import-each-other',
  },
  {
    file: 'libs/webhooks/src/__planted__.ts',
    source: "import '../../queues/src/index';\n",
    rule: 'adapters-never-import-each-other',
  },
  {
    file: 'apps/simulator/src/__planted__.ts',
    source: "import type { JobRecord } from '@jobgate/contracts';\nexport type Planted = JobRecord;\n",
    rule: 'simulator-speaks-only-the-wire-protocol',
  },
];

/**
 * The layering rules of `npm run lint` (.dependency-cruiser.cjs) must fail a forbidden import, name the rule
 * it breaks, and pass the tree as it is. Runs the exact `lint:deps` command of package.json.
 */
describe('layering rules (dependency-cruiser)', () => {
  beforeAll(removePlanted);
  afterAll(removePlanted);

  it('fails an adapter importing another adapter, by name or by path, and the simulator importing jobgate', async () => {
    let cruise: Cruise;
    try {
      for (const { file, source } of PLANTED) writeFileSync(join(ROOT, file), source);
      cruise = await runLintDeps();
    } finally {
      removePlanted();
    }
    expect(cruise.exitCode).not.toBe(0);
    for (const { file, rule } of PLANTED) {
      expect(cruise.errors).toContainEqual(expect.objectContaining({ rule, from: file }));
    }
  });

  it('passes the tree without the planted files', async () => {
    const cruise = await runLintDeps();
    expect(cruise.errors).toEqual([]);
    expect(cruise.exitCode).toBe(0);
  });
});

/** `npm run lint:deps` as package.json has it: its exit code and the errors it prints. */
async function runLintDeps(): Promise<Cruise> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const [command, ...args] = pkg.scripts['lint:deps'].split(/\s+/);
  expect(command).toBe('depcruise');
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [DEPCRUISE, ...args], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    return { exitCode: 0, errors: errorsIn(stdout) };
  } catch (err) {
    // depcruise exits with the number of errors it found; its report is still on stdout.
    const failed = err as { code?: number; stdout?: string };
    if (typeof failed.code !== 'number' || failed.stdout === undefined) throw err;
    return { exitCode: failed.code, errors: errorsIn(failed.stdout) };
  }
}

/** Lines such as `  error adapters-never-import-each-other: libs/a/src/x.ts → libs/b/src/index.ts`. */
function errorsIn(report: string): Violation[] {
  return [...report.matchAll(/^\s*error ([\w-]+): (\S+) → (\S*)/gm)].map(([, rule, from, to]) => ({ rule, from, to }));
}

function removePlanted(): void {
  for (const { file } of PLANTED) rmSync(join(ROOT, file), { force: true });
}
