/**
 * End to end, as Google would run it: the BUILT add-on in node:vm with the fakes, its UrlFetchApp reaching a real
 * sync server in another process. Empty spreadsheet -> Set up workbook -> paste examples/acme with one broken cell
 * -> Validate finds and marks it -> fix -> Validate: clean, marks gone -> diff -> publish -> Tracks says Active.
 * Then AI generation through the server and a model stand-in, and the call counts on the product-scale workbook
 * (50 tracks x 10 levels, 3,000 competencies, 300 matrix rows per track): reads are one getValues per tab, writes a
 * handful per action, marks a few calls per marked tab. Never a call per cell.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ApplyView, DiffView, PublishView, SidebarState, ValidationView } from '../../addon/src/sidebar-api';
import type { Proposal } from '../../shared/ai/proposal';
import type { WorkbookSnapshot } from '../../shared/snapshot';
import { loadWorkbook } from '../../sync-server/io/load-workbook';
import { ROOT } from '../cli/run-rungs';
import { generateWorkbook, PRODUCT_SCALE } from '../support/generate-workbook';
import { pasteWorkbook } from './paste';
import { buildToTemp, loadAddon, startSyncServer, valueOf, type BuiltAddon, type RunningServer } from './server-harness';

let built: BuiltAddon;
let sync: RunningServer;
let acme: WorkbookSnapshot;
let standIn: ChildProcess;
let workbook: WorkbookSnapshot;

/** What the model answers to every call: two role competencies for the track. */
const MODEL_ANSWER = {
  kind: 'json',
  value: {
    competencies: [
      { id: 'ENG-INC', name: 'Incident command', description: 'Leads the response to production incidents.', dependsOn: [] },
      { id: 'ENG-CAP', name: 'Capacity planning', description: null, dependsOn: [] },
    ],
  },
};

/** The OpenAI stand-in in its own process: this thread is blocked while the server calls it. */
async function startStandIn(): Promise<string> {
  standIn = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/addon/openai-standin-process.ts'), JSON.stringify(MODEL_ANSWER)], { cwd: ROOT });
  return new Promise<string>((done) => createInterface({ input: standIn.stdout! }).once('line', done));
}

beforeAll(async () => {
  const aiBase = await startStandIn();
  [built, sync, acme] = await Promise.all([
    buildToTemp(),
    startSyncServer({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: aiBase }),
    loadWorkbook(path.join(ROOT, 'examples', 'acme')),
  ]);
  workbook = generateWorkbook(PRODUCT_SCALE);
}, 60_000);
afterAll(async () => {
  await Promise.all([sync?.stop(), built?.remove()]);
  standIn?.kill('SIGTERM');
});

const ERROR_FILL = '#f4c7c3';

