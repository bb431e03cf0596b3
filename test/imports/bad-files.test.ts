import { expect, it } from 'vitest';
import { describeEachEngine } from '../storage/engines';
import { connected, saveAndPublish } from '../services/fixtures';
import { COMPLETIONS_HEADER, importCsv, lines, publishedMini, storedState } from './helpers';

const GOOD = lines(COMPLETIONS_HEADER, 'EMP-1,S-1,completed,2026-03-01,2026-03-02,90', 'EMP-2,M-201,enrolled,,,');

/** Each bad file is refused with findings naming row and cell, and leaves the store exactly as it was. */
describeEachEngine('bad learner-record files change nothing (F7)', (h) => {
  async function refused(csv: string) {
    const { store, ctx } = await publishedMini(h);
    await importCsv(ctx, 'completions', GOOD);
    const before = await storedState(store);
    const result = await importCsv(ctx, 'completions', csv);
    expect(result.imported).toBe(false);
    expect(result).toMatchObject({ inserted: 0, updated: 0, unchanged: 0, refreshJobId: null });
    expect(await storedState(store)).toEqual(before);
    return result;
  }
  const where = (r: { findings: { cell: string; code: string }[] }) => r.findings.map((f) => `${f.cell} ${f.code}`);

  it('wrong headers', async () => {
    const r = await refused(lines('person,lesson,state', 'EMP-1,S-1,completed'));
    expect(where(r)).toEqual(['A1 column-ignored', 'B1 column-ignored', 'C1 column-ignored', 'D1 missing-header', 'E1 missing-header', 'F1 missing-header']);
    expect(r.rows).toBe(0);
  });

  it('bad dates, including an ambiguous day/month', async () => {
    const r = await refused(lines(COMPLETIONS_HEADER, 'EMP-1,S-1,completed,2026-02-30,,', 'EMP-1,E-101,completed,03/04/2026,,', 'EMP-3,S-1,completed,2026-03-01,,'));
    expect(where(r)).toEqual(['D2 bad-date', 'D3 ambiguous-date']);
    expect(r.findings[1].message).toContain('YYYY-MM-DD');
  });

  it('unknown employees and modules', async () => {
    const r = await refused(lines(COMPLETIONS_HEADER, 'EMP-1,S-1,completed,,,', 'NOBODY,S-1,completed,,,', 'EMP-1,NO-SUCH,completed,,,', 'EMP-1,M-999,enrolled,,,'));
    expect(where(r)).toEqual(['A3 unknown-employee', 'B4 unknown-module', 'B5 unknown-module']);
  });

  it('duplicate rows name both row numbers, also across batches', async () => {
    const rows = Array.from({ length: 5 }, () => 'EMP-3,S-1,completed,,,');
    const r = await refused(lines(COMPLETIONS_HEADER, 'EMP-1,S-1,completed,,,', ...rows, 'EMP-1,E-101,enrolled,,,', 'EMP-1,S-1,failed,,,'));
    expect(where(r)).toEqual(['A4 duplicate-row', 'A5 duplicate-row', 'A6 duplicate-row', 'A7 duplicate-row', 'A9 duplicate-row']);
    expect(r.findings[0].message).toBe('Row 4 is the same record as row 3 (employee_id, module_id: EMP-3, S-1). A file holds each record once.');
    expect(r.findings[4].message).toContain('as row 2');
    // A batch of 2 rows puts the repeats in later batches than their first row.
    const { ctx } = await publishedMini(h);
    const small = await importCsv(ctx, 'completions', lines(COMPLETIONS_HEADER, 'EMP-1,S-1,completed,,,', ...rows, 'EMP-1,S-1,failed,,,'), { batchSize: 2 });
    expect(where(small)).toEqual(['A4 duplicate-row', 'A5 duplicate-row', 'A6 duplicate-row', 'A7 duplicate-row', 'A8 duplicate-row']);
  });

  it('a truncated file: a last line cut short, or cut inside a quoted cell', async () => {
    const cut = await refused(GOOD + 'EMP-3,S-1,compl');
    expect(where(cut)).toEqual(['C4 too-few-cells']);
    const open = await refused(GOOD + 'EMP-3,S-1,completed,2026-03-01,,"12');
    expect(where(open)).toEqual(['A4 unclosed-quote']);
  });

  it('a file with too many findings lists the first 1,000 and counts them all', async () => {
    const bad = Array.from({ length: 1500 }, (_, i) => `EMP-${i + 10},S-1,completed,,,`);
    const r = await refused(lines(COMPLETIONS_HEADER, ...bad));
    expect(r.totalFindings).toBe(1500);
    expect(r.findings).toHaveLength(1000);
    expect(r.findings[0].cell).toBe('A2');
    expect(r.findings[999].cell).toBe('A1001');
    expect(r.rows).toBe(1500);
  });

  it('an empty file', async () => {
    expect(where(await refused(''))).toEqual(['A1 empty-file']);
  });

  it('a workbook with no employees or nothing published: one finding for the file', async () => {
    const { ctx } = await connected(h);
    const noEmployees = await importCsv(ctx, 'completions', GOOD);
    expect(where(noEmployees)).toEqual(['A1 no-employees']);
    await importCsv(ctx, 'employees', lines('Employee ID,Employee Name,Position ID', 'EMP-1,Dana,POS-1', 'EMP-2,Eli,POS-2'));
    expect(where(await importCsv(ctx, 'completions', GOOD))).toEqual(['A1 nothing-published']);
    expect(where(await importCsv(ctx, 'assessments', lines('employee_id,track_id,competency_id,dimension,evaluator_id,evaluator_role,score,assessed_at')))).toEqual(['A1 nothing-published']);
    await saveAndPublish(ctx, 'MGR');
    // Shared modules come with any published track; ENG's own modules only once ENG is published.
    expect(where(await importCsv(ctx, 'completions', lines(COMPLETIONS_HEADER, 'EMP-1,S-1,completed,,,', 'EMP-1,E-101,enrolled,,,')))).toEqual(['B3 unknown-module']);
  });

  it('an unknown workbook is an error, not a finding', async () => {
    const { ctx } = await publishedMini(h);
    await expect(importCsv(ctx, 'completions', GOOD, { spreadsheetId: 'nope' })).rejects.toMatchObject({ code: 'unknown-workbook' });
  });
});
