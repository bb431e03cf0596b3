/**
 * The People panel in headless Chromium: the sidebar talks through the google.script.run stand-in to the built
 * add-on (fake spreadsheet holding examples/acme), which talks to a real sync server with the example's tracks
 * published, its employees stored and records planted for Hannah Schultz (E1015).
 */
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkbookSnapshot } from '../../shared';
import { ROOT } from '../cli/run-rungs';
import { AISHA, HANNAH, hannahRecords, recordCsvs } from '../team/fixtures';
import { apiClient, publishAcme, uploadRecords, type Api } from '../team/team-server';
import { startSidebarStack, type SidebarStack } from './stack';

const ID = 'acme-sheet';
let s: SidebarStack;
let api: Api;
let acme: WorkbookSnapshot;

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
  acme = await publishAcme(api, ID);
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
  // Published through the server, so the Tracks tab says Active as a publish from the sidebar makes it say.
  const tracks = s.addon.ss.getSheetByName('Tracks')!;
  const status = (tracks.getRange(1, 1, 1, tracks.getLastColumn()).getValues()[0] as unknown[]).indexOf('Status') + 1;
  for (let row = 2; row <= tracks.getLastRow(); row++) tracks.getRange(row, status).setValue('Active');
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
    // The pictures in docs/team.md: the panel down to the path (one person), and the comparison.
    await s.page.setViewportSize({ width: 640, height: 2600 });
    await ui.locator('#app').evaluate(() => window.scrollTo(0, 0));
    const frame = (await s.page.locator('#sidebar').boundingBox())!;
    const person = (await ui.locator('#person').boundingBox())!;
    const clip = { x: frame.x, y: frame.y, width: frame.width, height: Math.ceil(person.y + person.height - frame.y + 8) };
    await s.page.screenshot({ path: path.join(ROOT, 'docs', 'people-panel.png'), clip });
    await ui.locator('#compare').screenshot({ path: path.join(ROOT, 'docs', 'people-compare.png') });
    await s.page.setViewportSize({ width: 640, height: 900 });

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

  it('shows in words someone who is not placed, their name as text, and why their row cannot be selected yet', async () => {
    const odd = '<img src=x onerror="window.pwned=1">Zoë Quinn';
    const values = structuredClone(acme.sheets.find((t) => t.name === 'Employees')!.values);
    values.push(['E9002', odd, 'zoe.quinn@acmecloud.com', 'POS-NOPE', AISHA]);
    expect((await api('PUT', `/v1/workbooks/${ID}/employees`, { values })).status).toBe(200);
    const ui = s.sidebar;
    await ui.locator('#people-query').fill('E9002');
    await ui.locator('#people-find').click();
    await poll(ui.locator('#person-name')).toBe(odd);
    expect(await ui.locator('#panel-people img').count()).toBe(0);
    expect(await ui.locator('#app').evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await ui.locator('#person-notes li').allTextContents()).toEqual([
      'Position "POS-NOPE" is not on any published track: publish its track (or correct the Position ID in the Employees tab) to see what it expects.',
      'No learning records yet.',
    ]);
    expect(await text(ui.locator('#person-counts'))).toBe('Not placed on a published track: nothing is expected yet.');
    expect(await text(ui.locator('#person-gaps'))).toBe('Not placed: no gaps can be told.');
    expect(await text(ui.locator('#person-next'))).toBe('Not placed: no next level.');
    expect(await text(ui.locator('#person-progress-text'))).toBe('Not placed: no path to show.');
    expect(await ui.locator('#person-progress').isHidden()).toBe(true);
    expect(await ui.locator('#person-path li').count()).toBe(0);
    // The Team tab in the sheet predates this employee: the sidebar says what to do.
    await ui.locator('#person-select-row').click();
    await poll(ui.locator('#people-alert')).toBe('E9002 is not on the tab "Team Aisha Karimi" yet. Refresh the reports (Reports panel), then try again.');
    expect(s.addon.ss.getActiveRange()!.getSheet().getName()).toBe('Team Aisha Karimi');
  });

  it('shows a track owner only the employees on their tracks', async () => {
    const made = await api('POST', '/v1/tokens', { role: 'owner', label: 'CS owner', tracks: ['CS'], workbookId: ID });
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