it('set up -> paste acme with a broken cell -> validate marks it -> fix -> clean -> diff -> publish -> Tracks says Active', async () => {
  const addon = loadAddon(built, { session: { activeUserEmail: 'ana@acmecloud.com' } });
  const { gas } = addon;
  const ss = gas.SpreadsheetApp.create({ id: 'acme-sheet', name: 'Acme Cloud framework', timeZone: 'Europe/Berlin' });
  ss.putSheet('Sheet1');

  addon.call('setUpWorkbook');
  expect(gas.ui.alerts.at(-1)?.prompt).toContain('Created tabs: Tracks, Levels, Competencies, Positions, Modules, Employees.');
  pasteWorkbook(ss, acme);
  const tracks = ss.sheet('Tracks');
  expect(tracks.cell(2, 1)).toBe('ENG-IC');
  // The defect, and a note of the person's own on that cell.
  tracks.getRange('D2').setValue('priya.raman-at-acmecloud.com');
  tracks.getRange('D2').setNote('Ask HR who owns this.');

  // Validate: found, grouped under Tracks, the cell noted and highlighted.
  const first = valueOf(addon.run<ValidationView>('validateFromSidebar'));
  expect(first.errors).toBe(1);
  expect(first.groups.map((g) => g.sheet)).toEqual(['Tracks']);
  expect(first.groups[0].findings).toEqual([expect.objectContaining({ sheet: 'Tracks', cell: 'D2', severity: 'error', code: 'bad-email' })]);
  expect(first.marked).toBe(1);
  expect(first.cleared).toBe(0);
  expect(tracks.notes.get(2, 4)).toMatch(/^Ask HR who owns this\.\n\nRungs: bad-email: /);
  expect(tracks.backgrounds.get(2, 4)).toBe(ERROR_FILL);

  // Clicking the finding selects the cell.
  expect(valueOf(addon.run('selectFindingCell', { sheet: 'Tracks', cell: 'D2' }))).toEqual({ sheet: 'Tracks', cell: 'D2' });
  expect(ss.activeRange?.a1()).toBe('D2');
  expect(ss.getActiveSheet().name).toBe('Tracks');

  // Fix, validate again: clean, the mark gone, the person's note kept.
  tracks.getRange('D2').setValue('priya.raman@acmecloud.com');
  const second = valueOf(addon.run<ValidationView>('validateFromSidebar'));
  expect(second).toEqual({ errors: 0, warnings: 0, groups: [], marked: 0, cleared: 1 });
  expect(tracks.notes.get(2, 4)).toBe('Ask HR who owns this.');
  expect(tracks.backgrounds.get(2, 4)).toBe('#ffffff');
  expect([...gas.PropertiesService.document.store.keys()].filter((k) => k.startsWith('rungs.marks.'))).toEqual([]);

  // Connect, preview: everything is new against a never-published track.
  valueOf(addon.run('saveConnection', { serverUrl: sync.base, token: sync.adminToken }));
  const preview = valueOf(addon.run<DiffView>('previewPublish', { trackId: 'ENG-IC' }));
  expect(preview).toMatchObject({ trackId: 'ENG-IC', baseVersion: 0, activeVersion: 0, stale: false, errors: 0, more: 0 });
  expect(preview.counts.added).toBeGreaterThan(10);
  expect(preview.lines).toContain('Track: added ENG-IC Software Engineering');
  expect(preview.lines.some((l) => /^Competencies: added \S+ \S/.test(l))).toBe(true);
  expect(preview.lines.some((l) => /^Matrix: added \S+ @ \S+$/.test(l))).toBe(true);

  // Publish: the Tracks tab's Status says Active, with the version on the cell.
  gas.log.reset();
  const published = valueOf(addon.run<PublishView>('publishTrack', { trackId: 'ENG-IC', draftId: preview.draftId, idempotencyKey: 'e2e-1' }));
  expect(published.version).toBe(1);
  expect(published.statuses).toContainEqual({ trackId: 'ENG-IC', status: 'Active', version: 1 });
  expect(published.statusCellsWritten).toBe(1);
  expect(tracks.cell(2, 5)).toBe('Active');
  expect(tracks.notes.get(2, 5)).toBe('Active version: 1 (published with Rungs).');
  expect(tracks.cell(3, 5)).toBe('Draft');
  expect(gas.log.count('Range.setValues')).toBe(1);
  expect(gas.LockService.documentLock.acquisitions).toBeGreaterThan(0);
  expect(gas.LockService.documentLock.held).toBe(false);

  // The server agrees.
  const onServer = await sync.api('GET', '/v1/workbooks/acme-sheet');
  expect((onServer.json as { tracks: unknown[] }).tracks).toContainEqual({ trackId: 'ENG-IC', status: 'Active', version: 1 });
  const state = valueOf(addon.run<SidebarState>('sidebarState'));
  expect(state.tracks.find((t) => t.trackId === 'ENG-IC')?.status).toBe('Active');
  expect(state.spreadsheetName).toBe('Acme Cloud framework');

  // An edit after publishing shows as a change against version 1; a renamed Tracks tab is still found.
  const matrix = ss.sheet('Matrix ENG-IC');
  const [competency, level] = [String(matrix.cell(2, 1)), String(matrix.cell(1, 3))];
  matrix.getRange(2, 3).setValue('Explains every design decision in writing.');
  tracks.setName('Career tracks');
  const next = valueOf(addon.run<DiffView>('previewPublish', { trackId: 'ENG-IC' }));
  expect(next).toMatchObject({ baseVersion: 1, activeVersion: 1, errors: 0 });
  expect(next.lines).toEqual([`Matrix: changed ${competency} @ ${level} (Expectation)`]);
  expect(valueOf(addon.run<ValidationView>('validateFromSidebar')).errors).toBe(0);
});

it('Generate: a proposal from the model through the server; the accepted rows go to the end of the Competencies tab', () => {
  const addon = loadAddon(built);
  const ss = addon.gas.SpreadsheetApp.create({ id: 'acme-ai', name: 'Acme AI' });
  addon.call('setUpWorkbook');
  pasteWorkbook(ss, acme);
  valueOf(addon.run('saveConnection', { serverUrl: sync.base, token: sync.adminToken }));

  const proposal = valueOf(addon.run<Proposal>('generateProposal', { trackId: 'ENG-IC', operation: 'competencies', count: 2 }));
  expect(proposal).toMatchObject({ operation: 'competencies', trackId: 'ENG-IC', cached: false });
  expect(proposal.items.map((i) => i.id)).toEqual(['competency:ENG-INC', 'competency:ENG-CAP']);
  const sent = JSON.parse(addon.gas.UrlFetchApp.requests.at(-1)?.body ?? '{}') as { count?: number; snapshot?: { sheets: unknown[] } };
  expect(sent.count).toBe(2);
  expect(sent.snapshot?.sheets).toHaveLength(ss.sheets.length);

  const competencies = ss.sheet('Competencies');
  const before = competencies.lastRow();
  addon.gas.log.reset();
  const applied = valueOf(addon.run<ApplyView>('applyProposalItems', { proposal, acceptedIds: ['competency:ENG-CAP'] }));
  expect(applied).toEqual({ written: 3, conflicts: [] });
  expect(competencies.lastRow()).toBe(before + 1);
  expect(competencies.peek()[before].slice(0, 3)).toEqual(['ENG-CAP', 'Capacity planning', 'Role']);
  expect(addon.gas.log.count('Range.setValues')).toBe(1);

  // Applying the same item again: the row exists now.
  const again = valueOf(addon.run<ApplyView>('applyProposalItems', { proposal, acceptedIds: ['competency:ENG-CAP'] }));
  expect(again.written).toBe(0);
  expect(again.conflicts).toEqual([expect.objectContaining({ itemId: 'competency:ENG-CAP', reason: 'exists' })]);
});

