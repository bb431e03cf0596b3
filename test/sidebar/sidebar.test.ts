/**
 * The sidebar in real headless Chromium, in an iframe with Apps Script's sandbox flags, talking through the
 * google.script.run stand-in to the built add-on (vm + fake spreadsheet holding examples/acme), which talks over
 * HTTP to a real sync server process, which talks to the OpenAI stand-in. Tests run in order: connect first, the
 * server is stopped last.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { publishReadmeScreenshot, startSidebarStack, type SidebarStack } from './stack';

let s: SidebarStack;

beforeAll(async () => {
  s = await startSidebarStack({ withAi: true });
  await s.open();
}, 60_000);

afterAll(async () => {
  await s?.stop();
});

const text = (l: Locator) => l.textContent().then((t) => t ?? '');
const poll = (l: Locator) => expect.poll(() => text(l), { timeout: 10_000 });
/** Waits until the sidebar has no call in flight. */
const idle = () => s.sidebar.locator('#spinner').waitFor({ state: 'hidden' });
const cell = (tab: string, a1: string) => s.addon.ss.sheet(tab).getRange(a1).getValue();

describe('Connect', () => {
  it('saves the server URL and token, tests them, and shows the workbook connected', async () => {
    const ui = s.sidebar;
    await ui.locator('#tab-connect').click();
    await ui.locator('#server-url').fill(s.server.base);
    await ui.locator('#token').fill(s.token);
    await expect.poll(() => ui.locator('#token').getAttribute('type')).toBe('password');
    await ui.locator('#connect-save').click();

    await poll(ui.locator('#connect-workbook')).toMatch(/^Connected/);
    expect(await text(ui.locator('#connect-server'))).toMatch(/^ok/);
    // The token left the page and is recognisable by its hint only.
    expect(await ui.locator('#token').inputValue()).toBe('');
    expect(await text(ui.locator('#token-hint'))).toContain(s.token.slice(-4));
    await s.screenshot('connect');

    // Kept by the add-on: a new sidebar shows the saved URL and that a token is saved.
    await s.open();
    await ui.locator('#tab-connect').click();
    expect(await ui.locator('#server-url').inputValue()).toBe(s.server.base);
    expect(await text(ui.locator('#token-hint'))).toContain(s.token.slice(-4));
  });
});

