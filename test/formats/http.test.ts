/** The exchange over HTTP: POST /v1/import with `into` merges and reports; GET .../export writes CASE 1.1 deterministically. */
import { expect, it } from 'vitest';
import { parseWorkbook, type Finding, type WorkbookSnapshot } from '../../shared';
import type { CFPackage } from '../../shared/formats/case';
import { createApp } from '../../sync-server/app';
import { createToken } from '../../sync-server/services/tokens';
import { exportFramework } from '../../sync-server/services/exchange';
import { miniWorkbook, setCell } from '../shared/mini-workbook';
import { contextFor } from '../services/fixtures';
import { describeEachEngine, type EngineHandle } from '../storage/engines';
import { caseSchemaErrors } from './case-validator';
import { packageText, SBAC_CONTENT_SPEC } from './helpers';

async function setup(h: EngineHandle) {
  const services = contextFor(await h.open());
  const app = createApp({ services });
  const token = async (role: 'admin' | 'integrator') => (await createToken(services, { role, label: role, actor: 'cli', ...(role === 'integrator' ? { workbookId: 'mini' } : {}) })).token;
  const [admin, integrator] = [await token('admin'), await token('integrator')];
  const call = async (method: string, path: string, tok: string, payload?: unknown) => {
    const res = await app.request(path, {
      method,
      headers: { authorization: `Bearer ${tok}`, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  await call('POST', '/v1/workbooks', admin, { spreadsheetId: 'mini', name: 'Mini Co' });
  return { services, call, admin, integrator };
}

const comps = (s: WorkbookSnapshot) => s.sheets.find((x) => x.name === 'Competencies')!.values;

describeEachEngine('exchange over HTTP', (h) => {
  it('POST /v1/import with into: Moodle leaves Scope and Depends On alone, and each change is a finding naming its cell', async () => {
    const { call, integrator } = await setup(h);
    const mini = miniWorkbook();
    const moodle = (exportFramework(mini, 'moodle', { changedAt: '2026-11-23T00:00:00Z', hasSpreadsheetId: true }).content as string).replace(',Coding,', ',Programming,');
    const res = await call('POST', '/v1/import', integrator, { format: 'moodle', content: moodle, name: 'mini.csv', into: mini });
    expect(res.status).toBe(200);
    const snapshot = res.body.snapshot as WorkbookSnapshot;
    const findings = res.body.findings as Finding[];
    expect(findings.filter((f) => f.code.startsWith('import-value'))).toEqual([
      { sheet: 'Competencies', cell: 'B3', severity: 'warning', code: 'import-value-changed', message: 'The import changes Competency Name from "Coding" to "Programming".' },
    ]);
    expect(comps(snapshot)).toEqual(setCell(mini, 'Competencies', 'B3', 'Programming').sheets.find((s) => s.name === 'Competencies')!.values);
    expect(res.body.changedTabs).toEqual(['Competencies']);
    // Every other tab is the one sent.
    for (const s of mini.sheets.filter((x) => x.name !== 'Competencies')) expect(snapshot.sheets.find((x) => x.name === s.name)).toEqual(s);
  });

  it('POST /v1/import of a real CASE framework says how many items of each type went where', async () => {
    const { call, integrator } = await setup(h);
    const res = await call('POST', '/v1/import', integrator, { format: 'case', content: packageText(SBAC_CONTENT_SPEC), name: 'sbac.json' });
    expect(res.status).toBe(200);
    expect(res.body.summary).toBe('503 competencies, 82 groupings, 0 levels, 0 tracks');
    expect(res.body.details).toContain('Measured Skill: 298 → Competencies');
    expect(parseWorkbook(res.body.snapshot as WorkbookSnapshot).workbook.competencies).toHaveLength(503);
    expect((res.body.findings as Finding[]).every((f) => f.severity === 'warning')).toBe(true);
  });

  it('POST /v1/import of a package whose text a workbook cannot store: nothing imported, the cells named', async () => {
    const { call, integrator } = await setup(h);
    const pkg = JSON.parse(packageText(SBAC_CONTENT_SPEC)) as { CFItems: { fullStatement: string; notes?: string }[] };
    pkg.CFItems[3].notes = 'copied from a PDF\u0000';
    pkg.CFItems[4].fullStatement = 'A statement pasted many times over. '.repeat(1500);
    const res = await call('POST', '/v1/import', integrator, { format: 'case', content: JSON.stringify(pkg), name: 'sbac.json' });
    expect(res.status).toBe(422);
    const findings = (res.body.error as { findings: Finding[] }).findings.filter((f) => f.severity === 'error');
    expect(findings.map((f) => [f.sheet, f.code])).toEqual([['Competencies', 'bad-text'], ['Competencies', 'bad-text']]);
    expect(findings.map((f) => f.message).join(' ')).toMatch(/NUL character[\s\S]*53,999 characters/);
  });

  it('GET .../export?format=case: CASE 1.1 the official schema accepts, the same bytes every time, times from the version', async () => {
    const { services, call, admin, integrator } = await setup(h);
    expect((await call('POST', '/v1/workbooks/mini/tracks/ENG/drafts', admin, miniWorkbook())).status).toBe(201);
    expect((await call('POST', '/v1/workbooks/mini/tracks/ENG/publish', admin, {})).status).toBe(200);
    const E = '/v1/workbooks/mini/tracks/ENG/export?format=case';
    const first = await call('GET', E, integrator);
    expect(first.status).toBe(200);
    const second = await call('GET', E, integrator);
    expect(second.body.content).toBe(first.body.content);
    const pkg = JSON.parse(first.body.content as string) as CFPackage;
    expect(caseSchemaErrors(pkg)).toEqual([]);
    const version = await services.store.db.selectFrom('versions').select(['published_at']).where('track_id', '=', 'ENG').executeTakeFirstOrThrow();
    expect(Date.parse(pkg.CFDocument.lastChangeDateTime)).toBe(Date.parse(version.published_at));
    expect(new Set(pkg.CFItems.map((i) => i.lastChangeDateTime))).toEqual(new Set([pkg.CFDocument.lastChangeDateTime]));
    expect(pkg.CFDocument.adoptionStatus).toBe('Adopted');

    // A second version keeps the track's CFDocument identifier and its items'; the other track has its own document.
    const edited = setCell(miniWorkbook(), 'Competencies', 'B3', 'Programming');
    await call('POST', '/v1/workbooks/mini/tracks/ENG/drafts', admin, edited);
    await call('POST', '/v1/workbooks/mini/tracks/ENG/publish', admin, {});
    const v2 = JSON.parse((await call('GET', E, integrator)).body.content as string) as CFPackage;
    expect(v2.CFDocument.identifier).toBe(pkg.CFDocument.identifier);
    expect(v2.CFItems.map((i) => i.identifier)).toEqual(pkg.CFItems.map((i) => i.identifier));
    expect(v2.CFDocument.lastChangeDateTime).not.toBe(pkg.CFDocument.lastChangeDateTime);
    await call('POST', '/v1/workbooks/mini/tracks/MGR/drafts', admin, miniWorkbook());
    const draft = await call('GET', '/v1/workbooks/mini/tracks/MGR/export?format=case&version=draft', integrator);
    const mgr = JSON.parse(draft.body.content as string) as CFPackage;
    expect(mgr.CFDocument.identifier).not.toBe(pkg.CFDocument.identifier);
    expect(mgr.CFDocument.adoptionStatus).toBe('Draft');
    expect(caseSchemaErrors(mgr)).toEqual([]);
  });
});
