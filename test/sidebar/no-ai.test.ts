/**
 * A server without an OpenAI key: the Generate panel says AI is not configured and the other panels keep working.
 * Also what the google.script.run stand-in refuses and how it queues, as the real one does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { startSidebarStack, type SidebarStack } from './stack';

let s: SidebarStack;

beforeAll(async () => {
  s = await startSidebarStack({ withAi: false });
  await s.open();
  const ui = s.sidebar;
  await ui.locator('#tab-connect').click();
  await ui.locator('#server-url').fill(s.server.base);
  await ui.locator('#token').fill(s.token);
  await ui.locator('#connect-save').click();
  await ui.locator('#connect-workbook', { hasText: 'Connected' }).waitFor();
}, 60_000);

afterAll(async () => {
  await s?.stop();
});

const text = (l: Locator) => l.textContent().then((t) => t ?? '');
const poll = (l: Locator) => expect.poll(() => text(l), { timeout: 10_000 });

describe('without AI configured on the server', () => {
  it('Generate shows a clear notice instead of a proposal; Validate still works', async () => {
    const ui = s.sidebar;
    await ui.locator('#tab-generate').click();
    await ui.locator('#generate-run').click();
    const notice = ui.locator('#ai-notice');
    await poll(notice).toMatch(/^AI is not configured on the server\./);
    expect(await ui.locator('#proposal').isVisible()).toBe(false);
    expect(await ui.locator('#generate-alert').isVisible()).toBe(false);
    await s.screenshot('generate-not-configured');
    const generate = s.host.calls.filter((c) => c.fn === 'generateProposal');
    expect(generate).toHaveLength(1);

    await ui.locator('#tab-validate').click();
    await ui.locator('#validate-run').click();
    await poll(ui.locator('#validate-summary')).toBe('No findings: the workbook is valid.');
  });
});

describe('text from the workbook', () => {
  it('is shown as text, never as markup', async () => {
    const ui = s.sidebar;
    const tracks = s.addon.ss.sheet('Tracks');
    const owner = tracks.getRange('D2').getValue();
    tracks.getRange('D2').setValue('<img src="x" onerror="document.title=1"><b>boss</b>');
    try {
      await ui.locator('#tab-validate').click();
      await ui.locator('#validate-run').click();
      const finding = ui.locator('button.finding').first();
      await poll(finding).toContain('<img src="x" onerror="document.title=1"><b>boss</b>');
      expect(await ui.locator('#validate-groups img, #validate-groups b').count()).toBe(0);
    } finally {
      tracks.getRange('D2').setValue(owner);
    }
  });
});

describe('when Apps Script itself fails a call', () => {
  it('the failure handler says "Something went wrong" with the reason, in the panel that asked', async () => {
    const ui = s.sidebar;
    s.host.failNext('Exception: Service Spreadsheets timed out while accessing document with id acme-sheet.');
    await ui.locator('#tab-validate').click();
    await ui.locator('#validate-run').click();
    const alert = ui.locator('#validate-alert');
    await poll(alert).toBe('Something went wrong: Exception: Service Spreadsheets timed out while accessing document with id acme-sheet.');
    expect(await alert.getAttribute('data-code')).toBe('failure');
    expect(await ui.locator('#validate-run').isDisabled()).toBe(false);

    // The next try runs and clears the message.
    const validations = () => s.host.calls.filter((c) => c.fn === 'validateFromSidebar').length;
    const before = validations();
    await ui.locator('#validate-run').click();
    await expect.poll(validations).toBe(before + 1);
    await ui.locator('#spinner').waitFor({ state: 'hidden' });
    expect(await text(ui.locator('#validate-summary'))).toBe('No findings: the workbook is valid.');
    expect(await alert.isVisible()).toBe(false);
  });
});

describe('the google.script.run stand-in', () => {
  /** Runs in the sidebar's frame. */
  const inSidebar = <T>(fn: () => Promise<T> | T) => s.page.frame({ url: /\/sidebar$/ })!.evaluate(fn);

  it('refuses a Date or a function as an argument, at the call, naming where', async () => {
    const messages = await inSidebar(() => {
      const run = (window as unknown as { google: { script: { run: Record<string, (arg: unknown) => void> } } }).google.script.run;
      const tryCall = (arg: unknown) => {
        try {
          run.testConnection(arg);
          return 'sent';
        } catch (e) {
          return (e as Error).message;
        }
      };
      return [tryCall({ when: new Date() }), tryCall([1, () => 2]), tryCall({ plain: [1, 'a', null, { b: true }] })];
    });
    expect(messages).toEqual(['Failed due to illegal value in property: 0.when', 'Failed due to illegal value in property: 0.1', 'sent']);
  });

  it('answers many calls at once, each to its own handler with its user object', async () => {
    const before = s.host.calls.length;
    const answers = await inSidebar(() => {
      const run = (window as unknown as { google: { script: { run: { withUserObject(o: unknown): { withSuccessHandler(f: (v: unknown, o: unknown) => void): Record<string, () => void> } } } } }).google.script.run;
      return Promise.all(Array.from({ length: 12 }, (_, i) => new Promise<unknown>((resolve) => {
        run.withUserObject(i).withSuccessHandler((value, user) => resolve([user, (value as { ok: boolean }).ok])).sidebarState();
      })));
    });
    expect(answers).toEqual(Array.from({ length: 12 }, (_, i) => [i, true]));
    expect(s.host.calls.slice(before).filter((c) => c.fn === 'sidebarState')).toHaveLength(12);
    expect(s.addon.refused).toEqual([]);
  });

  it('keeps at most 10 calls in flight; the others start as earlier ones finish', async () => {
    type Probe = { started: number; active: number; max: number; done?: Promise<unknown> };
    const release = s.host.hold();
    let startedAtOnce: number;
    try {
      // Twelve calls made in one go while the add-on holds every answer: fetches are counted as they start.
      startedAtOnce = await inSidebar(() => {
        const w = window as unknown as { fetch: typeof fetch; probe: Probe; google: { script: { run: { withSuccessHandler(f: () => void): Record<string, () => void> } } } };
        const original = w.fetch;
        const probe: Probe = { started: 0, active: 0, max: 0 };
        w.probe = probe;
        w.fetch = (...args: Parameters<typeof fetch>) => {
          probe.started++;
          probe.active++;
          probe.max = Math.max(probe.max, probe.active);
          return original(...args).finally(() => probe.active--);
        };
        probe.done = Promise.all(Array.from({ length: 12 }, () => new Promise<void>((resolve) => w.google.script.run.withSuccessHandler(resolve).sidebarState()))).finally(() => {
          w.fetch = original;
        });
        return probe.started;
      });
    } finally {
      release();
    }
    expect(startedAtOnce).toBe(10);
    const probe = await inSidebar(async () => {
      const p = (window as unknown as { probe: Probe }).probe;
      await p.done;
      return { started: p.started, max: p.max };
    });
    expect(probe).toEqual({ started: 12, max: 10 });
  });
});