describe('Validate', () => {
  it('groups planted errors by tab, selects the cell of a finding on click, and validates clean once they are fixed', async () => {
    const ui = s.sidebar;
    const [tracks, modules] = [s.addon.ss.sheet('Tracks'), s.addon.ss.sheet('Modules')];
    const [owner, hours] = [cell('Tracks', 'D2'), cell('Modules', 'G2')];
    const restore = () => {
      tracks.getRange('D2').setValue(owner);
      modules.getRange('G2').setValue(hours);
    };
    tracks.getRange('D2').setValue('not-an-email');
    modules.getRange('G2').setValue('lots');
    try {
      await ui.locator('#tab-validate').click();
      await ui.locator('#validate-run').click();
      await poll(ui.locator('#validate-summary')).toBe('2 errors, 0 warnings in 2 tabs.');
      const sheets = await ui.locator('section.group').evaluateAll((groups) => groups.map((g) => (g as HTMLElement).dataset.sheet));
      expect(sheets).toEqual(['Tracks', 'Modules']);
      const group = ui.locator('section.group[data-sheet="Tracks"]');
      expect(await text(group.locator('.group-toggle'))).toMatch(/Tracks\s*1 error, 0 warnings/);
      const finding = group.locator('button.finding');
      expect(await finding.count()).toBe(1);
      expect(await text(finding)).toMatch(/^Tracks!D2 error: .+/);
      expect(await text(ui.locator('section.group[data-sheet="Modules"] button.finding'))).toMatch(/^Modules!G2 error: .+/);
      expect(await text(ui.locator('#validate-marks'))).toMatch(/^Marked 2 cells;/);
      // The cells are marked in the sheet.
      expect(tracks.getRange('D2').getNote()).not.toBe('');
      expect(modules.getRange('G2').getNote()).not.toBe('');
      await publishReadmeScreenshot(await s.screenshot('validate'));

      // Collapsible groups.
      await group.locator('.group-toggle').click();
      expect(await group.locator('.group-toggle').getAttribute('aria-expanded')).toBe('false');
      await finding.waitFor({ state: 'hidden' });
      await group.locator('.group-toggle').click();

      await finding.click();
      await poll(ui.locator('#status-text')).toBe('Selected Tracks!D2.');
      const active = s.addon.ss.getActiveRange();
      expect(active?.getSheet().getName()).toBe('Tracks');
      expect(active?.getA1Notation()).toBe('D2');

      restore();
      await ui.locator('#validate-run').click();
      await poll(ui.locator('#validate-summary')).toBe('No findings: the workbook is valid.');
      expect(await ui.locator('section.group').count()).toBe(0);
      expect(await text(ui.locator('#validate-marks'))).toMatch(/cleared 2 earlier marks\.$/);
      expect(tracks.getRange('D2').getNote()).toBe('');
      expect(modules.getRange('G2').getNote()).toBe('');
    } finally {
      restore();
    }
  });

  it('shows progress while a call is in flight: spinner, text, the panel busy and its buttons disabled', async () => {
    const ui = s.sidebar;
    const release = s.host.hold();
    try {
      await ui.locator('#validate-run').click();
      await ui.locator('#spinner').waitFor({ state: 'visible' });
      expect(await text(ui.locator('#status-text'))).toBe('Validating the workbook…');
      expect(await ui.locator('#panel-validate').getAttribute('aria-busy')).toBe('true');
      expect(await ui.locator('#validate-run').isDisabled()).toBe(true);
      // Other panels stay usable meanwhile.
      expect(await ui.locator('#tab-reports').isDisabled()).toBe(false);
    } finally {
      release();
    }
    await idle();
    expect(await ui.locator('#validate-run').isDisabled()).toBe(false);
    expect(await ui.locator('#panel-validate').getAttribute('aria-busy')).toBe('false');
  });
});

