/// <reference lib="dom" />
// page.evaluate callbacks run in the browser: they use DOM globals.
/**
 * The web dashboard at /ui in a real browser (Debian's Chromium driven by playwright-core) against
 * the real stack: api + worker + poller on the simulator, webhooks to a local receiver. Everything the
 * page shows comes from the public /v1 API; the test drives the page as a user would (labels, roles,
 * clicks) and checks what the API and the receiver saw. Screenshots go to test-output/dashboard/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { Stack, TEST_API_KEY, eventually } from './support/stack';
import { sampleJob } from './support/seed-samples';
import { WebhookReceiver } from './support/webhook-receiver';

const CHROMIUM = '/usr/bin/chromium';
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const SHOTS = join(__dirname, '..', 'test-output', 'dashboard');
const DIST_INDEX = join(__dirname, '..', 'apps', 'dashboard', 'dist', 'index.html');

/** A 2×3 grid: six trials, two at a time, ranked by `loss`. */
const SWEEP = {
  name: 'dash search',
  template: { training_job: sampleJob('dash'), labels: { team: 'vision' } },
  method: 'grid',
  parameters: { lr: { values: [0.1, 0.01] }, batch: { values: [16, 32, 64] } },
  max_parallel: 2,
  objective: { metric: 'loss', goal: 'minimize' },
};
/** Unique per trial; lowest (best) at lr 0.01, batch 32. */
const lossOf = (p: Record<string, string>) => Math.round((Number(p.lr) * 5 + Math.abs(Number(p.batch) - 32) / 64) * 1000) / 1000;

type Trial = { id: string; trial: number; status: string; parameters: Record<string, string>; metrics: Record<string, number> | null };

const describeIfBrowser = existsSync(CHROMIUM) ? describe : describe.skip;

