/**
 * The built add-on (node:vm, fakes) publishing examples/acme-with-problems to a real server process: for each track,
 * the preview and the refused publish mark exactly the cells local validation marks on that track's cells (Tracks!D4,
 * not D2; Competencies!D33, not D14; Modules!A26, not A9), and all tracks together mark what Validate marks.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DiffView, SidebarResult, ValidationView } from '../../addon/src/sidebar-api';
import type { WorkbookSnapshot } from '../../shared/snapshot';
import { loadWorkbook } from '../../sync-server/io/load-workbook';
import { pasteWorkbook } from '../addon/paste';
import { buildToTemp, loadAddon, startSyncServer, valueOf, type BuiltAddon, type RunningServer } from '../addon/server-harness';
import { ROOT } from '../cli/run-rungs';
import type { FakeSpreadsheet } from '../fakes/index';

let built: BuiltAddon;
let sync: RunningServer;
let problems: WorkbookSnapshot;
let acme: WorkbookSnapshot;

beforeAll(async () => {
  [built, sync, problems, acme] = await Promise.all([
    buildToTemp(), startSyncServer(), loadWorkbook(path.join(ROOT, 'examples', 'acme-with-problems')), loadWorkbook(path.join(ROOT, 'examples', 'acme')),
  ]);
}, 90_000);
afterAll(async () => {
  await Promise.all([sync?.stop(), built?.remove()]);
});

/** Every cell that carries a Rungs note line, as "Sheet!A1 code". */
function marksIn(ss: FakeSpreadsheet): string[] {
  const out: string[] = [];
  for (const sheet of ss.sheets) {
    for (let r = 1; r <= sheet.maxRows; r++) {
      for (let c = 1; c <= sheet.maxColumns; c++) {
        const note = sheet.notes.get(r, c);
        if (!note.includes('Rungs:')) continue;
        const cell = `${String.fromCharCode(64 + c)}${r}`;
        for (const m of note.matchAll(/^Rungs: ([a-z-]+):/gm)) out.push(`${sheet.name}!${cell} ${m[1]}`);
      }
    }
  }
  return out.sort();
}

const cellsOf = (groups: ValidationView['groups']) => groups.flatMap((g) => g.findings.map((f) => `${f.sheet}!${f.cell} ${f.code}`)).sort();

it('marks, for each track published from the sidebar, exactly the cells local validation marks on that track', () => {
  const addon = loadAddon(built, { session: { activeUserEmail: 'admin@acmecloud.com' } });
  const ss = addon.gas.SpreadsheetApp.create({ id: 'acme-problems', name: 'Acme with problems', timeZone: 'UTC' });
  ss.putSheet('Sheet1');
  addon.call('setUpWorkbook');
  pasteWorkbook(ss, problems);

  const local = valueOf(addon.run<ValidationView>('validateFromSidebar'));
  const localCells = cellsOf(local.groups);
  expect(localCells).toHaveLength(local.errors + local.warnings);
  expect(marksIn(ss)).toEqual(localCells);

  valueOf(addon.run('saveConnection', { serverUrl: sync.base, token: sync.adminToken }));
  const seen = new Set<string>();
  const byTrack: Record<string, string[]> = {};
  for (const trackId of ['ENG-IC', 'ENG-MGR', 'CS']) {
    const preview = valueOf(addon.run<DiffView>('previewPublish', { trackId }));
    const previewCells = cellsOf(preview.groups);
    // Only cells Validate marks too, and what the preview marks is what it lists.
    for (const c of previewCells) expect(localCells, `${trackId}: ${c}`).toContain(c);
    expect(marksIn(ss)).toEqual(previewCells);
    expect(preview.marked).toBe(new Set(previewCells.map((c) => c.split(' ')[0])).size);

    const refused = addon.run('publishTrack', { trackId, draftId: preview.draftId, idempotencyKey: `acme-${trackId}` }) as SidebarResult<unknown>;
    expect(refused.ok).toBe(false);
    if (refused.ok) continue;
    expect(refused.error.code).toBe('invalid');
    const publishCells = (refused.error.findings ?? []).map((f) => `${f.sheet}!${f.cell} ${f.code}`).sort();
    expect(publishCells).toEqual(previewCells);
    expect(marksIn(ss)).toEqual(previewCells);
    byTrack[trackId] = previewCells;
    for (const c of previewCells) seen.add(c);
  }

  // The cells the issue names: the user's real ones.
  expect(byTrack.CS).toEqual(expect.arrayContaining(['Tracks!D4 track-no-owner', 'Competencies!D33 dependency-cycle', 'Modules!A26 module-order']));
  for (const wrong of ['Tracks!D2', 'Competencies!D14', 'Modules!A9']) expect(Object.values(byTrack).flat().some((c) => c.startsWith(`${wrong} `))).toBe(false);
  expect(byTrack['ENG-MGR']).toEqual(expect.arrayContaining(['Tracks!F3 bad-date', 'Rubric ENG-MGR!B2 rubric-competency-outside-track']));
  expect(byTrack['ENG-IC']).toEqual(expect.arrayContaining(['Positions!D6 unknown-level']));
  // Every track together: what Validate marks in the whole workbook.
  expect([...seen].sort()).toEqual(localCells);
}, 120_000);

it("an admin's preview of a Shared change names the other Active tracks that use it", () => {
  const addon = loadAddon(built, { session: { activeUserEmail: 'admin@acmecloud.com' } });
  const ss = addon.gas.SpreadsheetApp.create({ id: 'acme-shared', name: 'Acme', timeZone: 'UTC' });
  ss.putSheet('Sheet1');
  addon.call('setUpWorkbook');
  pasteWorkbook(ss, acme);
  valueOf(addon.run('saveConnection', { serverUrl: sync.base, token: sync.adminToken }));
  for (const trackId of ['ENG-IC', 'ENG-MGR', 'CS']) {
    const preview = valueOf(addon.run<DiffView>('previewPublish', { trackId }));
    expect(preview).toMatchObject({ errors: 0, marked: 0 });
    valueOf(addon.run('publishTrack', { trackId, draftId: preview.draftId, idempotencyKey: `acme-shared-${trackId}` }));
  }
  // FND-WRT (a Shared competency every track's matrix lists) renamed in the sheet.
  const competencies = ss.sheet('Competencies');
  expect(competencies.cell(3, 1)).toBe('FND-WRT');
  competencies.getRange(3, 2).setValue('Clear writing');
  const preview = valueOf(addon.run<DiffView>('previewPublish', { trackId: 'CS' }));
  expect(preview.lines[0]).toBe('Shared competency FND-WRT: changed (Competency Name); also used by ENG-IC, ENG-MGR, which keep their published version until published again');
  expect(preview.lines).toContain('Competencies: changed FND-WRT (Competency Name)');
}, 60_000);