describe('Publish', () => {
  it('shows the changes, publishes after confirmation with one idempotency key, and writes Active into Tracks', async () => {
    const ui = s.sidebar;
    await ui.locator('#tab-publish').click();
    await ui.locator('#publish-track').selectOption('ENG-IC');
    await ui.locator('#publish-preview').click();
    await poll(ui.locator('#publish-summary')).toMatch(/^Changes in ENG-IC against nothing published yet: \d+ added, 0 removed, 0 changed\.$/);
    expect(await ui.locator('#publish-lines li').count()).toBeGreaterThan(0);
    expect(await text(ui.locator('#publish-lines li').first())).not.toBe('');
    expect(await ui.locator('#publish-confirm').isVisible()).toBe(true);
    expect(await ui.locator('#publish-stale').isVisible()).toBe(false);
    await s.screenshot('publish-diff');

    await ui.locator('#publish-confirm-button').click();
    await poll(ui.locator('#publish-version')).toBe('Published ENG-IC as version 1.');
    expect(await text(ui.locator('#publish-statuses'))).toContain('ENG-IC: Active (version 1)');
    expect(cell('Tracks', 'E2')).toBe('Active');
    await s.screenshot('publish');

    const publishes = s.host.calls.filter((c) => c.fn === 'publishTrack');
    expect(publishes).toHaveLength(1);
    const [arg] = publishes[0].args as [{ trackId: string; draftId: number; idempotencyKey: string }];
    expect(arg.trackId).toBe('ENG-IC');
    expect(arg.idempotencyKey).toMatch(/^[0-9a-f-]{32,36}$/);
    // The track list follows: the select now says Active.
    await poll(ui.locator('#publish-track option[value="ENG-IC"]')).toContain('(Active)');
  });
  it('then shows only what changed against the active version, and Cancel publishes nothing', async () => {
    const ui = s.sidebar;
    const matrix = s.addon.ss.sheet('Matrix ENG-IC');
    const was = matrix.getRange('C2').getValue();
    matrix.getRange('C2').setValue('Explains what our products do, for whom, and why it matters.');
    try {
      await ui.locator('#publish-preview').click();
      await poll(ui.locator('#publish-summary')).toBe('Changes in ENG-IC against active version 1: 0 added, 0 removed, 1 changed.');
      expect(await ui.locator('#publish-lines li').count()).toBe(1);
      expect(await text(ui.locator('#publish-lines li'))).toContain('FND-CTX');
      await ui.locator('#publish-cancel').click();
      expect(await ui.locator('#publish-diff').isVisible()).toBe(false);
      expect(s.host.calls.filter((c) => c.fn === 'publishTrack')).toHaveLength(1);
    } finally {
      matrix.getRange('C2').setValue(was);
    }
  });

  it('offers no Publish while the draft has errors, and says so', async () => {
    const ui = s.sidebar;
    const tracks = s.addon.ss.sheet('Tracks');
    const owner = tracks.getRange('D3').getValue();
    tracks.getRange('D3').setValue('nobody');
    try {
      await ui.locator('#publish-track').selectOption('ENG-MGR');
      await ui.locator('#publish-preview').click();
      await poll(ui.locator('#publish-errors')).toMatch(/^The draft has 1 error: fix them \(Validate\) before publishing\.$/);
      expect(await ui.locator('#publish-confirm').isVisible()).toBe(false);
      expect(cell('Tracks', 'E3')).not.toBe('Active');
    } finally {
      tracks.getRange('D3').setValue(owner);
    }
  });
  it('protects each track tab to its owner and the admins, and a second run changes nothing', async () => {
    const ui = s.sidebar;
    await ui.locator('#permissions-apply').click();
    await poll(ui.locator('#permissions-summary')).toMatch(/^\d+ protections set; 0 already right\.$/);
    expect(await text(ui.locator('#permissions-changes'))).toContain('Matrix ENG-IC');
    const editors = s.addon.ss.sheet('Matrix ENG-IC').getProtections(s.addon.gas.SpreadsheetApp.ProtectionType.SHEET)[0]?.getEditors().map((u) => u.getEmail());
    expect(editors).toContain(cell('Tracks', 'D2'));
    await s.screenshot('permissions');

    await ui.locator('#permissions-apply').click();
    await poll(ui.locator('#permissions-summary')).toBe('Every tab was already protected as it should be.');
  });
});

