/**
 * The sidebar functions that work on the sheet alone, through the BUILT add-on in node:vm: opening the sidebar,
 * marks, applying AI proposals and track permissions.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplyView, PermissionsView, ValidationView } from '../../addon/src/sidebar-api';
import type { Proposal } from '../../shared/ai/proposal';
import { buildToTemp, loadAddon, valueOf, type Addon, type BuiltAddon } from './server-harness';
import { TIME_ZONE, fillWorkbook } from './workbook';

let built: BuiltAddon;
let htmlDir: string;

beforeAll(async () => {
  built = await buildToTemp();
  // Stand-in sidebar files with the same template features as the real ones: an initial panel and two includes.
  htmlDir = await mkdtemp(path.join(tmpdir(), 'rungs-html-'));
  await writeFile(path.join(htmlDir, 'Sidebar.html'), '<html><head><?!= include("SidebarCss") ?></head><body data-panel="<?= initialPanel ?>"><? if (initialPanel === "connect") { ?><p>Connect first</p><? } ?><?!= include("SidebarJs") ?></body></html>');
  await writeFile(path.join(htmlDir, 'SidebarCss.html'), '<style>.finding { color: #b3261e; }</style>');
  await writeFile(path.join(htmlDir, 'SidebarJs.html'), '<script>if (1 < 2) google.script.run.sidebarState();</script>');
}, 60_000);
afterAll(async () => {
  await Promise.all([built?.remove(), htmlDir && rm(htmlDir, { recursive: true, force: true })]);
});

function workbookAddon(email = 'admin@example.com'): Addon {
  const addon = loadAddon(built, { htmlDir, session: { activeUserEmail: email } });
  fillWorkbook(addon.gas.SpreadsheetApp.create({ id: 'sheet-actions', name: 'Actions Co', timeZone: TIME_ZONE, ownerEmail: 'owner@example.com' }));
  return addon;
}

describe('openSidebar / openSettings', () => {
  it('evaluates the Sidebar template with its includes and the initial panel, titled Rungs', () => {
    const addon = workbookAddon();
    addon.call('openSidebar');
    const [sidebar] = addon.gas.ui.sidebars;
    expect(sidebar.getTitle()).toBe('Rungs');
    expect(sidebar.getContent()).toBe(
      '<html><head><style>.finding { color: #b3261e; }</style></head><body data-panel="connect"><p>Connect first</p><script>if (1 < 2) google.script.run.sidebarState();</script></body></html>',
    );
    // Once connected, it opens on Validate; Settings always opens Connect.
    addon.gas.PropertiesService.document.setProperty('rungs.serverUrl', 'https://rungs.example.com');
    addon.gas.PropertiesService.user.setProperty('rungs.token', 'rungs_abc');
    addon.call('openSidebar');
    addon.call('openSettings');
    expect(addon.gas.ui.sidebars.map((s) => /data-panel="(\w+)"/.exec(s.getContent())?.[1])).toEqual(['connect', 'validate', 'connect']);
    expect(addon.call('include', 'SidebarCss')).toBe('<style>.finding { color: #b3261e; }</style>');
  });

  it('the built Sidebar.html evaluates with its real includes', async () => {
    const addon = loadAddon(built);
    fillWorkbook(addon.gas.SpreadsheetApp.create({ id: 'sheet-real-sidebar' }));
    addon.call('openSettings');
    const page = addon.gas.ui.sidebars[0].getContent();
    expect(page).toContain('data-initial-panel="connect"');
    expect(page).toContain(await readFile(path.join(built.outDir, 'SidebarCss.html'), 'utf8'));
    expect(page).toContain(await readFile(path.join(built.outDir, 'SidebarJs.html'), 'utf8'));
    expect(page).not.toMatch(/<\?/);
  });
});

describe('marks', () => {
  it('one note line per finding on a cell, the worst colour, and a recoloured cell keeps its colour when cleared', () => {
    const addon = workbookAddon();
    const ss = addon.gas.SpreadsheetApp.active!;
    const tracks = ss.sheet('Tracks');
    const view = valueOf(addon.run<ValidationView>('validateFromSidebar'));
    const d3 = view.groups.flatMap((g) => g.findings).filter((f) => f.sheet === 'Tracks' && f.cell === 'D3');
    expect(d3.length).toBeGreaterThan(0);
    expect(tracks.notes.get(3, 4).split('\n')).toEqual(d3.map((f) => `Rungs: ${f.code}: ${f.message}`));
    expect(tracks.backgrounds.get(3, 4)).toBe('#f4c7c3');
    // F2: the overdue review is a warning.
    expect(tracks.backgrounds.get(2, 6)).toBe('#fce8b2');

    // The person recolours F2 and fixes both cells: the marks go, F2 keeps the person's colour.
    tracks.getRange('F2').setBackground('#00ff00');
    tracks.getRange('D3').setValue('mgr.owner@example.com');
    tracks.getRange('F2').setValue('2099-01-01');
    const again = valueOf(addon.run<ValidationView>('validateFromSidebar'));
    expect(again.cleared).toBeGreaterThanOrEqual(2);
    expect(tracks.notes.get(3, 4)).toBe('');
    expect(tracks.backgrounds.get(3, 4)).toBe('#ffffff');
    expect(tracks.backgrounds.get(2, 6)).toBe('#00ff00');
    expect(tracks.notes.get(2, 6)).toBe('');
  });

  it('remembers thousands of marks across property chunks (9 KB per value)', () => {
    const addon = workbookAddon();
    const ss = addon.gas.SpreadsheetApp.active!;
    // 3,000 level rows with a non-numeric Order: one finding each.
    const levels = ss.sheet('Levels');
    levels.maxRows = 3100;
    levels.write(6, 1, Array.from({ length: 3000 }, (_, i) => ['ENG', `X${i}`, `Extra ${i}`, 'first', '']));
    const view = valueOf(addon.run<ValidationView>('validateFromSidebar'));
    expect(view.marked).toBeGreaterThan(3000);
    const chunks = [...addon.gas.PropertiesService.document.store.keys()].filter((k) => k.startsWith('rungs.marks.'));
    expect(chunks.length).toBeGreaterThan(1);
    // Calls stay per tab, not per cell.
    expect(addon.gas.log.count('Range.setNotes')).toBeLessThanOrEqual(ss.sheets.length);
    expect(addon.gas.log.count('Range.setNote') + addon.gas.log.count('Range.setBackground')).toBe(0);

    levels.clearContents();
    levels.write(1, 1, [['Track ID', 'Level Code', 'Level Name', 'Order', 'Description'], ['ENG', 'IC1', 'Engineer', 1, ''], ['ENG', 'IC2', 'Senior', 2, ''], ['MGR', 'M1', 'Manager', 1, ''], ['MGR', 'M2', 'Senior Manager', 2, '']]);
    const after = valueOf(addon.run<ValidationView>('validateFromSidebar'));
    expect(after.cleared).toBeGreaterThan(3000);
    expect(levels.notes.get(1000, 4)).toBe('');
    expect(levels.backgrounds.get(1000, 4)).toBe('#ffffff');
  });
});

describe('selectFindingCell', () => {
  it('selects the cell; a tab that is gone or a bad address is a bad-input value', () => {
    const addon = workbookAddon();
    expect(valueOf(addon.run('selectFindingCell', { sheet: 'Matrix MGR', cell: 'C3' }))).toEqual({ sheet: 'Matrix MGR', cell: 'C3' });
    expect(addon.gas.SpreadsheetApp.active!.activeRange?.a1()).toBe('C3');
    expect(addon.run('selectFindingCell', { sheet: 'Nope', cell: 'A1' })).toMatchObject({ ok: false, error: { code: 'bad-input', message: 'There is no tab named "Nope" any more. Validate again.' } });
    expect(addon.run('selectFindingCell', { sheet: 'Tracks', cell: '1A' })).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  });
});

describe('applyProposalItems', () => {
  const proposal: Proposal = {
    operation: 'matrix', trackId: 'ENG', model: 'standin', cached: false,
    items: [
      { kind: 'cell', id: 'c1', sheet: 'Matrix ENG', rowHeader: 'Competency ID', rowKey: 'COMM', column: 'IC1', cell: 'C2', value: 'Writes crisp updates', basedOn: 'Writes clear updates' },
      { kind: 'cell', id: 'c2', sheet: 'Matrix ENG', rowHeader: 'Competency ID', rowKey: 'CODE', column: 'IC2', cell: 'D3', value: '=Owns a service', basedOn: 'Owns a service' },
      { kind: 'cell', id: 'c3', sheet: 'Matrix ENG', rowHeader: 'Competency ID', rowKey: 'CODE', column: 'IC1', cell: 'C3', value: 'Ships features', basedOn: 'Ships small changes' },
      { kind: 'row', id: 'r1', sheet: 'Competencies', match: { 'Competency ID': 'TEST' }, values: { 'Competency ID': 'TEST', 'Competency Name': 'Testing', Scope: 'Role' }, basedOn: '' },
      { kind: 'row', id: 'r2', sheet: 'Competencies', match: { 'Competency ID': 'COMM' }, values: { 'Competency ID': 'COMM', 'Competency Name': 'Comms', Scope: 'Shared' }, basedOn: '' },
    ],
  };

  it('writes the accepted items with one setValues per tab; a person\'s edit and an existing row come back as conflicts', () => {
    const addon = workbookAddon();
    const ss = addon.gas.SpreadsheetApp.active!;
    const matrix = ss.sheet('Matrix ENG');
    matrix.getRange('C3').setValue('Ships changes safely');
    addon.gas.log.reset();
    const view = valueOf(addon.run<ApplyView>('applyProposalItems', { proposal, acceptedIds: ['c1', 'c2', 'c3', 'r1', 'r2'] }));
    expect(view.written).toBe(5);
    expect(view.conflicts).toEqual([
      { itemId: 'c3', sheet: 'Matrix ENG', cell: 'C3', reason: 'edited', current: 'Ships changes safely', proposed: 'Ships features' },
      { itemId: 'r2', sheet: 'Competencies', cell: 'A2', reason: 'exists', current: 'COMM', proposed: 'COMM | Comms | Shared' },
    ]);
    expect(matrix.cell(2, 3)).toBe('Writes crisp updates');
    // Text that looks like a formula stays text.
    expect(matrix.cell(3, 4)).toBe('=Owns a service');
    expect(matrix.formula(3, 4)).toBe('');
    const competencies = ss.sheet('Competencies');
    expect(competencies.peek()[4].slice(0, 3)).toEqual(['TEST', 'Testing', 'Role']);
    expect(addon.gas.log.count('Range.setValues')).toBe(2);
    expect(addon.gas.LockService.documentLock.held).toBe(false);
  });

  it('applies only the accepted ids, and refuses a proposal that is not one', () => {
    const addon = workbookAddon();
    const view = valueOf(addon.run<ApplyView>('applyProposalItems', { proposal, acceptedIds: ['c1'] }));
    expect(view).toEqual({ written: 1, conflicts: [] });
    expect(addon.gas.SpreadsheetApp.active!.sheet('Competencies').peek()).toHaveLength(4);
    expect(addon.run('applyProposalItems', { proposal: { items: 'x' }, acceptedIds: [] })).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  });

  it('a busy document lock is a "busy" value, and nothing is written', () => {
    const addon = workbookAddon();
    addon.gas.LockService.documentLock.busy = true;
    expect(addon.run('applyProposalItems', { proposal, acceptedIds: ['c1'] })).toMatchObject({ ok: false, error: { code: 'busy' } });
    expect(addon.gas.SpreadsheetApp.active!.sheet('Matrix ENG').cell(2, 3)).toBe('Writes clear updates');
  });
});

describe('applyTrackPermissions', () => {
  it('protects track tabs to owner + admins and report tabs to admins; a second run changes nothing', () => {
    const addon = workbookAddon('admin@example.com');
    const ss = addon.gas.SpreadsheetApp.active!;
    ss.putSheet('Rubric ENG', [['Dimension', 'Competency ID', 'Weight', '1 Beginning']]);
    ss.putSheet('Report ENG', [['Report']]);
    ss.sheet('Tracks').getRange('D3').setValue('mgr.owner@example.com');
    addon.gas.PropertiesService.document.setProperty('rungs.adminEmails', 'hr.lead@example.com, Admin@example.com');

    const first = valueOf(addon.run<PermissionsView>('applyTrackPermissions'));
    expect(first).toEqual({
      changes: [
        'Matrix ENG: protected, editors set to eng.owner@example.com + 2 admins',
        'Rubric ENG: protected, editors set to eng.owner@example.com + 2 admins',
        'Matrix MGR: protected, editors set to mgr.owner@example.com + 2 admins',
        'Report ENG: protected, editors set to 2 admins',
      ],
      unchanged: 0,
    });
    const editorsOf = (name: string) => [...ss.protections.find((p) => p.range.sheet.name === name)!.editors].sort();
    expect(editorsOf('Matrix ENG')).toEqual(['admin@example.com', 'eng.owner@example.com', 'hr.lead@example.com', 'owner@example.com']);
    expect(editorsOf('Report ENG')).toEqual(['admin@example.com', 'hr.lead@example.com', 'owner@example.com']);
    expect(ss.protections.every((p) => p.type === 'SHEET' && !p.warningOnly)).toBe(true);

    expect(valueOf(addon.run<PermissionsView>('applyTrackPermissions'))).toEqual({ changes: [], unchanged: 4 });

    // A new owner, and someone who made the report tab warning-only: only those tabs change.
    ss.sheet('Tracks').getRange('D2').setValue('new.owner@example.com');
    ss.protections.find((p) => p.range.sheet.name === 'Report ENG')!.warningOnly = true;
    const third = valueOf(addon.run<PermissionsView>('applyTrackPermissions'));
    expect(third.changes).toEqual([
      'Matrix ENG: description updated, editors set to new.owner@example.com + 2 admins',
      'Rubric ENG: description updated, editors set to new.owner@example.com + 2 admins',
      'Report ENG: no longer warning-only',
    ]);
    expect(third.unchanged).toBe(1);
    expect(editorsOf('Matrix ENG')).not.toContain('eng.owner@example.com');

    // The menu item runs the same and says so in an alert.
    addon.call('protectTrackTabs');
    expect(addon.gas.ui.alerts.at(-1)?.prompt).toBe('Rungs: track permissions already applied. Nothing was changed.');
  });
});
