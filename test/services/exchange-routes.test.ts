import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parseWorkbook } from '../../shared';
import { createApp } from '../../sync-server/app';
import { tabCsvText } from '../../sync-server/io/csv-folder';
import { createToken } from '../../sync-server/services/tokens';
import { miniWorkbook, setCell } from '../shared/mini-workbook';
import { describeEachEngine, type EngineHandle } from '../storage/engines';
import { MOODLE_FIXTURE } from '../formats/helpers';
import { contextFor } from './fixtures';

const MOODLE = readFileSync(MOODLE_FIXTURE, 'utf8');

async function setup(h: EngineHandle) {
  const services = contextFor(await h.open());
  const app = createApp({ services });
  const token = async (role: 'admin' | 'integrator' | 'owner', tracks?: string[]) => (await createToken(services, { role, label: role, tracks, workbookId: role === 'admin' ? null : 'mini', actor: 'cli' })).token;
  const [admin, integrator, owner] = [await token('admin'), await token('integrator'), await token('owner', ['MGR'])];
  const call = (method: string, path: string, tok: string, payload?: unknown) =>
    app.request(path, {
      method,
      headers: { authorization: `Bearer ${tok}`, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
  await call('POST', '/v1/workbooks', admin, { spreadsheetId: 'mini', name: 'Mini Co' });
  return { services, call, admin, integrator, owner };
}

describeEachEngine('integrator routes: import and export (F10)', (h) => {
  it('imports the Moodle fixture into a workbook snapshot, audit-logged; a broken file imports nothing', async () => {
    const { services, call, integrator } = await setup(h);
    const res = await call('POST', '/v1/import', integrator, { format: 'moodle', content: MOODLE, name: 'oecd.csv' });
    expect(res.status).toBe(200);
    const { snapshot, findings, summary } = await res.json();
    // 64 Moodle competencies: the levels branch becomes 5 levels and a grouping, the other 58 competencies.
    expect(parseWorkbook(snapshot).workbook.competencies).toHaveLength(58);
    expect(parseWorkbook(snapshot).workbook.levels).toHaveLength(5);
    expect(summary).toBe('58 competencies, 1 grouping, 5 levels, 1 track');
    expect(findings.every((f: { severity: string }) => f.severity === 'warning')).toBe(true);

    const broken = MOODLE.split('\n').map((line, i) => (i === 0 ? line.replace('"Parent id number",', '') : line)).join('\n');
    const bad = await call('POST', '/v1/import', integrator, { format: 'moodle', content: broken, name: 'broken.csv' });
    expect(bad.status).toBe(422);
    const body = await bad.json();
    expect(body.error.code).toBe('has-errors');
    expect(body.error.findings.length).toBeGreaterThan(0);
    expect(body.snapshot).toBeUndefined();

    const audit = await services.store.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'import').execute();
    expect(audit).toHaveLength(2);
  });

  it('imports tab CSVs with formula cells restored, merged into the workbook sent', async () => {
    const { call, integrator } = await setup(h);
    const tabs = { 'Competencies.csv': tabCsvText([['Competency ID', 'Competency Name', 'Scope', 'Depends On', 'Description'], ['E9', 'Estimation', 'Role', '', "'=SUM(A1)"]]) };
    const res = await call('POST', '/v1/import', integrator, { format: 'csv', content: tabs, into: miniWorkbook() });
    expect(res.status).toBe(200);
    const wb = parseWorkbook((await res.json()).snapshot).workbook;
    expect(wb.competencies.map((c) => c.id)).toEqual(['F1', 'E1', 'E2', 'P1', 'P2', 'E9']);
    expect(wb.competencies.find((c) => c.id === 'E9')!.description).toBe('=SUM(A1)');
    expect((await call('POST', '/v1/import', integrator, { format: 'csv', content: 'not tabs' })).status).toBe(400);
  });

  it('exports the published version or the draft of a track in each format, scoped by token', async () => {
    const { call, admin, integrator, owner } = await setup(h);
    const E = '/v1/workbooks/mini/tracks/ENG/export';
    const none = await call('GET', `${E}?format=case`, integrator);
    expect(none.status).toBe(404);
    expect((await none.json()).error.message).toContain('version=draft');

    await call('POST', '/v1/workbooks/mini/tracks/ENG/drafts', admin, setCell(miniWorkbook(), 'Competencies', 'E3', '=cmd|calc'));
    expect((await call('POST', '/v1/workbooks/mini/tracks/ENG/publish', admin, {})).status).toBe(200);

    const kase = await (await call('GET', `${E}?format=case`, integrator)).json();
    expect(kase.source).toEqual({ kind: 'version', number: 1 });
    const pkg = JSON.parse(kase.content);
    expect(pkg.CFDocument.identifier).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(pkg.CFItems.some((i: { humanCodingScheme?: string }) => i.humanCodingScheme === 'E2')).toBe(true);

    const csv = await (await call('GET', `${E}?format=csv&version=1`, integrator)).json();
    expect(Object.keys(csv.files)).toEqual(expect.arrayContaining(['Tracks.csv', 'Competencies.csv', 'Matrix ENG.csv']));
    expect(csv.files['Competencies.csv']).toContain("'=cmd|calc");

    const moodle = await (await call('GET', `${E}?format=moodle&version=draft`, integrator)).json();
    expect(moodle.source.kind).toBe('draft');
    expect(moodle.content.split('\n')[0]).toContain('Parent id number');

    expect((await call('GET', `${E}?format=case&version=9`, integrator)).status).toBe(404);
    expect((await call('GET', `${E}?format=case`, owner)).status).toBe(403);
    expect((await call('POST', '/v1/import', owner, { format: 'moodle', content: MOODLE })).status).toBe(403);
  });
});
