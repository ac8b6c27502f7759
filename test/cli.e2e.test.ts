import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack, TEST_API_KEY, eventually } from './support/stack';
import { sampleJob, seedSamples } from './support/seed-samples';
import { WebhookReceiver } from './support/webhook-receiver';

const CLI = join(__dirname, '..', 'apps/cli/dist/main.js');

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** What a user sees: the built `jobgate` command as a child process against a real stack. */
describe('jobgate CLI end to end: the built command against api + worker processes', () => {
  const stack = new Stack({ roles: { api: 1, worker: 1 } });
  const dir = mkdtempSync(join(tmpdir(), 'jobgate-cli-e2e-'));
  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  function cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH, JOBGATE_URL: stack.apiUrl, JOBGATE_API_KEY: TEST_API_KEY, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  }

  function file(name: string, text: string): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  }

  it('submits a seed sample as it is on the ModelArts page, then finds it with status and list', async () => {
    const sample = seedSamples()[0]!;
    const submitted = await cli(['submit', file('seed.json', JSON.stringify(sample)), '--label', 'origin=cli-e2e', '--json']);
    expect(submitted).toMatchObject({ code: 0, stderr: '' });
    const record = JSON.parse(submitted.stdout);
    expect(record).toMatchObject({ job_name: sample.job_name, training_job: sample, labels: { origin: 'cli-e2e' }, sweep_id: null });
    expect(['queued', 'submitting', 'submitted']).toContain(record.status);

    const status = await cli(['status', record.id, '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ id: record.id, job_name: sample.job_name });
    const readable = await cli(['status', record.id]);
    expect(readable.stdout).toMatch(new RegExp(`^job: +${record.id} \\(${sample.job_name}\\)\nstatus: +\\w+`));

    const listed = await cli(['list', '--label', 'origin=cli-e2e', '--json']);
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(listed.stdout)).toEqual({ items: [expect.objectContaining({ id: record.id })], next_cursor: null });
    // The old key:value form still finds it, with a one-line warning naming key=value.
    const old = await cli(['list', '--label', 'origin:cli-e2e', '--json']);
    expect(JSON.parse(old.stdout)).toEqual(JSON.parse(listed.stdout));
    expect(old.stderr).toBe(
      'warning: --label origin:cli-e2e is the old key:value form; write --label origin=cli-e2e (key:value will be refused in a later version)\n',
    );
    const table = await cli(['list', '--label', 'origin=cli-e2e']);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+STATUS\s+JOB NAME\s+TEAM\s+CREATED \(UTC\)\s+LABELS$/);
    expect(table.stdout).toContain(record.id);

    // The same name while the first job lives: jobgate's 409, exit 5.
    const again = await cli(['submit', join(dir, 'seed.json')]);
    expect(again.code).toBe(5);
    expect(again.stderr).toMatch(new RegExp(sample.job_name));
  });

  it('submits a file of many jobs through the batch route: one line per item, exit 2 when one is refused, listed afterwards', async () => {
    const [a, b] = seedSamples();
    const jobs = {
      jobs: [{ ...a!, job_name: 'cli-batch-1' }, { training_job: { ...b!, job_name: 'cli-batch-2' }, labels: { kind: 'full' } }, { job_name: 'not valid' }],
    };
    const result = await cli(['submit', file('jobs.json', JSON.stringify(jobs)), '--label', 'origin=cli-batch']);
    expect(result.code).toBe(2);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^jobs\[0\]: accepted job [0-9a-f-]{36} \(cli-batch-1\): \w+$/);
    expect(lines[1]).toMatch(/^jobs\[1\]: accepted job [0-9a-f-]{36} \(cli-batch-2\): \w+$/);
    expect(lines[2]).toMatch(/^jobs\[2\]: refused \(400\) training_job\.job_name /);
    expect(lines[3]).toBe('2 of 3 accepted');
    const listed = JSON.parse((await cli(['list', '--label', 'origin=cli-batch', '--json'])).stdout);
    expect(listed.items.map((j: { job_name: string }) => j.job_name).sort()).toEqual(['cli-batch-1', 'cli-batch-2']);
  });

  it('shows escape sequences carried by labels as visible text in status and list, never raw; --json keeps them exact', async () => {
    const sample = { ...seedSamples()[1]!, job_name: 'cli-e2e-escape' };
    const labels = ['title=\u001b]0;pwned\u0007', 'clear=\u001b[2J', 'origin=cli-escape'].flatMap((l) => ['--label', l]);
    const submitted = await cli(['submit', file('escape.json', JSON.stringify(sample)), ...labels, '--json']);
    expect(submitted.code).toBe(0);
    const record = JSON.parse(submitted.stdout);
    expect(record.labels).toEqual({ title: '\u001b]0;pwned\u0007', clear: '\u001b[2J', origin: 'cli-escape' });

    const status = await cli(['status', record.id]);
    const list = await cli(['list', '--label', 'origin=cli-escape']);
    for (const shown of [status, list]) {
      expect(shown.code).toBe(0);
      expect(shown.stdout).not.toContain('\u001b');
      expect(shown.stdout).not.toContain('\u0007');
      expect(shown.stdout).toContain('title=\\x1b]0;pwned\\x07');
      expect(shown.stdout).toContain('clear=\\x1b[2J');
    }
    expect(JSON.parse((await cli(['status', record.id, '--json'])).stdout).labels).toEqual(record.labels);
  });

  it('takes a full jobgate request written in YAML, with its own labels', async () => {
    const yaml = [
      'training_job:',
      '  job_name: cli-e2e-yaml',
      '  config:',
      '    worker_server_num: 1',
      '    app_url: /usr/app/',
      '    boot_file_url: /usr/app/boot.py',
      '    data_url: /usr/data/',
      '    spec_id: 1',
      '    engine_id: 1',
      'labels:',
      '  team: vision',
      '',
    ].join('\n');
    const result = await cli(['submit', file('wrapped.yaml', yaml), '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ job_name: 'cli-e2e-yaml', labels: { team: 'vision' } });
  });

  it('teams: an operator creates a team and its key; the team key submits and lists only its own jobs; a revoked key is refused', async () => {
    const created = await cli(['teams', 'create', 'vision', '--weight', '2', '--max-active', '5', '--json']);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const team = JSON.parse(created.stdout);
    expect(team).toMatchObject({ name: 'vision', weight: 2, max_active_jobs: 5, max_queued_jobs: null, usage: { queued: 0, active: 0 } });
    expect((await cli(['teams', 'create', 'speech'])).stdout).toMatch(/^created team speech \(/);

    const key = await cli(['keys', 'create', 'vision', '--name', 'ci']);
    expect(key.code).toBe(0);
    expect(key.stderr).toBe('This is the only time the key is shown: jobgate keeps only its hash. Store it now.\n');
    const teamKey = /^ {2}(jg_\S+)$/m.exec(key.stdout)?.[1];
    expect(teamKey).toMatch(/^jg_[A-Za-z0-9_-]{32}$/);
    const asTeam = { JOBGATE_API_KEY: teamKey! };

    const jobYaml = (name: string) =>
      [
        'job_name: ' + name,
        'config:',
        '  worker_server_num: 1',
        '  app_url: /usr/app/',
        '  boot_file_url: /usr/app/boot.py',
        '  data_url: /usr/data/',
        '  spec_id: 1',
        '  engine_id: 1',
        '',
      ].join('\n');
    const mine = JSON.parse((await cli(['submit', file('team-job.yaml', jobYaml('cli-e2e-vision')), '--json'], asTeam)).stdout);
    expect(mine.team).toBe('vision');
    const operators = JSON.parse((await cli(['submit', file('operator-job.yaml', jobYaml('cli-e2e-operator')), '--json'])).stdout);
    expect(operators.team).toBeNull();

    // The team key lists its own job only; the operator sees both, and narrows to the team with --team.
    const listedByTeam = JSON.parse((await cli(['list', '--all', '--json'], asTeam)).stdout).items.map((j: { id: string }) => j.id);
    expect(listedByTeam).toEqual([mine.id]);
    const all = JSON.parse((await cli(['list', '--all', '--json'])).stdout).items.map((j: { id: string }) => j.id);
    expect(all).toEqual(expect.arrayContaining([mine.id, operators.id]));
    const vision = await cli(['list', '--team', 'vision']);
    expect(vision.stdout.split('\n').filter((line) => /^[0-9a-f-]{36}\s/.test(line))).toEqual([
      expect.stringMatching(new RegExp(`^${mine.id}\\s+\\w+\\s+cli-e2e-vision\\s+vision\\s`)),
    ]);
    expect((await cli(['status', operators.id], asTeam)).code).toBe(4);
    expect((await cli(['status', mine.id])).stdout).toMatch(/^team: +vision$/m);

    // What the operator sees of the team: its usage counts the job, its key by prefix, never the key.
    const shown = await cli(['teams', 'show', 'vision']);
    expect(shown.stdout).toMatch(new RegExp(`^team: +${team.id} \\(vision\\)$`, 'm'));
    expect(shown.stdout).toMatch(/^webhook secret: +whsec_/m);
    const teams = await cli(['teams', 'list']);
    expect(teams.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+WEIGHT\s+MAX ACTIVE\s+MAX QUEUED\s+QUEUED\s+ACTIVE\s+SHARE$/);
    expect(teams.stdout).toMatch(/\sspeech\s+1\s+-\s+-\s+0\s+0\s+0$/m);
    const keys = JSON.parse((await cli(['keys', 'list', 'vision', '--json'])).stdout).items;
    expect(keys).toEqual([expect.objectContaining({ name: 'ci', prefix: teamKey!.slice(0, 11), revoked_at: null })]);
    expect(JSON.stringify(keys)).not.toContain(teamKey);

    // A team key may not manage teams: 403, exit 3.
    const refused = await cli(['teams', 'list'], asTeam);
    expect(refused).toEqual({ code: 3, stdout: '', stderr: 'jobgate refused this API key here (403): Only operator keys (API_KEYS) may use this route\n' });

    const revoked = await cli(['keys', 'revoke', 'vision', keys[0].id]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(new RegExp(`^revoked API key ${keys[0].id} \\(ci\\) of team vision at \\d{4}-\\d\\d-\\d\\d `));
    expect(await cli(['list'], asTeam)).toEqual({ code: 3, stdout: '', stderr: 'jobgate rejected the API key (401): set JOBGATE_API_KEY\n' });
  });

  it('a wrong API key: exit 3 and what to set', async () => {
    const result = await cli(['list'], { JOBGATE_API_KEY: 'not-the-key' });
    expect(result).toEqual({ code: 3, stdout: '', stderr: 'jobgate rejected the API key (401): set JOBGATE_API_KEY\n' });
  });

  it('an invalid job file: exit 2 and every invalid field by path, one per line', async () => {
    const result = await cli(['submit', file('invalid.yaml', 'job_name: "bad name!"\nconfig:\n  worker_server_num: 0\n')]);
    expect(result.code).toBe(2);
    const lines = result.stderr.split('\n');
    expect(lines[0]).toMatch(/invalid field/);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ {2}training_job\.job_name: must be 1–64 characters/),
        expect.stringMatching(/^ {2}training_job\.config\.worker_server_num: must be an integer/),
        expect.stringMatching(/^ {2}training_job\.config\.app_url: is required/),
      ]),
    );
    expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('a file that does not parse: exit 2, naming the file, before any request', async () => {
    const path = file('broken.yaml', 'job_name: a\n  config: b\n');
    const result = await cli(['submit', path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid YAML: .*line \\d+, column \\d+`));
  });

  it('an id that names nothing: exit 4', async () => {
    const result = await cli(['status', '00000000-0000-4000-8000-000000000000']);
    expect(result).toEqual({ code: 4, stdout: '', stderr: 'no job or sweep with id 00000000-0000-4000-8000-000000000000\n' });
  });

  it('nothing listening: exit 6 and where it looked', async () => {
    const url = await closedPortUrl();
    const result = await cli(['list'], { JOBGATE_URL: url });
    expect(result.code).toBe(6);
    expect(result.stderr).toBe(`cannot reach jobgate at ${url}: is it running? (ECONNREFUSED)\n`);
  });

  it('an unknown flag: exit 2 with the usage of the command', async () => {
    const result = await cli(['list', '--colour']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^unknown flag --colour\nUsage: jobgate list /);
  });
});

/** The commands for what ModelArts holds: the account's lists, reruns as versions, logs followed to the end. */
describe('jobgate CLI end to end: specs, engines, rerun and logs against api + worker + poller processes', () => {
  const receiver = new WebhookReceiver();
  const stack = new Stack({
    roles: { api: 1, worker: 1, poller: 1 },
    env: {
      POLL_INTERVAL_MS: '300',
      WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      WEBHOOK_ALLOWED_CIDRS: '127.0.0.0/8',
      WEBHOOK_RETRY_SCHEDULE: '1,1,1',
    },
    simEnv: { SIM_RUNNING_MS: '1500', SIM_LOG_LINES: '700' },
  });
  beforeAll(async () => {
    await receiver.start();
    await stack.start();
  }, 120_000);
  afterAll(async () => {
    await stack.stop();
    await receiver.stop();
  });

  const cli = (args: string[]) => runBuiltCli(args, { JOBGATE_URL: stack.apiUrl, JOBGATE_API_KEY: TEST_API_KEY });
  const dir = mkdtempSync(join(tmpdir(), 'jobgate-cli-e2e-'));
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it("lists the account's flavors and engines", async () => {
    const specs = await cli(['specs']);
    expect(specs.code).toBe(0);
    expect(specs.stdout.split('\n')[0]).toMatch(/^SPEC_ID\s+CODE\s+VCPUS\s+MEMORY\s+GPUS\s+MAX_WORKERS\s+CAPACITY$/);
    expect(specs.stdout).toMatch(/^3\s+modelarts\.vm\.gpu\.v100\s+8\s+64\s+1 × v100\s+4\s+no capacity now$/m);
    const engines = await cli(['engines', '--json']);
    expect(JSON.parse(engines.stdout).items.map((e: { engine_id: string }) => e.engine_id)).toEqual(['1', '4', '100', '122']);
  });

  it('reruns a job with a changed parameter, waits for the new version, and follows its log to the end', async () => {
    const trainingJob = {
      job_name: 'cli-rerun',
      config: {
        worker_server_num: 1,
        app_url: '/usr/app/',
        boot_file_url: '/usr/app/boot.py',
        data_url: '/usr/data/',
        spec_id: 1,
        engine_id: 1,
        train_url: '/usr/train/',
        model_id: 1,
        parameter: [{ label: 'lr', value: '0.1' }],
      },
    };
    const { body: original } = await stack.api('/v1/jobs', { body: { training_job: trainingJob } });
    await eventually(async () => (await stack.api(`/v1/jobs/${original.id}`)).body.modelarts?.version_id, { what: 'the job to reach ModelArts' });
    const rerun = await cli(['rerun', original.id, '--param', 'lr=0.05', '--wait', '--interval-ms', '200']);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toMatch(/succeeded .*\[V0002\]\n$/);
    const rerunId = /accepted rerun (\S+) of job/.exec(rerun.stdout)![1]!;
    const logs = await cli(['logs', rerunId, '--follow', '--interval-ms', '200']);
    expect(logs.code).toBe(0);
    const lines = logs.stdout.trim().split('\n');
    expect(lines).toHaveLength(700);
    expect(lines[0]).toBe('[worker 1/1] cli-rerun V0002 started: lr=0.05');
    expect(lines.at(-1)).toBe('[worker 1/1] training completed');
    expect(logs.stderr).toContain(`job ${rerunId} (cli-rerun) succeeded`);
  }, 60_000);

  it("deliveries shows a job's webhook events with each attempt; redeliver sends one again with the same webhook-id", async () => {
    // Every event fails once (500), then arrives on the retry.
    receiver.on('/cli', ({ seen }) => (seen === 1 ? 500 : 200));
    const { body: job } = await stack.api('/v1/jobs', { body: { training_job: sampleJob('cli-hooks'), webhook_url: `${receiver.url}/cli` } });
    type Delivery = { id: string; type: string; status: string };
    const items = await eventually(
      async () => {
        const found: Delivery[] = (await stack.api(`/v1/jobs/${job.id}/deliveries`)).body.items;
        return found.length === 3 && found.every((d) => d.status === 'delivered') ? found : null;
      },
      { what: 'three delivered webhooks' },
    );
    const json = await cli(['deliveries', job.id, '--json']);
    expect(json).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(json.stdout)).toEqual((await stack.api(`/v1/jobs/${job.id}/deliveries`)).body);

    const text = await cli(['deliveries', job.id]);
    expect(text.code).toBe(0);
    const url = `${receiver.url}/cli`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const type of ['job.submitted', 'job.running', 'job.succeeded']) {
      expect(text.stdout).toMatch(new RegExp(`^msg_[0-9a-f]{32}  ${type.replace('.', '\\.')}  delivered \\(2 attempts\\) at [\\d-]+ [\\d:]+  → ${url}$`, 'm'));
    }
    expect(text.stdout.match(/^ {2}1 +[\d-]+ [\d:]+ +500 +\d+ ms +\S/gm)).toHaveLength(3);
    expect(text.stdout.match(/^ {2}2 +[\d-]+ [\d:]+ +200 +\d+ ms +-$/gm)).toHaveLength(3);

    const first = items[0]!;
    const again = await cli(['redeliver', first.id]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`^redelivery queued: ${first.id}  job\\.submitted  \\w+ .*\nfollow it with: jobgate deliveries ${job.id}\n$`));
    await eventually(async () => receiver.received.filter((r) => r.id === first.id).length === 3, { what: 'the redelivery' });
    expect(receiver.received.filter((r) => r.id === first.id).map((r) => r.answered)).toEqual([500, 200, 200]);

    const missing = await cli(['redeliver', 'msg_00000000000000000000000000000000']);
    expect(missing).toEqual({ code: 4, stdout: '', stderr: 'no webhook event with id msg_00000000000000000000000000000000\n' });
    expect((await cli(['deliveries', '00000000-0000-4000-8000-000000000000'])).code).toBe(4);
  }, 60_000);

  it('sweeps lists sweeps with their status, progress and best value, filtered by status and paged with --cursor', async () => {
    const sweepFile = (name: string) =>
      JSON.stringify({
        name,
        template: { training_job: sampleJob(name) },
        method: 'grid',
        parameters: { lr: { values: [0.1, 0.01] } },
        max_parallel: 2,
        objective: { metric: 'loss', goal: 'minimize' },
      });
    const started = [];
    for (const name of ['cli-sweep-a', 'cli-sweep-b']) {
      const result = await cli(['sweep', file(`${name}.json`, sweepFile(name)), '--json']);
      expect(result.code).toBe(0);
      started.push(JSON.parse(result.stdout) as { id: string });
    }
    const [a, b] = started as [{ id: string }, { id: string }];
    // One trial of the first sweep reports its loss, as its training code would.
    const trials = (await stack.api(`/v1/sweeps/${a.id}/trials`)).body.items as Array<{ id: string; trial: number }>;
    expect((await stack.api(`/v1/jobs/${trials[1]!.id}/metrics`, { body: { metrics: { loss: 0.25 } } })).status).toBe(200);

    const listed = await cli(['sweeps', '--json']);
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    const document = JSON.parse(listed.stdout);
    expect(document.items.map((s: { id: string }) => s.id)).toEqual([b.id, a.id]);
    expect(document.items[1]).toMatchObject({
      id: a.id,
      name: 'cli-sweep-a',
      trial_count: 2,
      best_trial: { trial: trials[1]!.trial, metrics: { loss: 0.25 } },
    });

    const table = await cli(['sweeps']);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+STATUS\s+NAME\s+TEAM\s+TRIALS\s+BEST\s+CREATED \(UTC\)$/);
    expect(table.stdout).toMatch(
      new RegExp(`^${a.id}\\s+\\w+\\s+cli-sweep-a\\s+-\\s+\\d/2 done.*\\s+min loss=0\\.25 \\(trial ${trials[1]!.trial}\\)\\s+[\\d-]+ [\\d:]+$`, 'm'),
    );

    // One per page: the hint names the cursor, which reads the next page.
    const page1 = await cli(['sweeps', '--limit', '1']);
    const cursor = /more sweeps: add --cursor (\S+) \(or --all\)/.exec(page1.stdout)?.[1];
    expect(page1.stdout).toContain(b.id);
    const page2 = JSON.parse((await cli(['sweeps', '--limit', '1', '--cursor', cursor!, '--json'])).stdout);
    expect(page2.items.map((s: { id: string }) => s.id)).toEqual([a.id]);

    const none = await cli(['sweeps', '--status', 'failed']);
    expect(none).toMatchObject({ code: 0, stdout: 'no sweeps\n' });
    const refused = await cli(['sweeps', '--status', 'bogus']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/\n {2}query\.status: must be one of running, canceling, succeeded, failed, canceled\n$/);
  }, 60_000);
});

function runBuiltCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

/** The completion script of the built command, sourced into a real bash as a user's shell would. */
describe('jobgate completion end to end: the built command', () => {
  it('bash completes "jobgate su" to submit, and a group command', () => {
    const complete = (words: string, cword: number) =>
      execFileSync(
        'bash',
        [
          '-c',
          `source <(${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} completion bash); COMP_WORDS=(${words}); COMP_CWORD=${cword}; _jobgate; echo "\${COMPREPLY[@]}"`,
        ],
        { encoding: 'utf8' },
      );
    expect(complete('jobgate su', 1)).toBe('submit\n');
    expect(complete('jobgate keys r', 2)).toBe('revoke\n');
  });
});
