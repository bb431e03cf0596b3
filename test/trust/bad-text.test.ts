/**
 * Text that cannot be stored (a NUL character, half of a surrogate pair, a cell longer than Sheets holds) is a
 * bad-text finding at its cell or row, never a 500, and nothing is stored: the same answer on both stores, over
 * HTTP. Huge cells make no huge answers: a finding quotes at most 200 characters of a cell, and an answer lists at
 * most 1,000 findings in under 1 MB, with the total.
 */
import { expect, it } from 'vitest';
import type { Finding } from '../../shared/findings';
import { miniWorkbook, setCell, sheetOf } from '../shared/mini-workbook';
import { describeEachEngine } from '../storage/engines';
import { miniServers, type HttpServer } from './http-server';

const W = '/v1/workbooks/mini';
const NUL = '\u0000';
const HALF_EMOJI = '\uD83D';
const { connectedMini } = miniServers();

const badText = (findings: Finding[]) => findings.filter((f) => f.code === 'bad-text').map((f) => `${f.sheet}!${f.cell}`);

async function countRows(server: HttpServer, table: 'employees' | 'versions' | 'learner_completions' | 'workbooks') {
  const r = await server.services.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

describeEachEngine('text that cannot be stored', (h) => {
  it('in workbook cells: a bad-text finding at the cell; the draft cannot be published; nothing is versioned', async () => {
    const server = await connectedMini(h);
    const { call, admin } = server;
    let snap = setCell(miniWorkbook(), 'Tracks', 'G2', `Builds${NUL} the product`);
    snap = setCell(snap, 'Matrix ENG', 'C2', `Writes ${HALF_EMOJI} updates`);
    snap = setCell(snap, 'Competencies', 'E3', 'x'.repeat(60_000));
    const draft = await call('POST', `${W}/tracks/ENG/drafts`, admin, snap);
    expect(draft.status).toBe(201);
    expect(badText(draft.body.findings)).toEqual(['Tracks!G2', 'Competencies!E3', 'Matrix ENG!C2']);
    expect(draft.body.findings.find((f: Finding) => f.cell === 'E3').message).toContain('60,000 characters');
    const refused = await call('POST', `${W}/tracks/ENG/publish`, admin, {});
    expect(refused.status).toBe(422);
    expect(badText(refused.body.error.findings)).toHaveLength(3);
    expect(await countRows(server, 'versions')).toBe(0);
    // The same cells locally, through the stateless route.
    const local = await call('POST', '/v1/validate', null, snap);
    expect(badText(local.body.findings)).toEqual(['Tracks!G2', 'Competencies!E3', 'Matrix ENG!C2']);
  });

  it('in the Employees tab: 422 with the cells, the stored employees kept', async () => {
    const server = await connectedMini(h);
    const { call, admin } = server;
    const values = sheetOf(miniWorkbook(), 'Employees').values;
    expect((await call('PUT', `${W}/employees`, admin, { values })).status).toBe(200);
    for (const [cell, text] of [['B2', `Dana${NUL}Li`], ['B2', `Dana ${HALF_EMOJI}`], ['A2', `EMP${NUL}1`]] as const) {
      const broken = setCell({ spreadsheetId: 'mini', sheets: [{ name: 'Employees', values: structuredClone(values) }] }, 'Employees', cell, text);
      const put = await call('PUT', `${W}/employees`, admin, { values: broken.sheets[0].values });
      expect([cell, put.status]).toEqual([cell, 422]);
      expect(badText(put.body.error.findings)).toEqual([`Employees!${cell}`]);
    }
    const stored = await server.services.store.db.selectFrom('employees').select(['employee_id', 'name']).execute();
    expect(stored).toEqual([{ employee_id: 'EMP-1', name: 'Dana Li' }]);
  });

  it('in learner-record and HRIS CSV files: a finding at the row, nothing imported', async () => {
    const server = await connectedMini(h);
    const { call, admin } = server;
    for (const track of ['ENG', 'MGR']) {
      await call('POST', `${W}/tracks/${track}/drafts`, admin, miniWorkbook());
      await call('POST', `${W}/tracks/${track}/publish`, admin, {});
    }
    const csv = (text: string, kind: string) => call('POST', `${W}/records/${kind}`, admin, text, { 'content-type': 'text/csv' });
    const hris = `employee_id,employee_name,email,position_id,manager_email\nEMP-1,Dana Li,dana@acme.test,POS-1,\nEMP-2,Eli${NUL}Park,eli@acme.test,POS-2,\n`;
    const people = await csv(hris, 'employees');
    expect(people.status).toBe(422);
    expect(people.body.error.findings).toEqual([expect.objectContaining({ cell: 'B3', code: 'bad-text', message: expect.stringContaining('employee_name holds a NUL character') })]);
    expect(await countRows(server, 'employees')).toBe(0);

    expect((await csv(hris.replace(NUL, ' '), 'employees')).status).toBe(200);
    const completions = `employee_id,module_id,status,started_at,completed_at,score\nEMP-1,S-1,completed,2026-03-01,2026-03-02,90\nEMP${NUL}2,S-1,completed,,,\n`;
    const records = await csv(completions, 'completions');
    expect(records.status).toBe(422);
    expect(records.body.error.findings).toEqual([expect.objectContaining({ cell: 'A3', code: 'bad-text' })]);
    expect(await countRows(server, 'learner_completions')).toBe(0);
  });

  it('in the text fields of requests: 400 naming the field, nothing stored', async () => {
    const server = await connectedMini(h);
    const { call, admin } = server;
    const named = await call('POST', '/v1/workbooks', admin, { spreadsheetId: 'other', name: `Acme${NUL}` });
    expect(named.status).toBe(400);
    expect(named.body.error.message).toContain('NUL character');
    expect((await call('POST', '/v1/workbooks', admin, { spreadsheetId: `x${HALF_EMOJI}`, name: 'Acme' })).status).toBe(400);
    expect(await countRows(server, 'workbooks')).toBe(1);
    await call('POST', `${W}/tracks/ENG/drafts`, admin, miniWorkbook());
    const noted = await call('POST', `${W}/tracks/ENG/publish`, admin, { note: `first${NUL}` });
    expect(noted.status).toBe(400);
    expect(await countRows(server, 'versions')).toBe(0);
    for (const label of [`Ana${NUL}`, `Ana ${HALF_EMOJI}`]) {
      const made = await call('POST', '/v1/tokens', admin, { role: 'integrator', label, workbookId: 'mini' });
      expect([made.status, made.body.error.message]).toEqual([400, expect.stringContaining('label')]);
    }
    expect((await call('GET', '/v1/tokens', admin)).body.tokens).toHaveLength(1);
  });

  it('huge cells and many findings make answers under 1 MB: quotes of at most 200 characters, at most 1,000 findings and the total', async () => {
    const server = await connectedMini(h);
    const { call, admin } = server;
    // A 5 MB cell in three places that quote it.
    const huge = 'y'.repeat(5_000_000);
    let snap = setCell(miniWorkbook(), 'Tracks', 'D2', huge);
    snap = setCell(snap, 'Modules', 'F2', huge);
    snap = setCell(snap, 'Positions', 'D2', huge);
    for (const path of ['/v1/validate', `${W}/tracks/ENG/drafts`]) {
      const answer = await call('POST', path, path.startsWith('/v1/validate') ? null : admin, snap);
      expect(answer.bytes).toBeLessThan(1_000_000);
      const findings: Finding[] = answer.body.findings;
      expect(badText(findings)).toEqual(expect.arrayContaining(['Tracks!D2', 'Modules!F2', 'Positions!D2']));
      for (const f of findings) for (const quoted of f.message.match(/"[^"]*"/g) ?? []) expect(quoted.length).toBeLessThanOrEqual(203);
    }
    // 30,000 broken matrix rows: every one counted, 1,000 listed.
    const many = miniWorkbook();
    const matrix = sheetOf(many, 'Matrix ENG');
    for (let i = 0; i < 30_000; i++) matrix.values.push([`NOPE-${i}`, 'Unknown', 'a', 'b', 'c']);
    const validated = await call('POST', '/v1/validate', null, many);
    expect(validated.bytes).toBeLessThan(1_000_000);
    expect(validated.body.findings).toHaveLength(1000);
    expect(validated.body.totalFindings).toBeGreaterThanOrEqual(30_000);
    const draft = await call('POST', `${W}/tracks/ENG/drafts`, admin, many);
    expect(draft.bytes).toBeLessThan(1_000_000);
    expect(draft.body.totalFindings).toBe(draft.body.errors + draft.body.warnings);
    const refused = await call('POST', `${W}/tracks/ENG/publish`, admin, {});
    expect(refused.status).toBe(422);
    expect(refused.bytes).toBeLessThan(1_000_000);
    expect(refused.body.error.message).toMatch(/1000 of the \d+ findings are listed, errors first/);
  });
});