it('validate, preview and publish a product-scale workbook in O(tabs) calls', () => {
  const addon = loadAddon(built);
  const { gas } = addon;
  const ss = gas.SpreadsheetApp.create({ id: 'scale-sheet', name: 'Scale Co' });
  pasteWorkbook(ss, { ...workbook, spreadsheetId: 'scale-sheet' });
  const tabs = ss.sheets.length;
  const cells = ss.sheets.reduce((n, s) => n + s.lastRow() * s.lastColumn(), 0);
  expect(tabs).toBeGreaterThanOrEqual(105);
  expect(cells).toBeGreaterThan(150_000);

  // Defects in 5 matrix tabs, 40 cells each (a level code header and blank Competency IDs would do; here: ids
  // that are not in the catalogue, one finding per row).
  const broken = ss.sheets.filter((s) => s.name.startsWith('Matrix ')).slice(0, 5);
  for (const sheet of broken) for (let r = 2; r <= 41; r++) sheet.write(r, 1, [[`NOPE-${r}`]]);

  gas.log.reset();
  let started = performance.now();
  const view = valueOf(addon.run<ValidationView>('validateFromSidebar'));
  const validateMs = performance.now() - started;
  expect(view.errors).toBeGreaterThanOrEqual(200);
  expect(view.marked).toBeGreaterThanOrEqual(200);
  expect(gas.log.count('Range.getValues')).toBe(tabs);
  expect(gas.log.count('Range.setValues')).toBe(0);
  // Marks: per marked tab one getNotes, one setNotes, one getBackgrounds and one RangeList per colour.
  const marked = new Set(view.groups.map((g) => g.sheet)).size;
  expect(marked).toBe(5);
  expect(gas.log.count('Range.setNotes')).toBe(marked);
  expect(gas.log.count('Range.getNotes')).toBe(marked);
  expect(gas.log.count('RangeList.setBackground')).toBeLessThanOrEqual(2 * marked);
  expect(gas.log.count('Range.setNote') + gas.log.count('Range.setBackground') + gas.log.count('Range.getValue')).toBe(0);
  expect(gas.log.total('Range.')).toBeLessThanOrEqual(tabs + 4 * marked);

  // Fixing them: the marks go in as few calls.
  for (const sheet of broken) for (let r = 2; r <= 41; r++) sheet.write(r, 1, [[workbook.sheets.find((s) => s.name === sheet.name)!.values[r - 1][0]]]);
  gas.log.reset();
  const clean = valueOf(addon.run<ValidationView>('validateFromSidebar'));
  expect(clean.errors).toBe(0);
  expect(clean.cleared).toBe(view.marked);
  expect(gas.log.count('Range.setNotes')).toBe(marked);
  expect(gas.log.total('Range.')).toBeLessThanOrEqual(tabs + 4 * marked);

  valueOf(addon.run('saveConnection', { serverUrl: sync.base, token: sync.adminToken }));
  const trackId = String(ss.sheet('Tracks').cell(2, 1));
  gas.log.reset();
  started = performance.now();
  const preview = valueOf(addon.run<DiffView>('previewPublish', { trackId }));
  const previewMs = performance.now() - started;
  expect(preview.errors).toBe(0);
  expect(preview.counts.added).toBeGreaterThan(2000);
  expect(preview.lines).toHaveLength(200);
  expect(preview.more).toBe(preview.counts.added - 200);
  expect(gas.log.count('Range.getValues')).toBe(tabs);
  expect(gas.log.count('UrlFetchApp.fetch')).toBe(2);
  expect(gas.log.keys().filter((k) => /\.(set|insert|delete|append|clear)/.test(k))).toEqual([]);

  gas.log.reset();
  const published = valueOf(addon.run<PublishView>('publishTrack', { trackId, draftId: preview.draftId, idempotencyKey: 'scale-1' }));
  expect(published.version).toBe(1);
  expect(gas.log.count('Range.setValues')).toBe(1);
  expect(gas.log.count('Range.getValues')).toBe(1);
  expect(gas.log.count('UrlFetchApp.fetch')).toBe(1);

  const body = gas.UrlFetchApp.requests.find((r) => r.url.endsWith('/drafts'))?.body ?? '';
  console.log(`product scale: ${tabs} tabs, ${cells} cells; validate ${validateMs.toFixed(0)} ms, preview ${previewMs.toFixed(0)} ms (draft body ${(body.length / 1e6).toFixed(1)} MB)`);
}, 120_000);
