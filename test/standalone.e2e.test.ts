/// <reference lib="dom" />
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { createPool, quoteIdent } from '@jobgate/store';
import { eventually } from './support/stack';
import { duplicateKeys } from './support/duplicate-keys';
import { seedSamples } from './support/seed-samples';
import { testServices, uniqueName } from './support/services';

/**
 * `npm start` as a new user runs it: no MODELARTS_ENDPOINT and no API_KEYS. Every role and the
 * simulator run in one process, auth is off (and the log says so, and the api listens on loopback
 * only), and the seed samples go through. (newcomer.e2e.test.ts starts it with nothing running.)
 */
describe('npm start (every role in one process, built-in simulator)', () => {
  const name = uniqueName('standalone');
  let child: ChildProcess;
  let output = '';
  const urlOf = (msg: string) =>
    eventually(
      async () => {
        const line = output.split('\n').find((l) => l.includes(`"msg":"${msg}`));
        return line ? (JSON.parse(line).url as string) : null;
      },
      { what: `"${msg}" in the log` },
    );

  beforeAll(() => {
    const { redisUrl, databaseUrl } = testServices();
    child = spawn(process.execPath, [join(__dirname, '..', 'apps/standalone/dist/main.js')], {
      // Not the repository: a developer's own .env must not reach the test.
      cwd: __dirname,
      env: {
        PATH: process.env.PATH,
        PORT: '0',
        SIM_PORT: '0',
        REDIS_URL: redisUrl,
        DATABASE_URL: databaseUrl,
        DATABASE_SCHEMA: name,
        QUEUE_PREFIX: name,
        POLL_INTERVAL_MS: '300',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.stderr!.on('data', (c: Buffer) => {
      output += c.toString();
    });
  });
  afterAll(async () => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    const pool = createPool({ url: testServices().databaseUrl, max: 1 });
    await pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(name)} CASCADE`);
    await pool.end();
  });

  it('accepts the seed samples without a key, creates them in the simulator and follows them to succeeded', async () => {
    const api = await urlOf('api listening');
    const sim = await urlOf('MODELARTS_ENDPOINT not set');
    expect(output).toContain('API authentication is DISABLED');
    const ids: string[] = [];
    for (const sample of seedSamples()) {
      const res = await fetch(`${api}/v1/jobs`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ training_job: sample }),
      });
      expect(res.status).toBe(202);
      ids.push(((await res.json()) as { id: string }).id);
    }
    const simJobs = await eventually(
      async () => {
        const jobs = (await (await fetch(`${sim}/__sim/jobs`)).json()) as { job_name: string; body: unknown }[];
        return jobs.length === 3 ? jobs : null;
      },
      { what: 'three jobs in the simulator' },
    );
    for (const sample of seedSamples()) expect(simJobs.find((j) => j.job_name === sample.job_name)?.body).toEqual(sample);
    for (const id of ids) {
      await eventually(async () => ((await (await fetch(`${api}/v1/jobs/${id}`)).json()) as { status: string }).status === 'succeeded', {
        what: `job ${id} to succeed`,
      });
    }
  });

  it('tells the dashboard that no key is needed, and listens on loopback only', async () => {
    const api = await urlOf('api listening');
    expect(await (await fetch(`${api}/ui/config.json`)).json()).toEqual({ auth_required: false, default_webhook_receiver: false });
    const port = new URL(api).port;
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (outside) await expect(fetch(`http://${outside.address}:${port}/healthz`)).rejects.toThrow();
  });

  const CHROMIUM = '/usr/bin/chromium';
  (existsSync(CHROMIUM) ? it : it.skip)(
    'opens the dashboard without asking for a key, and a job page says that no webhook receiver is configured',
    async () => {
      const api = await urlOf('api listening');
      const jobs = (await (await fetch(`${api}/v1/jobs?limit=1`)).json()) as { items: { id: string }[] };
      const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
      try {
        const page = await browser.newPage();
        await page.goto(`${api}/ui/jobs/${jobs.items[0]!.id}`);
        await page.getByRole('heading', { name: 'Webhook deliveries' }).waitFor({ timeout: 15_000 });
        expect(await page.getByLabel('API key').count()).toBe(0);
        expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
        await page.getByText('Authentication off').waitFor();
        await page.getByText('No webhook receiver: this job has no webhook_url and the server has no WEBHOOK_URL').waitFor();
        await page.getByText('none: no webhook_url, and the server has no WEBHOOK_URL').waitFor();
        const shots = join(__dirname, '..', 'test-output', 'standalone');
        mkdirSync(shots, { recursive: true });
        await page.screenshot({ path: join(shots, 'job-page-auth-off.png'), fullPage: true });
      } finally {
        await browser.close();
      }
    },
  );

  it('logs JSON lines with every key once, each role named by its own role', () => {
    const lines = output.split('\n').filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.map((l) => ({ line: l, duplicates: duplicateKeys(l) })).filter((l) => l.duplicates.length > 0)).toEqual([]);
    const roleOf = (msg: string) => JSON.parse(lines.find((l) => l.includes(`"msg":"${msg}`))!).role;
    expect([roleOf('api listening'), roleOf('worker started'), roleOf('poller started'), roleOf('MODELARTS_ENDPOINT not set')]).toEqual([
      'api',
      'worker',
      'poller',
      'standalone',
    ]);
  });
});
