/**
 * A workbook's first import of a kind goes straight into the real table (SQLite) and a large file is parsed and
 * checked in a worker thread: both must answer exactly as the staged, one-thread path does.
 */
import { expect, it } from 'vitest';
import { inImportTransaction } from '../../sync-server/imports/connection';
import { RECORD_TABLES, type RecordTable } from '../../sync-server/imports/record-tables';
import { openStage } from '../../sync-server/imports/stage';
import type { RecordKind } from '../../shared/records';
import { describeEachEngine } from '../storage/engines';
import { ASSESSMENTS_HEADER, COMPLETIONS_HEADER, importCsv, lines, publishedMini, storedState } from './helpers';

const where = (r: { findings: { cell: string; code: string; message: string }[] }) => r.findings.map((f) => `${f.cell} ${f.code}: ${f.message}`);

describeEachEngine('first imports and large files (F7)', (h) => {
  it('duplicates in a first import name both rows, as they do when the workbook has rows already', async () => {
    const rows = ['EMP-1,S-1,completed,,,', 'EMP-3,S-1,completed,,,', 'EMP-3,S-1,failed,,,', 'EMP-1,E-101,enrolled,,,', 'EMP-3,S-1,enrolled,,,', 'EMP-1,S-1,failed,,,'];
    const csv = lines(COMPLETIONS_HEADER, ...rows);
    const first = await publishedMini(h);
    const before = await storedState(first.store);
    const inFirst = await importCsv(first.ctx, 'completions', csv, { batchSize: 2 });
    expect(inFirst).toMatchObject({ imported: false, inserted: 0 });
    expect(await storedState(first.store)).toEqual(before);
    // The same file into a workbook that has a (different) completion already: the staged path.
    const staged = await publishedMini(h);
    await importCsv(staged.ctx, 'completions', lines(COMPLETIONS_HEADER, 'EMP-2,S-1,completed,,,'));
    const inStaged = await importCsv(staged.ctx, 'completions', csv, { batchSize: 2 });
    expect(where(inFirst)).toEqual(where(inStaged));
    expect(where(inFirst)).toEqual([
      'A4 duplicate-row: Row 4 is the same record as row 3 (employee_id, module_id: EMP-3, S-1). A file holds each record once.',
      'A6 duplicate-row: Row 6 is the same record as row 3 (employee_id, module_id: EMP-3, S-1). A file holds each record once.',
      'A7 duplicate-row: Row 7 is the same record as row 2 (employee_id, module_id: EMP-1, S-1). A file holds each record once.',
    ]);
  });

  it('a first import inserts every row; importing it again changes nothing', async () => {
    const { ctx } = await publishedMini(h);
    const csv = lines(COMPLETIONS_HEADER, 'EMP-1,S-1,completed,2026-03-01,2026-03-02T10:00:00+02:00,90', 'EMP-2,M-201,enrolled,,,', 'EMP-3,S-1,Passed,,,85.5 %');
    expect(await importCsv(ctx, 'completions', csv)).toMatchObject({ imported: true, inserted: 3, updated: 0, unchanged: 0 });
    expect(await importCsv(ctx, 'completions', csv)).toMatchObject({ imported: true, inserted: 0, updated: 0, unchanged: 3 });
  });

  it('a file read in a worker thread gives the same answer and the same rows as one read on the calling thread', async () => {
    // Good rows, rows with findings, no rows, a header the import refuses.
    const good = [COMPLETIONS_HEADER, 'EMP-1,S-1,completed,2026-03-01,2026-03-02,90', 'EMP-2,M-201,enrolled,,,', '', '"EMP-3","S-1","in progress","2026-03-01",,'];
    const bad = [...good, 'EMP-1,S-1,failed,,,', 'NOBODY,S-1,completed,,,', 'EMP-2,S-1,completed,03/04/2026,,'];
    for (const file of [lines(...good), lines(...bad), lines(ASSESSMENTS_HEADER), lines('person,lesson,state', 'EMP-1,S-1,completed')]) {
      const kind: RecordKind = file.startsWith(ASSESSMENTS_HEADER) ? 'assessments' : 'completions';
      const answers = [];
      const states = [];
      const { store, ctx } = await publishedMini(h);
      for (const threadFromChars of [Infinity, 1]) {
        answers.push(await importCsv(ctx, kind, file, { threadFromChars, batchSize: 2 }));
        // The clock moves between imports: rows are compared without their stamp.
        const { completions, assessments } = await storedState(store);
        states.push([...completions, ...assessments].map(({ updated_at: _, ...row }) => row));
        // Each reading starts from a workbook without records.
        await store.db.deleteFrom('learner_completions').execute();
        await store.db.deleteFrom('learner_assessments').execute();
      }
      const [inline, threaded] = answers.map(({ refreshJobId: _, ...a }) => a);
      expect(threaded).toEqual(inline);
      expect(states[1]).toEqual(states[0]);
    }
  });

  it('a row flagged by the key sieve that repeats no row goes in, and a later repeat of it names it as the first', async () => {
    const { store } = await publishedMini(h);
    const table = RECORD_TABLES.completions as RecordTable<RecordKind>;
    const options = { spreadsheetId: 'mini', at: '2026-03-01T00:00:00.000Z', source: 'test', replace: false };
    const duplicates = await inImportTransaction(store, async (c) => {
      const stage = openStage(c, table);
      await stage.create(options);
      const row = (n: number, employee: string, module: string) => [n, employee, module, 'completed', null, null, null];
      // Row 3 shares a key hash with row 2 (as the sieve says) but not its key; row 4 repeats row 3's key.
      const found = await stage.add({ count: 3, values: [...row(2, 'EMP-1', 'S-1'), ...row(3, 'EMP-2', 'S-1'), ...row(4, 'EMP-2', 'S-1')], maybeSeen: [1, 2, 2, 2] });
      const rest = await stage.finish();
      await stage.abandon();
      await stage.drop();
      return [...found, ...rest];
    });
    expect(duplicates).toEqual([{ row: 4, firstRow: 3, key: ['EMP-2', 'S-1'] }]);
  });
});