describeIfBrowser('dashboard in a real browser', () => {
  const receiver = new WebhookReceiver();
  let stack: Stack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** Every URL the pages asked for: all must be the api's own. */
  const requested: string[] = [];
  /** Uncaught exceptions and CSP violations in the pages. */
  const pageProblems: string[] = [];
  let sweepId = '';

  beforeAll(async () => {
    if (!existsSync(DIST_INDEX)) throw new Error('build the dashboard first: npm run build (apps/dashboard/dist is missing)');
    mkdirSync(SHOTS, { recursive: true });
    await receiver.start();
    // Trials have no webhook_url of their own: their events go to the default receiver.
    stack = new Stack({
      roles: { api: 1, worker: 1, poller: 1 },
      env: {
        WEBHOOK_SECRET: SECRET,
        WEBHOOK_URL: `${receiver.url}/default`,
        WEBHOOK_ALLOWED_CIDRS: '127.0.0.0/8',
        WEBHOOK_RETRY_SCHEDULE: '1,1,1',
        POLL_INTERVAL_MS: '300',
        MAX_ACTIVE_JOBS: '50',
      },
      simEnv: { SIM_INIT_MS: '200', SIM_WAITING_MS: '200', SIM_RUNNING_MS: '2500', SIM_KILL_MS: '500' },
    });
    await stack.start();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    ({ context, page } = await openPage(1280, 900));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await receiver.stop();
  });

  async function openPage(width: number, height: number): Promise<{ context: BrowserContext; page: Page }> {
    const ctx = await browser.newContext({ viewport: { width, height } });
    const p = await ctx.newPage();
    p.on('request', (r) => requested.push(r.url()));
    p.on('pageerror', (err) => pageProblems.push(`pageerror: ${err.message}`));
    p.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) pageProblems.push(`console: ${m.text()}`);
    });
    return { context: ctx, page: p };
  }

  const shot = (p: Page, name: string) => p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const text = async (p: Page, selector: string) => ((await p.locator(selector).first().textContent()) ?? '').trim();
  /** Clicks a sortable header's button and waits for the table to say it is sorted that way. */
  const sortBy = async (header: ReturnType<Page['locator']>, direction: 'ascending' | 'descending') => {
    await header.getByRole('button').click();
    await eventually(async () => (await header.getAttribute('aria-sort')) === direction, { what: `aria-sort=${direction}`, timeoutMs: 5_000, intervalMs: 50 });
  };
  const signIn = async (p: Page, key: string) => {
    await p.getByLabel('API key').fill(key);
    await p.getByRole('button', { name: 'Sign in' }).click();
  };

  it('serves the page without a key, and a wrong key gets a clear error on the sign-in screen', async () => {
    const res = await fetch(`${stack.apiUrl}/ui/sweeps/some-id`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await fetch(`${stack.apiUrl}/ui/assets/missing.js`)).status).toBe(404);

    await page.goto(`${stack.apiUrl}/ui/`);
    await signIn(page, 'not-the-key');
    const error = page.locator('#api-key-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('Wrong API key');
    expect(await page.getByLabel('API key').getAttribute('aria-invalid')).toBe('true');
    await shot(page, '01-sign-in-wrong-key');
  });

  it('signs in with the right key and shows the empty job list', async () => {
    await signIn(page, TEST_API_KEY);
    await page.getByRole('heading', { level: 1, name: 'Jobs' }).waitFor();
    await page.getByText('No jobs yet — submit one with POST /v1/jobs').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('jobgate.apiKey'))).toBe(TEST_API_KEY);
    await shot(page, '02-jobs-empty');
  });

  it('follows a sweep live until every trial has ended, keeping the chosen sort through refreshes', async () => {
    const created = await stack.api('/v1/sweeps', { body: SWEEP });
    expect(created.status).toBe(202);
    sweepId = created.body.id;
    // Training code reports its final metrics while it runs; this plays that part for each trial.
    const reporter = reportMetricsWhileRunning(sweepId).then(
      () => null,
      (err: unknown) => err,
    );

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sweeps' }).click();
    const row = page.locator(`tr[data-sweep-id="${sweepId}"]`);
    await row.waitFor();
    await shot(page, '03-sweeps-running');
    await row.getByRole('link', { name: 'dash search' }).click();
    await page.getByRole('heading', { level: 1, name: 'dash search' }).waitFor();
    expect(await page.locator('.live-hint').getAttribute('data-live')).toBe('true');

    // Trials start in trial order; one click on that header reverses it. Live refreshes must keep it.
    const trialHeader = page.locator('th', { has: page.getByRole('button', { name: /^Trial/ }) });
    expect(await trialHeader.getAttribute('aria-sort')).toBe('ascending');
    await sortBy(trialHeader, 'descending');
    expect(page.url()).toContain('sort=trial&dir=desc');
    await shot(page, '04-sweep-running');

    // Waits on the worker submitting and the poller following trials and releasing the next ones.
    await eventually(async () => (await text(page, '.progress-text')) === '6/6' && (await text(page, '.facts .badge')) === 'succeeded', {
      what: 'the sweep page to show 6/6 trials ended and the sweep succeeded',
      timeoutMs: 120_000,
      intervalMs: 250,
    });
    expect(await reporter).toBeNull();
    expect(await trialHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await page.locator('tbody tr[data-trial]').first().getAttribute('data-trial')).toBe('6');
    expect(await page.locator('.live-hint').getAttribute('data-live')).toBe('false');

    await page.getByRole('link', { name: '← Sweeps' }).click();
    await eventually(async () => (await row.locator('.progress-text').textContent()) === '6/6', { what: 'the list to show 6/6' });
    expect(await row.locator('.badge').textContent()).toBe('succeeded');
    expect(await row.locator('.progress-bar').getAttribute('aria-label')).toBe('6 of 6 trials ended: 6 succeeded');
    await shot(page, '05-sweeps-done');
  }, 180_000);

  it('sorts the trials by the metric, highlights the best trial and charts the objective', async () => {
    const detail = (await stack.api(`/v1/sweeps/${sweepId}`)).body as { trials: Trial[]; best_trial: Trial };
    detail.trials = (await stack.api(`/v1/sweeps/${sweepId}/trials?limit=1000`)).body.items as Trial[];
    const best = detail.trials.reduce((a, b) => (lossOf(a.parameters) <= lossOf(b.parameters) ? a : b));
    expect(detail.best_trial.id).toBe(best.id);

    await page.locator(`tr[data-sweep-id="${sweepId}"]`).getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: 'dash search' }).waitFor();
    const bestRow = page.locator('tr[data-best="true"]');
    expect(await bestRow.count()).toBe(1);
    expect(await bestRow.getAttribute('data-trial')).toBe(String(best.trial));
    expect(await bestRow.textContent()).toContain('best');

    const lossHeader = page.locator('th', { has: page.getByRole('button', { name: /^loss/ }) });
    await sortBy(lossHeader, 'ascending');
    const trialOrder = () => page.locator('tbody tr[data-trial]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-trial'))));
    const byLoss = [...detail.trials].sort((a, b) => lossOf(a.parameters) - lossOf(b.parameters)).map((t) => t.trial);
    expect(await trialOrder()).toEqual(byLoss);
    await sortBy(lossHeader, 'descending');
    expect(await trialOrder()).toEqual([...byLoss].reverse());
    await sortBy(lossHeader, 'ascending');
    expect(await page.locator('tbody tr[data-trial]').first().getAttribute('data-best')).toBe('true');

    // The three charts drew on their canvases (the learning curves: one line per trial by step);
    // the select switches the scatter's parameter.
    await page.getByRole('img', { name: 'Line chart of loss by step for 6 trials' }).waitFor();
    expect(await page.locator('canvas[role="img"]').count()).toBe(3);
    const select = page.getByLabel('loss against', { exact: true });
    expect(await select.inputValue()).toBe('lr');
    await select.selectOption('batch');
    await page.getByRole('img', { name: 'Scatter chart of loss against batch for 6 trials' }).waitFor();
    const painted = await page
      .locator('canvas')
      .first()
      .evaluate((c) => (c as unknown as { toDataURL(): string }).toDataURL().length);
    expect(painted).toBeGreaterThan(3_000);
    // The sweep has ended: its cancel button is disabled and says why.
    expect(await page.getByRole('button', { name: 'Cancel sweep' }).isDisabled()).toBe(true);
    await shot(page, '06-sweep-sorted-by-loss');
  });

  it('re-sends a webhook from a job page, with the same webhook-id', async () => {
    const first = page.locator('tbody tr[data-trial]').first();
    await first.getByRole('link').click();
    await page.getByRole('heading', { name: 'Webhook deliveries' }).waitFor();
    const jobId = new URL(page.url()).pathname.split('/').pop()!;
    // Waits on the worker delivering job.submitted, job.running and job.succeeded to the receiver.
    const succeeded = page.locator('tr[data-delivery-id]', { has: page.locator('code', { hasText: 'job.succeeded' }) });
    await eventually(async () => (await succeeded.count()) === 1 && (await succeeded.locator('.badge').textContent()) === 'delivered', {
      what: 'the job.succeeded delivery to show delivered',
    });
    const deliveryId = (await succeeded.getAttribute('data-delivery-id'))!;
    const hits = () => receiver.at('/default', SECRET).filter((h) => h.id === deliveryId);
    expect(hits()).toHaveLength(1);

    await succeeded.getByRole('button', { name: 'Re-send job.succeeded' }).click();
    await page.getByText('Re-send of job.succeeded queued.').waitFor();
    await eventually(async () => hits().length === 2, { what: 'the receiver to get job.succeeded again' });
    expect(JSON.parse(hits()[1]!.body).data.id).toBe(jobId);
    // The page follows the re-send until it is delivered again.
    await eventually(async () => (await succeeded.locator('summary').textContent()) === '2 attempts', { what: 'the row to show 2 attempts' });
    expect(await page.getByRole('button', { name: 'Cancel job' }).isDisabled()).toBe(true);
    await page.locator('.raw-json summary').click();
    await shot(page, '07-job-redelivered');
  });

  it('cancels a running job from its page after a confirmation, and the page follows it to canceled', async () => {
    const { body: long } = await stack.api('/v1/jobs', { body: { training_job: sampleJob('dash-long'), labels: { team: 'vision', kind: 'long' } } });
    const submitted = await eventually(
      async () => {
        const record = (await stack.api(`/v1/jobs/${long.id}`)).body;
        return record.modelarts?.job_id ? record : null;
      },
      { what: 'the long job to reach ModelArts', intervalMs: 50 },
    );
    // Pinned RUNNING in the simulator: it runs until someone stops it.
    await stack.sim(`/jobs/${submitted.modelarts.job_id}/status`, { body: { status: 8 } });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
    await page.getByLabel('Labels').fill('kind:long');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.locator(`tr[data-job-id="${long.id}"]`).getByRole('link', { name: 'dash-long' }).click();
    await eventually(async () => (await text(page, '.facts .badge')) === 'running', { what: 'the job page to show running' });
    expect(await page.locator('.live-hint').getAttribute('data-live')).toBe('true');
    // The log panel follows the running job: its lines grow while the page stays open.
    const log = page.locator('pre.log');
    const lineCount = async () => Number((await log.getAttribute('data-line-count')) ?? 0);
    await eventually(async () => (await log.count()) === 1 && (await lineCount()) > 0, { what: 'log lines on the job page' });
    const seen = await lineCount();
    expect(await text(page, 'pre.log')).toMatch(/^1 {2}\[worker 1\/1\] dash-long V0001 started: /);
    await eventually(async () => (await lineCount()) > seen, { what: 'more log lines while the job runs' });
    expect(await page.locator('.log-state').getAttribute('data-following')).toBe('true');

    await page.getByRole('button', { name: 'Cancel job' }).click();
    await page.getByRole('button', { name: 'Keep it' }).click();
    expect(await page.getByRole('button', { name: 'Cancel job' }).isEnabled()).toBe(true);
    expect((await stack.api(`/v1/jobs/${long.id}`)).body.status).toBe('running');
    await page.getByRole('button', { name: 'Cancel job' }).click();
    await page.getByRole('button', { name: 'Yes, cancel job' }).click();
    // The outcome line shows until the job has ended (then the status says it).
    await eventually(async () => (await page.getByText(/Cancel requested|Job canceled/).count()) === 1 || (await text(page, '.facts .badge')) !== 'running', {
      what: 'the cancel outcome',
      timeoutMs: 5_000,
      intervalMs: 50,
    });
    expect((await stack.api(`/v1/jobs/${long.id}`)).body.status).toMatch(/^cancel(ing|ed)$/);
    // Waits on the worker's stop call and the poller seeing KILLED.
    await eventually(async () => (await text(page, '.facts .badge')) === 'canceled', { what: 'the job page to show canceled', timeoutMs: 30_000 });
    expect((await stack.api(`/v1/jobs/${long.id}`)).body.status).toBe('canceled');
    expect(await page.getByRole('button', { name: 'Cancel job' }).isDisabled()).toBe(true);
    expect(await page.locator('.timeline').textContent()).toContain('canceled');
    // Once the job has ended and its log was read to the end, the panel stops following.
    await eventually(async () => (await page.locator('.log-state').getAttribute('data-following')) === 'false', { what: 'the log panel to stop following' });
    await shot(page, '08-job-canceled');
  });

  it("shows a rerun's versions and its own log, and links back to the job it reruns", async () => {
    const versionable = {
      ...sampleJob('dash-versions'),
      config: { ...sampleJob('dash-versions').config, train_url: '/usr/train/', model_id: 1, parameter: [{ label: 'lr', value: '0.1' }] },
    };
    const { body: original } = await stack.api('/v1/jobs', { body: { training_job: versionable } });
    await eventually(async () => (await stack.api(`/v1/jobs/${original.id}`)).body.status === 'succeeded', { what: 'the job to succeed', timeoutMs: 60_000 });
    const { body: rerun } = await stack.api(`/v1/jobs/${original.id}/rerun`, { body: { config: { parameter: [{ label: 'lr', value: '0.05' }] } } });
    expect(rerun.rerun_of).toBe(original.id);

    await page.goto(`${stack.apiUrl}/ui/jobs/${rerun.id}`);
    await page.getByRole('heading', { name: 'ModelArts versions' }).waitFor();
    const rows = page.locator('tr[data-version-of]');
    await eventually(async () => (await rows.count()) === 2 && (await rows.nth(1).locator('code').first().textContent()) === 'V0002', {
      what: 'V0001 and V0002 in the versions table',
      timeoutMs: 30_000,
    });
    expect(await rows.nth(1).getAttribute('aria-current')).toBe('true');
    expect(await rows.nth(1).textContent()).toContain('V0001'); // derived from
    expect(await page.locator('.facts').getByRole('link', { name: original.id }).count()).toBe(1);
    // Its log is its own version's, followed to the end of the run.
    await eventually(
      async () => (await page.locator('.log-state').getAttribute('data-following')) === 'false' && (await text(page, '.facts .badge')) === 'succeeded',
      { what: 'the rerun to end and its log to be read through', timeoutMs: 60_000 },
    );
    const log = await text(page, 'pre.log');
    expect(log).toMatch(/dash-versions V0002 started: lr=0\.05/);
    expect(log.trim().split('\n').at(-1)).toMatch(/training completed$/);
    await rows.nth(0).getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: 'dash-versions' }).waitFor();
    await eventually(async () => (await page.locator('tr[data-version-of][aria-current="true"] code').first().textContent()) === 'V0001', {
      what: "the original's page",
    });
    await shot(page, '08b-job-versions');
  }, 120_000);

  it('keeps list filters in the URL across a reload', async () => {
    await page.goto(`${stack.apiUrl}/ui/jobs`);
    await page.getByLabel('Status').selectOption('succeeded');
    await page.getByLabel('Sweep ID').fill(sweepId);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await eventually(async () => (await page.locator('tr[data-job-id]').count()) === 6, { what: 'six succeeded trials' });
    await page.reload();
    await page.locator('tr[data-job-id]').first().waitFor();
    expect(await page.getByLabel('Status').inputValue()).toBe('succeeded');
    expect(await page.getByLabel('Sweep ID').inputValue()).toBe(sweepId);
    expect(await page.locator('tr[data-job-id]').count()).toBe(6);
    expect(new URL(page.url()).searchParams.get('sweep_id')).toBe(sweepId);
    await shot(page, '09-jobs-filtered');
  });

  it('shows a banner with a retry when the API is down, and recovers', async () => {
    const isApi = (url: URL) => url.pathname.startsWith('/v1/');
    await page.route(isApi, (route) => route.abort('connectionrefused'));
    await page.goto(`${stack.apiUrl}/ui/jobs`);
    const banner = page.getByRole('alert').filter({ hasText: 'The jobgate API is not answering' });
    await banner.waitFor();
    await shot(page, '10-api-down');
    await page.unroute(isApi);
    await banner.getByRole('button', { name: 'Retry now' }).click();
    await page.locator('tr[data-job-id]').first().waitFor();
    expect(await banner.count()).toBe(0);
  });

  it('sends a user whose saved key stops working back to sign-in, saying why', async () => {
    await page.evaluate(() => sessionStorage.setItem('jobgate.apiKey', 'rotated-away'));
    await page.reload();
    await page.getByText('The API refused the saved key (401 Unauthorized)').waitFor();
    expect(await page.getByLabel('API key').count()).toBe(1);
    expect(await page.evaluate(() => sessionStorage.getItem('jobgate.apiKey'))).toBeNull();
    await signIn(page, TEST_API_KEY);
    await page.locator('tr[data-job-id]').first().waitFor();
  });

  it('fits the job list in a 390 px wide screen: the table scrolls inside its box, the page does not', async () => {
    const narrow = await openPage(390, 844);
    try {
      await narrow.page.goto(`${stack.apiUrl}/ui/jobs`);
      // Keyboard only: the key field takes focus, Enter submits.
      await eventually(() => narrow.page.evaluate(() => document.activeElement?.id === 'api-key'), {
        what: 'focus on the key field',
        timeoutMs: 5_000,
        intervalMs: 50,
      });
      await narrow.page.keyboard.type(TEST_API_KEY);
      await narrow.page.keyboard.press('Enter');
      await narrow.page.locator('tr[data-job-id]').first().waitFor();
      const widths = await narrow.page.evaluate(() => {
        const box = document.querySelector('.table-scroll')!;
        return { page: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth, box: box.clientWidth, table: box.scrollWidth };
      });
      expect(widths.page).toBeLessThanOrEqual(widths.viewport);
      expect(widths.table).toBeGreaterThan(widths.box);
      await shot(narrow.page, '11-jobs-390px');
      await narrow.page.goto(`${stack.apiUrl}/ui/sweeps/${sweepId}`);
      await narrow.page.locator('tr[data-best="true"]').waitFor();
      expect(await narrow.page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      // Sorting from the keyboard: Tab reaches the header buttons, Enter sorts, the focus ring shows.
      const batchHeader = narrow.page.locator('th', { has: narrow.page.getByRole('button', { name: /^batch/ }) });
      await narrow.page.getByRole('button', { name: /^lr/ }).focus();
      await narrow.page.keyboard.press('Tab');
      expect(await narrow.page.evaluate(() => document.activeElement?.textContent)).toMatch(/^batch/);
      expect(await narrow.page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
      await narrow.page.keyboard.press('Enter');
      await eventually(async () => (await batchHeader.getAttribute('aria-sort')) === 'ascending', {
        what: 'sorted by batch',
        timeoutMs: 5_000,
        intervalMs: 50,
      });
      await shot(narrow.page, '12-sweep-390px');
    } finally {
      await narrow.context.close();
    }
  });

  /** Set by the Teams test: the team it created, a working key of it and a job of it pinned RUNNING. */
  const team = { id: '', key: '', jobId: '' };
  const fact = (p: Page, term: string) => p.locator('.fact', { has: p.locator('dt', { hasText: new RegExp(`^${term}$`) }) }).locator('dd');

  it('lets an operator create a team, see its usage, create a key shown once, rotate its secret and revoke a key', async () => {
    await page.goto(`${stack.apiUrl}/ui/jobs`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Teams' }).click();
    await page.getByRole('heading', { level: 1, name: 'Teams' }).waitFor();
    await page.getByText('No teams yet — create one below.').waitFor();

    // A bad form: the API's problems show next to their fields, nothing is created.
    const form = page.getByRole('form', { name: 'Create a team' });
    await form.getByLabel('Name', { exact: true }).fill('Not A Slug');
    await form.getByLabel('Weight').fill('0');
    await form.getByRole('button', { name: 'Create team' }).click();
    await form.locator('#team-weight-error').waitFor();
    expect(await form.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('#team-weight-error').textContent()).toMatch(/integer from 1/);
    expect((await stack.api('/v1/teams')).body.items).toEqual([]);
    await shot(page, '13-teams-form-refused');

    await form.getByLabel('Name', { exact: true }).fill('vision');
    await form.getByLabel('Weight').fill('2');
    await form.getByLabel('Max active jobs').fill('5');
    await form.getByRole('button', { name: 'Create team' }).click();
    await page.getByRole('heading', { level: 1, name: 'vision' }).waitFor();
    team.id = new URL(page.url()).pathname.split('/').pop()!;
    expect((await stack.api(`/v1/teams/${team.id}`)).body).toMatchObject({ name: 'vision', weight: 2, max_active_jobs: 5, max_queued_jobs: null });
    expect(await fact(page, 'Max active jobs').textContent()).toBe('5');
    // The secret stays hidden until asked for.
    const secret = (await stack.api(`/v1/teams/${team.id}`)).body.webhook_secret as string;
    expect(await page.locator('body').textContent()).not.toContain(secret);
    await fact(page, 'Webhook secret').getByRole('button', { name: 'Show' }).click();
    expect(await fact(page, 'Webhook secret').locator('code').textContent()).toBe(secret);

    // A new key: shown in the page once, working at once, listed by prefix only.
    await page.getByLabel('Key name').fill('ci');
    await page.getByRole('button', { name: 'Create key' }).click();
    const notice = page.getByRole('region', { name: /Copy the new key “ci” now/ });
    await notice.waitFor();
    team.key = ((await notice.locator('.key-value').textContent()) ?? '').trim();
    expect(team.key).toMatch(/^jg_[A-Za-z0-9_-]{32}$/);
    expect(await notice.textContent()).toContain('This is the only time it is shown');
    expect((await stack.api('/v1/team', { headers: { Authorization: `Bearer ${team.key}` } })).body).toMatchObject({ id: team.id, name: 'vision' });
    const ciRow = page.locator('tr[data-key-id]', { hasText: 'ci' });
    await ciRow.waitFor();
    expect(await ciRow.locator('code').textContent()).toBe(`${team.key.slice(0, 11)}…`);
    await shot(page, '14-team-key-created');
    await notice.getByRole('button', { name: 'I have stored it' }).click();
    expect(await notice.count()).toBe(0);
    expect(await page.locator('body').textContent()).not.toContain(team.key);

    // Rotation: a new secret, and the old one signs on for the overlap.
    await page.getByRole('button', { name: 'Rotate webhook secret' }).click();
    await page.getByRole('button', { name: 'Yes, rotate secret' }).click();
    await page.getByText(/New webhook secret in place\. Webhooks carry signatures of both secrets until/).waitFor();
    const rotated = (await stack.api(`/v1/teams/${team.id}`)).body;
    expect(rotated.webhook_secret).not.toBe(secret);
    await eventually(async () => /^also signs until \d{4}-/.test((await fact(page, 'Previous secret').textContent()) ?? ''), {
      what: 'the previous secret to show its end',
    });

    // A second key, revoked after a confirmation: refused at once.
    await page.getByLabel('Key name').fill('laptop');
    await page.getByRole('button', { name: 'Create key' }).click();
    const laptopKey = (
      (await page
        .getByRole('region', { name: /Copy the new key “laptop” now/ })
        .locator('.key-value')
        .textContent()) ?? ''
    ).trim();
    const laptopRow = page.locator('tr[data-key-id]', { hasText: 'laptop' });
    await laptopRow.getByRole('button', { name: 'Revoke laptop' }).click();
    await laptopRow.getByRole('button', { name: 'Yes, revoke key' }).click();
    await page.getByText('Key laptop revoked: jobgate refuses it from now on.').waitFor();
    await eventually(async () => (await laptopRow.getAttribute('data-revoked')) === 'true', { what: 'the laptop key to show revoked' });
    expect(await laptopRow.locator('.badge').textContent()).toMatch(/^revoked \d{4}-/);
    expect((await stack.api('/v1/jobs', { headers: { Authorization: `Bearer ${laptopKey}` } })).status).toBe(401);
    expect(await page.locator('tr[data-key-id][data-revoked="false"]').count()).toBe(1);
    await shot(page, '15-team-page');
  });

  it("shows a team's usage on the Teams page, and its jobs under the operator's team filter", async () => {
    const { body: job } = await stack.api('/v1/jobs', { body: { training_job: sampleJob('dash-team') }, headers: { Authorization: `Bearer ${team.key}` } });
    expect(job.team).toBe('vision');
    team.jobId = job.id;
    const submitted = await eventually(
      async () => {
        const record = (await stack.api(`/v1/jobs/${job.id}`)).body;
        return record.modelarts?.job_id ? record : null;
      },
      { what: 'the team job to reach ModelArts', intervalMs: 50 },
    );
    // Pinned RUNNING: it holds one of the team's slots until canceled.
    await stack.sim(`/jobs/${submitted.modelarts.job_id}/status`, { body: { status: 8 } });

    await page.getByRole('link', { name: '← Teams' }).click();
    const row = page.locator(`tr[data-team-id="${team.id}"]`);
    await eventually(async () => (await row.locator('[data-usage="active"]').textContent()) === '1', { what: 'the Teams page to count the active job' });
    expect(await row.locator('td').evaluateAll((cells) => cells.slice(0, 4).map((c) => c.textContent))).toEqual(['vision', '2', '5', 'no cap']);
    expect(await row.locator('[data-usage="share"]').textContent()).toBe('0.5');
    await shot(page, '16-teams');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
    await page.getByLabel('Team', { exact: true }).selectOption('vision');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await eventually(async () => new URL(page.url()).searchParams.get('team') === 'vision' && (await page.locator('tr[data-job-id]').count()) === 1, {
      what: "the list to show the team's one job",
    });
    const jobRow = page.locator(`tr[data-job-id="${job.id}"]`);
    expect(await jobRow.locator('.team-cell').textContent()).toBe('vision');
    await shot(page, '17-jobs-team-filter');
    await jobRow.getByRole('link', { name: 'dash-team' }).click();
    await page.getByRole('heading', { level: 1, name: 'dash-team' }).waitFor();
    expect(await fact(page, 'Team').textContent()).toBe('vision');
    // An operator's sweep has no team, and says so.
    await page.goto(`${stack.apiUrl}/ui/sweeps/${sweepId}`);
    await page.getByRole('heading', { level: 1, name: 'dash search' }).waitFor();
    expect(await fact(page, 'Team').textContent()).toBe("none (an operator's)");
  });

  it("shows a team key its team's name, its own jobs only and no Teams page", async () => {
    const own = await openPage(1280, 900);
    try {
      await own.page.goto(`${stack.apiUrl}/ui/jobs`);
      await signIn(own.page, team.key);
      await own.page.locator('.app-header .team-name', { hasText: 'Team vision' }).waitFor();
      await own.page.locator('tr[data-job-id]').first().waitFor();
      expect(await own.page.locator('tr[data-job-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-job-id')))).toEqual([team.jobId]);
      const nav = own.page.getByRole('navigation', { name: 'Main' });
      expect(await nav.getByRole('link').allTextContents()).toEqual(['Jobs', 'Sweeps']);
      expect(await own.page.getByLabel('Team', { exact: true }).count()).toBe(0);
      expect(await own.page.locator('th', { hasText: /^Team$/ }).count()).toBe(0);
      await shot(own.page, '18-team-key-jobs');
      await own.page.getByRole('link', { name: 'dash-team' }).click();
      await own.page.getByRole('heading', { level: 1, name: 'dash-team' }).waitFor();
      expect(await fact(own.page, 'Team').textContent()).toBe('vision');
      // Another team's (here an operator's) sweep is a 404 for this key, and the Teams page explains itself.
      await own.page.goto(`${stack.apiUrl}/ui/sweeps/${sweepId}`);
      await own.page.getByRole('alert').filter({ hasText: '404' }).waitFor();
      await own.page.goto(`${stack.apiUrl}/ui/teams`);
      await own.page.getByText('Teams are managed with an operator key.').waitFor();
      expect(await own.page.getByText('This key belongs to team vision').count()).toBe(1);
      await shot(own.page, '19-team-key-no-teams-page');
    } finally {
      await own.context.close();
    }
    expect((await stack.api(`/v1/jobs/${team.jobId}/cancel`, { method: 'POST', headers: { Authorization: `Bearer ${team.key}` } })).status).toBe(202);
  });

  it('asked nothing of any other origin, and no page error or CSP violation happened', () => {
    const foreign = requested.filter((url) => !url.startsWith(stack.apiUrl) && !url.startsWith('data:'));
    expect(foreign).toEqual([]);
    expect(pageProblems).toEqual([]);
  });

  /** Posts each trial's `loss` once it runs (or has ended), until all six have one. */
  async function reportMetricsWhileRunning(id: string): Promise<void> {
    const reported = new Set<string>();
    await eventually(
      async () => {
        const trials = (await stack.api(`/v1/sweeps/${id}/trials?limit=1000`)).body.items as Trial[];
        for (const t of trials.filter((t) => !reported.has(t.id) && ['running', 'succeeded'].includes(t.status))) {
          // Two points of a learning curve, then the final metrics.
          for (const step of [0, 1])
            expect((await stack.api(`/v1/jobs/${t.id}/metrics`, { body: { step, metrics: { loss: lossOf(t.parameters) + 2 - step } } })).status).toBe(200);
          const res = await stack.api(`/v1/jobs/${t.id}/metrics`, { body: { metrics: { loss: lossOf(t.parameters), epochs: 3 } } });
          expect(res.status).toBe(200);
          reported.add(t.id);
        }
        return reported.size === trials.length;
      },
      { what: 'metrics for every trial', timeoutMs: 120_000, intervalMs: 150 },
    );
  }
});
