/**
 * Everything a sidebar test runs against, started once per test file: a real sync server process (embedded
 * storage in a temporary folder, an admin token), optionally the OpenAI stand-in in its own process, the built
 * add-on in a vm with the fake spreadsheet holding examples/acme, the sidebar host page, and one headless Chromium.
 */
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';
import { createToken } from '../../sync-server/services/tokens';
import { serviceContext } from '../../sync-server/services/context';
import { openStore } from '../../sync-server/storage/store';
import { ROOT } from '../cli/run-rungs';
import { startServer, type Server } from '../server/spawn-server';
import { buildAddonFiles, startAddonBackend, type AddonBackend } from './addon-backend';
import { startRemoteOpenAi, type RemoteOpenAi } from './openai-remote';
import { startSidebarHost, type SidebarHost } from './sidebar-host';

/** Screenshots go here (git-ignored); docs/sidebar.png is copied from one of them. */
export const SCREENSHOT_DIR = path.join(ROOT, 'test', 'artifacts', 'sidebar');
export const README_SCREENSHOT = path.join(ROOT, 'docs', 'sidebar.png');
export const CHROMIUM = '/usr/bin/chromium';

export interface SidebarStack {
  server: Server;
  token: string;
  ai: RemoteOpenAi | null;
  addon: AddonBackend;
  host: SidebarHost;
  browser: Browser;
  page: Page;
  /** The sidebar's document inside the host page's iframe. */
  sidebar: FrameLocator;
  /** Reloads the host page (openSidebar runs again) and waits until the sidebar has loaded its state. */
  open(): Promise<void>;
  /** Saves a screenshot of the sidebar iframe as test/artifacts/sidebar/<name>.png and answers its path. */
  screenshot(name: string): Promise<string>;
  stop(): Promise<void>;
}

async function adminToken(dataDir: string): Promise<string> {
  const store = await openStore({ engine: 'sqlite', dataDir });
  try {
    return (await createToken(serviceContext(store), { role: 'admin', label: 'Sidebar tests', actor: 'test' })).token;
  } finally {
    await store.close();
  }
}

export async function startSidebarStack(options: { withAi: boolean }): Promise<SidebarStack> {
  // Undone last first by stop(), or at once when a start-up step fails (no process left behind).
  const cleanups: (() => Promise<unknown> | void)[] = [];
  const stop = async () => {
    for (const undo of cleanups.splice(0).reverse()) await undo();
  };
  const later = <T>(started: Promise<T>, undo: (value: T) => Promise<unknown> | void): Promise<T> =>
    started.then((value) => {
      cleanups.push(() => undo(value));
      return value;
    });
  try {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'rungs-sidebar-data-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    // Independent start-ups overlap: the build and the browser while the token, the AI stand-in and the server start.
    const built = later(buildAddonFiles(), (dir) => rm(dir, { recursive: true, force: true }));
    const launched = later(chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] }), (b) => b.close());
    const [token, ai] = await Promise.all([adminToken(dataDir), options.withAi ? later(startRemoteOpenAi(), (x) => x.close()) : null]);
    const server = await later(startServer({
      RUNGS_DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'test',
      OPENAI_API_KEY: ai ? 'sk-test' : '', OPENAI_BASE_URL: ai?.baseUrl ?? '', RUNGS_AI_MODEL: 'standin-model',
    }), async (x) => {
      if (x.child.exitCode !== null || x.child.signalCode !== null) return;
      x.child.kill('SIGTERM');
      await x.exited;
    });
    const [outDir, browser] = await Promise.all([built, launched]);
    const addon = await startAddonBackend(outDir);
    cleanups.push(() => addon.gas.UrlFetchApp.close());
    addon.gas.UrlFetchApp.timeoutMs = 5_000;
    const host = await later(startSidebarHost({ document: () => addon.openSidebar(), functionNames: addon.functionNames, run: addon.run }), (h) => h.close());
    const page = await browser.newPage({ viewport: { width: 640, height: 900 } });
    // Offline: Google's stylesheet (and anything else not local) fails at once instead of waiting on DNS.
    await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
    const sidebar = page.frameLocator('#sidebar');
    await mkdir(SCREENSHOT_DIR, { recursive: true });

    return {
      server, token, ai, addon, host, browser, page, sidebar, stop,
      async open() {
        // The sidebar asks for its state while it loads (spinner shown); it is ready when the spinner is gone.
        await page.goto(host.url);
        await sidebar.locator('#spinner').waitFor({ state: 'hidden' });
      },
      async screenshot(name) {
        const file = path.join(SCREENSHOT_DIR, `${name}.png`);
        // The sidebar's width, and its height down to the end of what it shows (no empty space below).
        const box = await page.locator('#sidebar').boundingBox();
        const used = await sidebar.locator('#app').evaluate((app) => app.getBoundingClientRect().bottom);
        if (!box) throw new Error('the sidebar iframe is not on the page');
        await page.screenshot({ path: file, clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, Math.ceil(used) + 12) } });
        return file;
      },
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Copies a screenshot to docs/sidebar.png, the one the README shows. */
export async function publishReadmeScreenshot(file: string): Promise<void> {
  await mkdir(path.dirname(README_SCREENSHOT), { recursive: true });
  await copyFile(file, README_SCREENSHOT);
}
