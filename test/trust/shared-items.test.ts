/**
 * Shared competencies and modules belong to the admins, and every published version is self-contained: on both
 * stores, over HTTP. What a track serves (expectations, path, report path, export) is its own version's, whatever
 * another track publishes; an owner's draft that adds, changes or removes a Shared item gets shared-item-admin-only
 * at that cell and cannot be published or rolled back to; an admin's change names the other tracks that use the item,
 * and they are published together in one transaction, all or nothing.
 */
import { expect, it } from 'vitest';
import type { Finding } from '../../shared/findings';
import { computeReports } from '../../sync-server/reports/compute';
import { addRow, miniWorkbook, setCell, sheetOf } from '../shared/mini-workbook';
import { describeEachEngine, type EngineHandle } from '../storage/engines';
import type { PublishHooks } from '../../sync-server/services/context';
import { miniServers } from './http-server';

const W = '/v1/workbooks/mini';
const T = `${W}/tracks`;
const { connectedMini } = miniServers();

/** Two tracks published by an admin (that approves the Shared items), an owner per track, an employee on each. */
async function published(h: EngineHandle, hooks?: PublishHooks) {
  const server = await connectedMini(h, hooks);
  const { call, admin } = server;
  for (const track of ['ENG', 'MGR']) {
    expect((await call('POST', `${T}/${track}/drafts`, admin, miniWorkbook())).status).toBe(201);
    expect((await call('POST', `${T}/${track}/publish`, admin, {})).status).toBe(200);
  }
  const employees = [...sheetOf(miniWorkbook(), 'Employees').values, ['EMP-2', 'Max Roe', 'max@acme.test', 'POS-2', '']];
  expect((await call('PUT', `${W}/employees`, admin, { values: employees })).status).toBe(200);
  return { ...server, ana: await server.token('owner', 'Ana', ['ENG']), ben: await server.token('owner', 'Ben', ['MGR']) };
}

const renamedF1 = () => setCell(setCell(miniWorkbook(), 'Competencies', 'B2', 'Clear writing'), 'Matrix MGR', 'B2', 'Clear writing');
const retitledS1 = () => setCell(miniWorkbook(), 'Modules', 'B2', 'Writing for busy readers');
const sharedFindings = (findings: Finding[]) => findings.filter((f) => f.code === 'shared-item-admin-only');

