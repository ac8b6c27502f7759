import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GLOBAL_OPTIONS } from '../cli-args';
import { runCli } from '../run-cli';
import { memoryOutput } from '../test-support/memory-output';
import { COMMANDS } from './index';

async function script(shell: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const output = memoryOutput();
  // No server, and a JOBGATE_URL that is not even a URL: a completion script needs neither.
  const code = await runCli(['completion', shell], { env: { JOBGATE_URL: 'not a url' }, output });
  return { code, stdout: output.stdout.text(), stderr: output.stderr.text() };
}

/** What bash's completion offers for a command line typed so far (a trailing space starts a new word). */
function bashComplete(scriptPath: string, typed: string): string[] {
  const program = [
    `source ${JSON.stringify(scriptPath)}`,
    'read -ra COMP_WORDS <<< "$1"',
    '[[ $1 == *" " ]] && COMP_WORDS+=("")',
    'COMP_CWORD=$((${#COMP_WORDS[@]} - 1))',
    '_jobgate',
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  const out = execFileSync('bash', ['-c', program, 'bash', typed], { encoding: 'utf8', cwd: join(__dirname, '..', '..') });
  return out.split('\n').filter(Boolean);
}

describe('jobgate completion', () => {
  const words = [...new Set(COMMANDS.flatMap((c) => c.name.split(' ')))];
  const flags = [...new Set([...COMMANDS.flatMap((c) => Object.keys(c.options)), ...Object.keys(GLOBAL_OPTIONS)])];

  it.each(['bash', 'zsh', 'fish'])('%s: the script names every command word and every flag of the command table', async (shell) => {
    const { code, stdout, stderr } = await script(shell);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    for (const word of [...words, 'help']) expect(stdout).toContain(`'${word}'`);
    for (const flag of flags) expect(stdout).toMatch(shell === 'fish' ? new RegExp(`-l ${flag}\\b`) : new RegExp(`'--${flag}'`));
  });

  it('zsh: #compdef on the first line, so the script also works saved as _jobgate in $fpath', async () => {
    expect((await script('zsh')).stdout.split('\n')[0]).toBe('#compdef jobgate');
  });

  it('refuses an unknown shell with the usage, exit 2', async () => {
    expect(await script('powershell')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'unknown shell "powershell": choose bash, zsh, fish\nUsage: jobgate completion <bash|zsh|fish>\nRun "jobgate help completion" for its flags.\n',
    });
  });

  describe('bash, run for real', () => {
    let path: string;
    beforeAll(async () => {
      path = join(mkdtempSync(join(tmpdir(), 'jobgate-completion-')), 'jobgate.bash');
      writeFileSync(path, (await script('bash')).stdout);
    });

    it('completes command words, a group command, and help topics', () => {
      expect(bashComplete(path, 'jobgate su')).toEqual(['submit']);
      expect(bashComplete(path, 'jobgate sw')).toEqual(['sweep', 'sweeps']);
      expect(bashComplete(path, 'jobgate --json --url http://x:1 re')).toEqual(['rerun', 'redeliver']);
      expect(bashComplete(path, 'jobgate teams ')).toEqual(['create', 'list', 'show']);
      expect(bashComplete(path, 'jobgate help teams s')).toEqual(['show']);
      expect(bashComplete(path, 'jobgate completion ')).toEqual(['bash', 'zsh', 'fish']);
    });

    it("completes a command's own flags and the global ones, and a flag's fixed values", () => {
      expect(bashComplete(path, 'jobgate logs --f')).toEqual(['--follow', '--file']);
      expect(bashComplete(path, 'jobgate sweeps --')).toEqual([
        '--status',
        '--team',
        '--limit',
        '--cursor',
        '--all',
        '--json',
        '--url',
        '--api-key',
        '--interval-ms',
        '--help',
      ]);
      expect(bashComplete(path, 'jobgate sweeps --status c')).toEqual(['canceling', 'canceled']);
      expect(bashComplete(path, 'jobgate list --label a=b --status su')).toEqual(['submitting', 'submitted', 'succeeded']);
    });

    it("offers files for a file argument, and nothing for an id or a flag's free value", () => {
      expect(bashComplete(path, 'jobgate submit package.js')).toEqual(['package.json']);
      expect(bashComplete(path, 'jobgate status ')).toEqual([]);
      expect(bashComplete(path, 'jobgate list --team ')).toEqual([]);
      // --sweep takes a value in list but is a switch in cancel: the id after it is cancel's argument.
      expect(bashComplete(path, 'jobgate cancel --sweep ')).toEqual([]);
      expect(bashComplete(path, 'jobgate cancel --sweep x --')).toContain('--sweep');
    });
  });
});