describe('Generate', () => {
  const FIVE = {
    competencies: [
      { id: 'ENG-API', name: 'API design', description: 'Designs interfaces others can rely on.', dependsOn: [] },
      { id: 'ENG-TEST', name: 'Test design', description: null, dependsOn: [] },
      { id: 'ENG-PERF', name: 'Performance tuning', description: 'Measures before optimising.', dependsOn: ['ENG-OBSV'] },
      { id: 'ENG-OBSV', name: 'Observability', description: null, dependsOn: [] },
      { id: 'ENG-A11Y', name: 'Accessible interfaces', description: null, dependsOn: [] },
    ],
  };

  it('proposes five competencies; ticking two and applying adds exactly those two rows', async () => {
    const ui = s.sidebar;
    await s.ai!.script({ kind: 'json', value: FIVE });
    const before = s.addon.ss.sheet('Competencies').getDataRange().getValues();

    await ui.locator('#tab-generate').click();
    await ui.locator('#generate-track').selectOption('ENG-IC');
    await ui.locator('#generate-operation').selectOption('competencies');
    await ui.locator('#generate-run').click();
    await poll(ui.locator('#proposal-summary')).toMatch(/^5 proposed items for ENG-IC/);
    const boxes = ui.locator('#proposal-items input[type="checkbox"]');
    expect(await boxes.count()).toBe(5);
    for (let i = 0; i < 5; i++) expect(await boxes.nth(i).isChecked()).toBe(false);
    expect(await ui.locator('#proposal-apply').isDisabled()).toBe(true);
    expect(await text(ui.locator('#proposal-items li').nth(1))).toContain('ENG-TEST');

    await boxes.nth(1).check();
    await boxes.nth(3).check();
    expect(await text(ui.locator('#proposal-apply'))).toBe('Apply selected (2)');
    await s.screenshot('generate');
    await ui.locator('#proposal-apply').click();
    // Two items; each new row is several cells.
    await poll(ui.locator('#apply-summary')).toMatch(/^Wrote 2 items \(\d+ cells\)\.$/);

    const after = s.addon.ss.sheet('Competencies').getDataRange().getValues();
    expect(after.slice(0, before.length)).toEqual(before);
    const header = before[0].map(String);
    const added = after.slice(before.length).map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])));
    expect(added).toEqual([
      { 'Competency ID': 'ENG-TEST', 'Competency Name': 'Test design', Scope: 'Role', 'Depends On': '', Description: '' },
      { 'Competency ID': 'ENG-OBSV', 'Competency Name': 'Observability', Scope: 'Role', 'Depends On': '', Description: '' },
    ]);
  });

  it('matrix: fills only the blank cells, and a blank cell a person filled in between keeps their text', async () => {
    const ui = s.sidebar;
    const matrix = s.addon.ss.sheet('Matrix ENG-IC');
    const before = matrix.getDataRange().getValues();
    const levels = before[0].slice(2).map(String);
    // examples/acme leaves the lower levels of some competencies blank (not required there): those are the targets.
    const blanks = before.flatMap((row, r) => (r === 0 || row[0] === '' ? [] : levels.flatMap((code, i) => (row[i + 2] === '' ? [{ row: r + 1, col: i + 3, code }] : []))));
    const rows = new Set(blanks.map((b) => b.row));
    expect(blanks.length).toBeGreaterThan(rows.size);
    const answer = { expectations: Object.fromEntries(levels.map((code) => [code, `Proposed ${code} expectation`])) };
    await s.ai!.script(...[...rows].map(() => ({ kind: 'json' as const, value: answer })));

    await ui.locator('#generate-operation').selectOption('matrix');
    expect(await ui.locator('#generate-count-group').isVisible()).toBe(false);
    await ui.locator('#generate-run').click();
    await poll(ui.locator('#proposal-summary')).toMatch(new RegExp(`^${blanks.length} proposed items for ENG-IC`));

    // A person fills the last blank cell before the proposal is applied.
    const byPerson = blanks[blanks.length - 1];
    matrix.getRange(byPerson.row, byPerson.col).setValue('Written by a person');
    await ui.locator('#proposal-all').click();
    await ui.locator('#proposal-apply').click();
    await poll(ui.locator('#apply-summary')).toBe(`Wrote ${blanks.length - 1} items; 1 item left as people edited them:`);
    expect(await text(ui.locator('#apply-conflicts'))).toContain('Written by a person');
    await s.screenshot('generate-applied');

    const after = matrix.getDataRange().getValues();
    const changed: string[] = [];
    after.forEach((r, i) => r.forEach((v, j) => { if (v !== before[i][j]) changed.push(`${i + 1},${j + 1}=${String(v)}`); }));
    expect(changed).toEqual(blanks.map((b) => `${b.row},${b.col}=${b === byPerson ? 'Written by a person' : `Proposed ${b.code} expectation`}`));
  });

  it('Regenerate sends the same request again, flagged regenerate, and shows the new proposal', async () => {
    const ui = s.sidebar;
    const asked = (await s.ai!.requests()).length;
    await s.ai!.script({ kind: 'json', value: { competencies: [{ id: 'ENG-I18N', name: 'Internationalisation', description: null, dependsOn: [] }] } });
    await ui.locator('#generate-operation').selectOption('competencies');
    await ui.locator('#generate-count').fill('1');
    await ui.locator('#generate-run').click();
    await poll(ui.locator('#proposal-summary')).toMatch(/^1 proposed item for ENG-IC/);
    expect(await text(ui.locator('#proposal-items'))).toContain('ENG-I18N');

    // Nothing changed in the workbook: the server would answer from its cache, but Regenerate asks the model anew.
    await s.ai!.script({ kind: 'json', value: { competencies: [{ id: 'ENG-COST', name: 'Cloud cost awareness', description: null, dependsOn: [] }] } });
    await ui.locator('#proposal-regenerate').click();
    await poll(ui.locator('#proposal-items')).toContain('ENG-COST');
    expect(await text(ui.locator('#proposal-items'))).not.toContain('ENG-I18N');
    expect((await s.ai!.requests()).length).toBe(asked + 2);
    const [first, again] = s.host.calls.filter((c) => c.fn === 'generateProposal').slice(-2).map((c) => c.args[0]);
    expect(first).toEqual({ trackId: 'ENG-IC', operation: 'competencies', count: 1 });
    expect(again).toEqual({ trackId: 'ENG-IC', operation: 'competencies', count: 1, regenerate: true });
  });
});

