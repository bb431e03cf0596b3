/**
 * The People panel in headless Chromium: the sidebar talks through the google.script.run stand-in to the built
 * add-on (fake spreadsheet holding examples/acme), which talks to a real sync server with the example's tracks
 * published, its employees stored and records planted for Hannah Schultz (E1015).
 */
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../cli/run-rungs';
import { HANNAH, hannahRecords, recordCsvs } from '../team/fixtures';
import { apiClient, publishAcme, uploadRecords, type Api } from '../team/team-server';
import { startSidebarStack, type SidebarStack } from './stack';

const ID = 'acme-sheet';
let s: SidebarStack;
let api: Api;

const text = (l: Locator) => l.textContent().then((t) => t ?? '');
const poll = (l: Locator) => expect.poll(() => text(l), { timeout: 10_000 });

async function connectWith(token: string): Promise<void> {
  const ui = s.sidebar;
  await ui.locator('#tab-connect').click();
  await ui.locator('#server-url').fill(s.server.base);
  await ui.locator('#token').fill(token);
  await ui.locator('#connect-save').click();
  await ui.locator('#connect-workbook', { hasText: 'Connected' }).waitFor();
}

beforeAll(async () => {
  s = await startSidebarStack({ withAi: false });
  await s.open();
  await connectWith(s.token);
  api = apiClient(s.server.base, s.token);
  await publishAcme(api, ID);
  const csv = recordCsvs(hannahRecords());
  for (const kind of ['completions', 'assessments'] as const) expect((await uploadRecords(s.server.base, s.token, ID, kind, csv[kind])).status).toBe(200);
  // The server has no Google credentials: it computes the tabs, and the add-on writes them (Reports, Refresh now).
  await api('POST', `/v1/workbooks/${ID}/reports/refresh`, {});
  for (let i = 0; ; i++) {
    const state = ((await api('GET', `/v1/workbooks/${ID}/reports`)).json as { state: { lastOutcome: string | null } }).state;
    if (state.lastOutcome === 'computed') break;
    if (i > 200) throw new Error(`no refresh computed in 20 s (${JSON.stringify(state)})`);
    await new Promise((done) => setTimeout(done, 100));
  }
  await s.open();
  await s.sidebar.locator('#tab-reports').click();
  await s.sidebar.locator('#reports-refresh').click();
  await s.sidebar.locator('#reports-result', { hasText: /Rungs wrote the \d+ report tabs/ }).waitFor({ timeout: 20_000 });
}, 120_000);

afterAll(async () => {
  await s?.stop();
});