describeEachEngine('shared items and self-contained versions', (h) => {
  it('a track keeps serving its own version when another track publishes a Shared item differently', async () => {
    const { call, admin, services } = await published(h);
    // An admin renames F1 and retitles S-1, and publishes ENG only.
    const changed = setCell(renamedF1(), 'Modules', 'B2', 'Writing for busy readers');
    expect((await call('POST', `${T}/ENG/drafts`, admin, changed)).status).toBe(201);
    expect((await call('POST', `${T}/ENG/publish`, admin, {})).status).toBe(200);

    const eng = await call('GET', `${W}/employees/EMP-1/expectations`, admin);
    const mgr = await call('GET', `${W}/employees/EMP-2/expectations`, admin);
    expect(eng.body.expectations.find((e: { competencyId: string }) => e.competencyId === 'F1').competencyName).toBe('Clear writing');
    expect(mgr.body.expectations.find((e: { competencyId: string }) => e.competencyId === 'F1').competencyName).toBe('Written communication');
    const engPath = await call('GET', `${W}/employees/EMP-1/path`, admin);
    const mgrPath = await call('GET', `${W}/employees/EMP-2/path`, admin);
    expect(engPath.status).toBe(200);
    expect(engPath.body.steps.find((s: { moduleId: string }) => s.moduleId === 'S-1').title).toBe('Writing for busy readers');
    expect(mgrPath.body.steps.find((s: { moduleId: string }) => s.moduleId === 'S-1').title).toBe('Writing that gets read');
    const reports = await computeReports(services, 'mini');
    const titleIn = (track: string) => reports.tracks.find((t) => t.trackId === track)!.funnel.find((s) => s.moduleId === 'S-1')!.title;
    expect([titleIn('ENG'), titleIn('MGR')]).toEqual(['Writing for busy readers', 'Writing that gets read']);
    const version = await call('GET', `${T}/MGR/versions/1`, admin);
    expect(sheetOf(version.body.snapshot, 'Competencies').values[1]).toEqual(['F1', 'Written communication', 'Shared', '', '']);
  });

  it("an owner's draft that changes, adds or removes a Shared item gets shared-item-admin-only at that cell; Role items are theirs", async () => {
    const { call, ana } = await published(h);
    // Changing a Shared competency's description.
    const described = setCell(miniWorkbook(), 'Competencies', 'E2', 'Plain words, short sentences');
    const changed = await call('POST', `${T}/ENG/drafts`, ana, described);
    expect(changed.status).toBe(201);
    expect(sharedFindings(changed.body.findings)).toEqual([
      expect.objectContaining({ sheet: 'Competencies', cell: 'E2', severity: 'error', message: expect.stringMatching(/Shared competency "F1" differs from what an admin published \(Description; Description was blank\).*only an admin can change/) }),
    ]);
    const refused = await call('POST', `${T}/ENG/publish`, ana, {});
    expect(refused.status).toBe(422);
    expect(sharedFindings(refused.body.error.findings)).toEqual([expect.objectContaining({ sheet: 'Competencies', cell: 'E2' })]);

    // A new Shared competency the track uses.
    const added = addRow(setCell(miniWorkbook(), 'Matrix ENG', 'A4', 'F2'), 'Competencies', ['F2', 'Listening', 'Shared', '', '']);
    const addedDraft = await call('POST', `${T}/ENG/drafts`, ana, added);
    expect(sharedFindings(addedDraft.body.findings)).toEqual([expect.objectContaining({ sheet: 'Competencies', cell: 'A7', message: expect.stringContaining('only an admin can add one') })]);

    // A Shared module removed from the Modules tab (its row deleted).
    const removed = miniWorkbook();
    sheetOf(removed, 'Modules').values.splice(1, 1);
    setCell(removed, 'Modules', 'E2', '');
    const removedDraft = await call('POST', `${T}/ENG/drafts`, ana, removed);
    expect(sharedFindings(removedDraft.body.findings)).toEqual([expect.objectContaining({ sheet: 'Modules', cell: 'A1', message: expect.stringContaining('"S-1"') })]);

    // Another spelling of the Shared mark (as the validator reads it) and of a Shared competency's Scope is no change.
    const respelled = setCell(setCell(miniWorkbook(), 'Modules', 'C2', ' shared'), 'Competencies', 'C2', 'SHARED ');
    expect((await call('POST', `${T}/ENG/drafts`, ana, respelled)).body.findings).toEqual([]);

    // The owner's own Role items: no such finding, and it publishes.
    const own = setCell(miniWorkbook(), 'Competencies', 'E3', 'Writes code others can read');
    const ownDraft = await call('POST', `${T}/ENG/drafts`, ana, own);
    expect(ownDraft.body.findings).toEqual([]);
    expect((await call('POST', `${T}/ENG/publish`, ana, {})).status).toBe(200);
  });

  it("an admin's change names the other Active tracks using the item; they keep their version until published together, all or nothing", async () => {
    const { call, admin, ben } = await published(h);
    const draft = await call('POST', `${T}/ENG/drafts`, admin, renamedF1());
    expect(draft.body.findings).toEqual([]);
    const diff = await call('GET', `${T}/ENG/diff`, admin);
    expect(diff.body.shared).toEqual([
      { kind: 'competency', id: 'F1', change: 'changed', fields: ['Competency Name'], sheet: 'Competencies', cell: 'B2', usedBy: ['MGR'] },
    ]);
    // Until an admin publishes, the owner of MGR is told the admins own F1 (their sheet holds the admin's edit, not yet approved).
    const early = await call('POST', `${T}/MGR/drafts`, ben, renamedF1());
    expect(sharedFindings(early.body.findings)).toHaveLength(1);

    // One track's draft with errors: nothing is published.
    await call('POST', `${T}/MGR/drafts`, admin, setCell(renamedF1(), 'Matrix MGR', 'A3', 'NOPE'));
    const blocked = await call('POST', `${W}/publish`, admin, { tracks: [{ trackId: 'ENG' }, { trackId: 'MGR' }] }, { 'idempotency-key': 'both-1' });
    expect(blocked.status).toBe(422);
    expect(blocked.body.error.findings).toContainEqual(expect.objectContaining({ sheet: 'Matrix MGR', cell: 'A3', code: 'unknown-competency' }));
    const versionsOf = async (track: string) => (await call('GET', `${T}/${track}/versions`, admin)).body.activeVersion;
    expect([await versionsOf('ENG'), await versionsOf('MGR')]).toEqual([1, 1]);

    // Both clean: one request, one transaction, both new versions; the same key answers the same.
    await call('POST', `${T}/MGR/drafts`, admin, renamedF1());
    const both = await call('POST', `${W}/publish`, admin, { tracks: [{ trackId: 'ENG' }, { trackId: 'MGR' }], note: 'F1 renamed' }, { 'idempotency-key': 'both-2' });
    expect(both.status).toBe(200);
    expect(both.body.versions.map((v: { trackId: string; version: number }) => [v.trackId, v.version])).toEqual([['ENG', 2], ['MGR', 2]]);
    expect(both.body.statuses).toEqual([{ trackId: 'ENG', status: 'Active', version: 2 }, { trackId: 'MGR', status: 'Active', version: 2 }]);
    const again = await call('POST', `${W}/publish`, admin, { tracks: [{ trackId: 'ENG' }, { trackId: 'MGR' }], note: 'F1 renamed' }, { 'idempotency-key': 'both-2' });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(both.body);
    const reused = await call('POST', `${W}/publish`, admin, { tracks: [{ trackId: 'ENG' }] }, { 'idempotency-key': 'both-2' });
    expect([reused.status, reused.body.error.code]).toEqual([422, 'idempotency-key-reused']);
    const mgr = await call('GET', `${W}/employees/EMP-2/expectations`, admin);
    expect(mgr.body.expectations.find((e: { competencyId: string }) => e.competencyId === 'F1').competencyName).toBe('Clear writing');

    // Now approved: the MGR owner's draft from the same sheet is clean.
    expect(sharedFindings((await call('POST', `${T}/MGR/drafts`, ben, renamedF1())).body.findings)).toEqual([]);
    // An owner cannot publish a track of someone else with it.
    expect((await call('POST', `${W}/publish`, ben, { tracks: [{ trackId: 'MGR' }, { trackId: 'ENG' }] })).status).toBe(403);
  });

  it('publishing several tracks is one transaction: a failure after the first version leaves both tracks as they were', async () => {
    let inserts = 0;
    const { call, admin } = await published(h, { afterVersionInsert: () => { if (++inserts === 4) throw new Error('disk full'); } });
    await call('POST', `${T}/ENG/drafts`, admin, retitledS1());
    await call('POST', `${T}/MGR/drafts`, admin, retitledS1());
    const failed = await call('POST', `${W}/publish`, admin, { tracks: [{ trackId: 'ENG' }, { trackId: 'MGR' }] });
    expect(failed.status).toBe(500);
    for (const track of ['ENG', 'MGR']) {
      const list = await call('GET', `${T}/${track}/versions`, admin);
      expect([track, list.body.activeVersion, list.body.versions.length]).toEqual([track, 1, 1]);
    }
    const mgrPath = await call('GET', `${W}/employees/EMP-2/path`, admin);
    expect(mgrPath.body.steps.find((s: { moduleId: string }) => s.moduleId === 'S-1').title).toBe('Writing that gets read');
    // And it goes through once the failure is gone.
    const retried = await call('POST', `${W}/publish`, admin, { tracks: [{ trackId: 'ENG' }, { trackId: 'MGR' }] });
    expect(retried.status).toBe(200);
  });

  it('two requests with one key publish once: both get the one answer', async () => {
    const { call, admin } = await published(h, { afterVersionInsert: () => new Promise((done) => setTimeout(done, 100)) });
    await call('POST', `${T}/ENG/drafts`, admin, retitledS1());
    await call('POST', `${T}/MGR/drafts`, admin, retitledS1());
    const body = { tracks: [{ trackId: 'ENG' }, { trackId: 'MGR' }] };
    const [a, b] = await Promise.all([1, 2].map(() => call('POST', `${W}/publish`, admin, body, { 'idempotency-key': 'at-once' })));
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body).toEqual(b.body);
    expect([a.headers.get('idempotent-replayed'), b.headers.get('idempotent-replayed')].sort()).toEqual(['true', null].sort());
    for (const track of ['ENG', 'MGR']) expect((await call('GET', `${T}/${track}/versions`, admin)).body.versions).toHaveLength(2);
  });

  it('an owner cannot roll back to a version whose Shared items an admin has changed since; an admin can', async () => {
    const { call, admin, ana } = await published(h);
    await call('POST', `${T}/ENG/drafts`, admin, retitledS1());
    await call('POST', `${T}/MGR/drafts`, admin, retitledS1());
    expect((await call('POST', `${W}/publish`, admin, { tracks: [{ trackId: 'ENG' }, { trackId: 'MGR' }] })).status).toBe(200);
    const back = await call('POST', `${T}/ENG/rollback`, ana, { toVersion: 1 });
    expect(back.status).toBe(422);
    expect(sharedFindings(back.body.error.findings)).toEqual([expect.objectContaining({ sheet: 'Modules', cell: 'B2' })]);
    expect((await call('POST', `${T}/ENG/rollback`, admin, { toVersion: 1 })).status).toBe(200);
  });
});