describe('Reports', () => {
  it('Refresh now asks the server and shows when, in the browser’s locale; a new sidebar still knows it', async () => {
    const ui = s.sidebar;
    await ui.locator('#tab-reports').click();
    await ui.locator('#reports-refresh').click();
    await poll(ui.locator('#reports-result')).toMatch(/^Report refresh requested.* Requested .+\.$/);
    const requestedAt = s.addon.gas.PropertiesService.getDocumentProperties().getProperty('rungs.lastReportRefresh');
    expect(requestedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const local = await s.page.frame({ url: /\/sidebar$/ })!.evaluate(
      (iso) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
      requestedAt!,
    );
    expect(await text(ui.locator('#reports-last'))).toBe(local);
    expect(await text(ui.locator('#reports-result'))).toContain(`Requested ${local}.`);
    await s.screenshot('reports');

    await s.open();
    await ui.locator('#tab-reports').click();
    expect(await text(ui.locator('#reports-last'))).toBe(local);
  });
});

describe('keyboard', () => {
  it('arrow keys, Home and End move between tabs, selecting the panel and keeping one tab stop', async () => {
    const ui = s.sidebar;
    await ui.locator('#tab-validate').click();
    await ui.locator('#tab-validate').focus();
    const focused = () => ui.locator(':focus').getAttribute('id');
    const expectSelected = async (name: string) => {
      expect(await focused()).toBe(`tab-${name}`);
      expect(await ui.locator(`#tab-${name}`).getAttribute('aria-selected')).toBe('true');
      expect(await ui.locator(`#panel-${name}`).isVisible()).toBe(true);
      expect(await ui.locator('[role="tab"][tabindex="0"]').count()).toBe(1);
      expect(await ui.locator('[role="tabpanel"]:visible').count()).toBe(1);
    };
    await s.page.keyboard.press('ArrowRight');
    await expectSelected('publish');
    await s.page.keyboard.press('End');
    await expectSelected('people');
    await s.page.keyboard.press('ArrowRight');
    await expectSelected('connect');
    await s.page.keyboard.press('ArrowLeft');
    await expectSelected('people');
    await s.page.keyboard.press('Home');
    await expectSelected('connect');
    // Every tab names its panel and every panel its tab.
    const pairs = await ui.locator('[role="tab"]').evaluateAll((tabs) =>
      tabs.map((t) => {
        const panel = document.getElementById(t.getAttribute('aria-controls') ?? '');
        return [t.id, panel?.getAttribute('role'), panel?.getAttribute('aria-labelledby')];
      }),
    );
    expect(pairs).toEqual(['connect', 'validate', 'publish', 'generate', 'reports', 'people'].map((p) => [`tab-${p}`, 'tabpanel', `tab-${p}`]));
  });
});

describe('when the server is gone', () => {
  it('says clearly that the server could not be reached', async () => {
    const ui = s.sidebar;
    s.server.child.kill('SIGTERM');
    await s.server.exited;
    await ui.locator('#tab-publish').click();
    await ui.locator('#publish-preview').click();
    await poll(ui.locator('#publish-alert')).toMatch(/reach/i);
    expect(await ui.locator('#publish-alert').getAttribute('data-code')).toBe('unreachable');
    expect(await ui.locator('#publish-diff').isVisible()).toBe(false);
    await s.screenshot('unreachable');
    expect(s.addon.refused).toEqual([]);
  });
});