describe('People', () => {
  it("finds an employee and shows what their level expects, their gaps, the next level and their path with progress", async () => {
    const ui = s.sidebar;
    await ui.locator('#tab-people').click();
    await ui.locator('#people-query').fill('hannah');
    await ui.locator('#people-find').click();
    await poll(ui.locator('#person-name')).toBe('Hannah Schultz');
    expect(await text(ui.locator('#people-count'))).toBe('1 person found.');
    expect(await text(ui.locator('#person-where'))).toBe(
      'E1015 · Software Engineer I · Software Engineering (ENG-IC), IC1 Junior Engineer · manager aisha.karimi@acmecloud.com · last activity 2026-03-05',
    );
    expect(await text(ui.locator('#person-counts'))).toBe('15 competencies expected: 1 met, 2 not yet met, 12 not assessed.');
    const badge = (id: string) => text(ui.locator(`#person-expectations li[data-competency-id="${id}"] .badge`));
    expect([await badge('ENG-CODE'), await badge('ENG-REV'), await badge('ENG-SEC')]).toEqual(['Gap', 'Met', 'Not assessed']);
    expect(await text(ui.locator('#person-gaps'))).toBe('Code quality & testing, Technical documentation');
    expect(await text(ui.locator('#person-next'))).toBe('IC2 Engineer adds 2 and raises 15.');
    expect(await text(ui.locator('#person-progress-text'))).toBe('2 of 14 modules completed (14%); 12 ahead, in order:');
    expect(await ui.locator('#person-progress').getAttribute('aria-valuenow')).toBe('14');
    const path = await ui.locator('#person-path li').evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset.moduleId));
    expect(path).toEqual([
      'MOD-SH-03', 'MOD-SH-04', 'MOD-SH-05', 'MOD-SH-06', 'MOD-ENG-01', 'MOD-ENG-02', 'MOD-ENG-03', 'MOD-ENG-04', 'MOD-ENG-05', 'MOD-ENG-06', 'MOD-ENG-07', 'MOD-ENG-08',
    ]);
    expect(await text(ui.locator('#person-path li').first())).toBe('MOD-SH-03 Security and compliance essentials: SOC 2, GDPR and data handling (gate: quiz >= 90%)');
  });

  it('selects their row in their manager\'s Team tab in one click', async () => {
    const ui = s.sidebar;
    await ui.locator('#person-select-row').click();
    await poll(ui.locator('#status-text')).toMatch(/^Selected row \d+ of Team Aisha Karimi\.$/);
    const active = s.addon.ss.getActiveRange()!;
    expect(active.getSheet().getName()).toBe('Team Aisha Karimi');
    expect(active.getSheet().getRange(active.getRow(), 1).getValue()).toBe(HANNAH);
    expect(active.getSheet().getRange(active.getRow(), 2).getValue()).toBe('Hannah Schultz');
  });

  it('compares two levels of their track, from their level to the next by default, or any two', async () => {
    const ui = s.sidebar;
    expect(await ui.locator('#compare-track').inputValue()).toBe('ENG-IC');
    expect([await ui.locator('#compare-from').inputValue(), await ui.locator('#compare-to').inputValue()]).toEqual(['IC1', 'IC2']);
    await ui.locator('#compare-run').click();
    await poll(ui.locator('#compare-summary')).toBe('ENG-IC: IC1 to IC2 — 2 added, 15 raised, 0 unchanged, 0 dropped.');
    const changes = await ui.locator('#compare-rows li').evaluateAll((items) => items.map((i) => [(i as HTMLElement).dataset.competencyId, (i as HTMLElement).dataset.change]));
    expect(changes[0]).toEqual(['FND-CTX', 'raised']);
    expect(changes.filter(([, c]) => c === 'added').map(([id]) => id)).toEqual(['ENG-OPS', 'ENG-DES']);
    await s.page.screenshot({ path: path.join(ROOT, 'test', 'artifacts', 'sidebar', 'people-compare.png') });
    const shot = await s.screenshot('people');
    await copyFile(shot, path.join(ROOT, 'docs', 'people-panel.png'));

    await ui.locator('#compare-from').selectOption('IC4');
    await ui.locator('#compare-to').selectOption('IC1');
    await ui.locator('#compare-run').click();
    await poll(ui.locator('#compare-summary')).toBe('ENG-IC: IC4 to IC1 — 0 added, 15 raised, 0 unchanged, 4 dropped.');

    await ui.locator('#compare-track').selectOption('CS');
    expect(await ui.locator('#compare-from option').allTextContents()).toEqual([
      'CS1 — Associate Customer Success Manager', 'CS2 — Customer Success Manager', 'CS3 — Senior Customer Success Manager',
      'CS4 — Lead Customer Success Manager', 'CS5 — Principal Customer Success Manager',
    ]);
  });

  it('shows a track owner only the employees on their tracks', async () => {
    const made = await api('POST', '/v1/tokens', { role: 'owner', label: 'CS owner', tracks: ['CS'] });
    await connectWith((made.json as { token: string }).token);
    const ui = s.sidebar;
    await ui.locator('#tab-people').click();
    await ui.locator('#people-query').fill('Hannah');
    await ui.locator('#people-find').click();
    await poll(ui.locator('#people-count')).toBe('Nobody you may see matches "Hannah".');
    await ui.locator('#people-query').fill('an');
    await ui.locator('#people-find').click();
    await poll(ui.locator('#people-count')).toMatch(/^\d+ people found\.$/);
    const ids = await ui.locator('#people-results button').evaluateAll((b) => b.map((x) => (x as HTMLElement).dataset.employeeId));
    expect(ids.length).toBeGreaterThan(1);
    expect(ids.every((id) => id?.startsWith('E2'))).toBe(true);
  });
});
