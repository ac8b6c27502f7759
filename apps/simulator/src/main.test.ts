import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

/** Bodies stay loosely typed: the assertions themselves check the wire shape. */
const json = (res: Response): Promise<any> => res.json();

// No TypeScript runner is installed, so the child transpiles main.ts and its imports on require.
const RUN_TS = `
const fs = require('node:fs');
const ts = require('typescript');
require.extensions['.ts'] = (m, file) => m._compile(ts.transpileModule(fs.readFileSync(file, 'utf8'), {
  compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
}).outputText, file);
require(process.argv[1]);
`;
const ROOT = join(__dirname, '..', '..', '..');

function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['-e', RUN_TS, join(__dirname, 'main.ts')], { cwd: ROOT, env: { PATH: process.env.PATH, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return { child, output: () => ({ stdout, stderr }) };
}

describe('main', () => {
  it('logs one JSON line with the URL, serves the API and exits 0 on SIGTERM', async () => {
    const { child, output } = startMain({ SIM_PORT: '0', SIM_PROJECT_ID: 'p-main', SIM_AK: 'AK', SIM_SK: 'main-secret-sk' });
    while (!output().stdout.includes('\n')) await once(child.stdout, 'data');
    const line = JSON.parse(output().stdout.trim());
    expect(line).toMatchObject({
      level: 'info',
      msg: 'simulator listening',
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      project_id: 'p-main',
      auth: ['aksk'],
    });
    expect(output().stdout).not.toContain('main-secret-sk');
    const res = await fetch(`${line.url}/v1/p-main/training-jobs`);
    expect([res.status, (await json(res)).error_code]).toEqual([401, 'APIG.0301']);
    child.kill('SIGTERM');
    const [code] = await once(child, 'close');
    expect(code).toBe(0);
  });

  it('exits 1 and names the bad variables on stderr without their values', async () => {
    const { child, output } = startMain({ SIM_PORT: 'nope', SIM_SK: 'leaky-secret' });
    const [code] = await once(child, 'close');
    expect(code).toBe(1);
    const { problems } = JSON.parse(output().stderr.trim());
    expect(problems.join('\n')).toMatch(/SIM_PORT[\s\S]*SIM_AK/);
    expect(output().stderr).not.toContain('leaky-secret');
  });
});
