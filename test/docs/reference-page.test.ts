import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Server } from '../server/spawn-server';
import { CHROMIUM } from '../sidebar/stack';

/** The API reference as a person sees it: a real server process, the page rendered in headless Chromium. */
describe('GET /reference in a browser', () => {
  let dataDir: string;
  let server: Server;
  let browser: Browser;
  let page: Page;
  const requested: string[] = [];
  const problems: string[] = [];
  let operations: { method: string; path: string }[];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'rungs-reference-'));
    [server, browser] = await Promise.all([
      startServer({ RUNGS_DATA_DIR: dataDir, DATABASE_URL: '', RUNGS_REPORT_REFRESH_MINUTES: '0' }),
      chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] }),
    ]);
    const doc = (await (await fetch(`${server.base}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    operations = Object.entries(doc.paths).flatMap(([p, item]) => Object.keys(item).map((method) => ({ method, path: p })));
    page = await browser.newPage();
    // Every request the page makes is recorded; any that would leave this server is stopped.
    await page.route('**/*', (route) => {
      const url = route.request().url();
      requested.push(url);
      return url.startsWith(server.base) || url.startsWith('data:') ? route.continue() : route.abort();
    });
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${server.base}/reference`);
    await page.locator('.opblock').first().waitFor({ timeout: 20_000 });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lists every operation of /openapi.json, grouped by tag', async () => {
    const shown = await page.locator('.opblock-summary').evaluateAll((els) =>
      els.map((e) => `${e.querySelector('.opblock-summary-method')?.textContent?.toLowerCase()} ${e.querySelector('.opblock-summary-path')?.getAttribute('data-path')}`));
    expect(shown.sort()).toEqual(operations.map((o) => `${o.method} ${o.path}`).sort());
    expect(operations.length).toBeGreaterThan(20);
    const tags = await page.locator('.opblock-tag').allTextContents();
    expect(tags.join(' ')).toMatch(/validation[\s\S]*records[\s\S]*reports/);
  });

  it('explains how to authenticate, with the bearer scheme behind Authorize', async () => {
    await expect.poll(() => page.locator('.info .description').textContent()).toContain('rungs token create --role admin');
    await page.locator('button.authorize').first().click();
    const dialog = page.locator('.dialog-ux');
    await expect.poll(() => dialog.textContent()).toContain('bearer');
    expect(await dialog.textContent()).toContain('rungs token create');
    await dialog.locator('button.close-modal').click();
  });

  it('shows the request body example and the error answers of a main route', async () => {
    const validate = page.locator('#operations-validation-post_v1_validate');
    await validate.locator('.opblock-summary').click();
    const body = validate.locator('.opblock-section-request-body');
    await expect.poll(() => body.textContent()).toContain('dana at acme');
    const responses = await validate.locator('.responses-table').first().textContent();
    expect(responses).toContain('bad-email');
    expect(responses).toContain('413');

    const publish = page.locator('[id^="operations-versions-post_v1_workbooks"][id*="tracks"][id$="publish"]');
    await publish.locator('.opblock-summary').click();
    const answers = publish.locator('.responses-table').first();
    await expect.poll(() => answers.textContent()).toContain('stale-version');
    expect(await answers.textContent()).toContain('has-errors');
  });

  it('loads nothing from outside this server and logs no error', () => {
    expect(requested.length).toBeGreaterThan(2);
    expect(requested.filter((u) => !u.startsWith(server.base) && !u.startsWith('data:'))).toEqual([]);
    expect(problems).toEqual([]);
  });
});
