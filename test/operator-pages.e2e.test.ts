/// <reference lib="dom" />
// page.evaluate callbacks run in the browser: they use DOM globals.
/**
 * /docs (Swagger UI) and /admin/queues (bull-board) in a real browser (Debian's Chromium driven by
 * playwright-core) against a real api process: the pages work under jobgate's Content Security
 * Policy and load nothing from another origin.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Stack, TEST_API_KEY } from './support/stack';
import { sampleJob } from './support/seed-samples';

const CHROMIUM = '/usr/bin/chromium';
const describeIfBrowser = existsSync(CHROMIUM) ? describe : describe.skip;

describeIfBrowser('operator pages in a real browser', () => {
  const stack = new Stack({ roles: { api: 1 } });
  let browser: Browser;
  beforeAll(async () => {
    await stack.start();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stack.stop();
  });

  /** A page that records what it requested and every script error or CSP refusal. */
  async function open(): Promise<{ page: Page; requested: string[]; problems: string[] }> {
    const page = await (await browser.newContext()).newPage();
    const requested: string[] = [];
    const problems: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
    return { page, requested, problems };
  }

  it('/docs renders every operation from /openapi.json, with scripts and styles from the api alone', async () => {
    const { page, requested, problems } = await open();
    await page.goto(`${stack.apiUrl}/docs`);
    await page.locator('.opblock-summary-path', { hasText: '/v1/sweeps/{id}/cancel' }).first().waitFor({ timeout: 15_000 });
    const operations = await page.locator('.opblock').count();
    expect(operations).toBeGreaterThanOrEqual(16);
    expect(await page.locator('.schema-container, .models').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    expect(requested.filter((url) => !url.startsWith(stack.apiUrl) && !url.startsWith('data:'))).toEqual([]);
    expect(requested).toContain(`${stack.apiUrl}/openapi.json`);
  });

  it('/admin/queues opens once with ?api_key=, keeps the session in an HttpOnly cookie, and shows the queues', async () => {
    expect((await stack.api('/v1/jobs', { body: { training_job: sampleJob('waiting-for-a-worker') } })).status).toBe(202);
    const { page, requested, problems } = await open();
    await page.goto(`${stack.apiUrl}/admin/queues?api_key=${TEST_API_KEY}`);
    expect(page.url()).toBe(`${stack.apiUrl}/admin/queues`);
    await page.getByText('submit', { exact: true }).first().waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await page.reload();
    await page.getByText('webhook', { exact: true }).first().waitFor({ timeout: 15_000 });
    // bull-board links IBM Plex from Google Fonts; the CSP refuses it and the page uses system fonts.
    expect(problems.filter((p) => !p.includes('fonts.googleapis.com'))).toEqual([]);
    expect(requested.filter((url) => !url.startsWith(stack.apiUrl) && !url.includes('fonts.googleapis.com'))).toEqual([]);
  });
});
