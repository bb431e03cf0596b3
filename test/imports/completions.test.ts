import { expect, it } from 'vitest';
import { CompletionRecordSchema, type CompletionRecord } from '../../shared/records';
import { countRecords, forEachCompletion } from '../../sync-server/services/records-read';
import { describeEachEngine } from '../storage/engines';
import { COMPLETIONS_HEADER, importCsv, lines, publishedMini, storedState } from './helpers';

const FILE = lines(
  COMPLETIONS_HEADER,
  'EMP-1,S-1,completed,2026-03-01,2026-03-02T09:30:00Z,90',
  'EMP-1,E-101,in_progress,2026-03-03,,',
  'EMP-2,M-201,failed,2026-03-01,2026-03-09,41.5',
);

async function readAll(ctx: Parameters<typeof forEachCompletion>[0], batchSize?: number) {
  const out: CompletionRecord[] = [];
  const batches: number[] = [];
  await forEachCompletion(ctx, 'mini', (b) => void (batches.push(b.length), out.push(...b)), { batchSize });
  return { out, batches };
}

describeEachEngine('completion imports (F7)', (h) => {
  it('imports a file, reads it back in batches as CompletionRecords, and asks for a report refresh', async () => {
    const { store, ctx } = await publishedMini(h);
    const result = await importCsv(ctx, 'completions', FILE);
    expect(result).toMatchObject({ kind: 'completions', imported: true, rows: 3, inserted: 3, updated: 0, unchanged: 0, findings: [], totalFindings: 0 });
    expect(result.refreshJobId).toEqual(expect.any(Number));
    const job = await store.db.selectFrom('jobs').select(['queue', 'payload', 'status']).where('id', '=', result.refreshJobId!).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ queue: 'reports.refresh', status: 'pending' });
    expect(JSON.parse(job.payload)).toEqual({ spreadsheetId: 'mini' });

    const { out, batches } = await readAll(ctx, 2);
    expect(batches).toEqual([2, 1]);
    expect(out.map((r) => CompletionRecordSchema.parse(r))).toEqual([
      { employeeId: 'EMP-1', moduleId: 'E-101', status: 'in_progress', startedAt: '2026-03-03', completedAt: null, score: null },
      { employeeId: 'EMP-1', moduleId: 'S-1', status: 'completed', startedAt: '2026-03-01', completedAt: '2026-03-02T09:30:00.000Z', score: 90 },
      { employeeId: 'EMP-2', moduleId: 'M-201', status: 'failed', startedAt: '2026-03-01', completedAt: '2026-03-09', score: 41.5 },
    ]);
    expect(await countRecords(ctx, 'mini')).toEqual({ completions: 3, assessments: 0 });
    const audit = await store.db.selectFrom('audit_log').select(['action', 'details', 'actor']).where('action', '=', 'import').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].details)).toMatchObject({ kind: 'completions', imported: true, rows: 3, inserted: 3 });
  });

  it('re-importing the same file changes nothing; a changed row is updated, the rest left as they were', async () => {
    const { store, ctx } = await publishedMini(h);
    await importCsv(ctx, 'completions', FILE);
    const before = await storedState(store);
    const jobs = async () => (await store.db.selectFrom('jobs').select('id').execute()).length;
    const jobsBefore = await jobs();

    const again = await importCsv(ctx, 'completions', FILE);
    expect(again).toMatchObject({ imported: true, rows: 3, inserted: 0, updated: 0, unchanged: 3, refreshJobId: null });
    expect(await storedState(store)).toEqual(before);
    expect(await jobs()).toBe(jobsBefore);

    const changed = FILE.replace('EMP-1,E-101,in_progress,2026-03-03,,', 'EMP-1,E-101,completed,2026-03-03,2026-03-20,77') + 'EMP-3,S-1,enrolled,,,\n';
    const third = await importCsv(ctx, 'completions', changed);
    expect(third).toMatchObject({ imported: true, rows: 4, inserted: 1, updated: 1, unchanged: 2 });
    const after = await storedState(store);
    const row = (s: typeof after, e: string, m: string) => s.completions.find((r) => r.employee_id === e && r.module_id === m);
    expect(row(after, 'EMP-1', 'E-101')).toMatchObject({ status: 'completed', completed_at: '2026-03-20', score: 77 });
    expect(row(after, 'EMP-1', 'E-101')!.updated_at).not.toBe(row(before, 'EMP-1', 'E-101')!.updated_at);
    expect(row(after, 'EMP-1', 'S-1')).toEqual(row(before, 'EMP-1', 'S-1'));
  });

  it('a BOM, CRLF line ends, a quoted line break and blank lines leave row numbers as a spreadsheet counts them', async () => {
    const { ctx } = await publishedMini(h);
    const file = '\uFEFF' + [
      'Employee ID,Module ID,Status,Started At,Completed At,Score,Comments',
      'EMP-1,S-1,completed,2026-03-01,2026-03-02,90,',
      '',
      '"EMP-2","M-201","in progress","2026-03-01","","","said ""hi"""',
      'EMP-1,E-101,completed,2026-03-01,,,"first line\r\nsecond line"',
      'EMP-9,S-1,completed,2026-03-01,,,',
    ].join('\r\n') + '\r\n';
    const result = await importCsv(ctx, 'completions', file);
    expect(result.imported).toBe(false);
    expect(result.rows).toBe(4);
    expect(result.findings.map((f) => [f.cell, f.severity, f.code])).toEqual([['G1', 'warning', 'column-ignored'], ['A6', 'error', 'unknown-employee']]);
    const fixed = await importCsv(ctx, 'completions', file.replace('EMP-9', 'EMP-3'));
    expect(fixed).toMatchObject({ imported: true, rows: 4, inserted: 4, totalFindings: 1 });
  });

  it('multi-byte characters split across chunks arrive whole', async () => {
    const { store, ctx } = await publishedMini(h);
    await importCsv(ctx, 'employees', lines('Employee ID,Full Name,Position ID', 'EMP-7,Zoë Åkesson-Łukasiewicz 李小龍,POS-1'));
    const stored = await store.db.selectFrom('employees').select('name').where('employee_id', '=', 'EMP-7').executeTakeFirstOrThrow();
    expect(stored.name).toBe('Zoë Åkesson-Łukasiewicz 李小龍');
  });

  it('LMS headers by alias or by an explicit mapping, semicolons and tabs detected', async () => {
    const { ctx } = await publishedMini(h);
    const aliased = lines('User ID;Course Code;Completion Status;Start Date;Completion Date;Grade', 'EMP-1;S-1;Passed;2026-03-01 08:00:00;2026-03-02 17:45:00;88');
    expect(await importCsv(ctx, 'completions', aliased)).toMatchObject({ imported: true, inserted: 1 });
    const mapped = lines('Learner Number\tActivity ID\tWhere they are\tScore', 'EMP-2\tM-201\tnot started\t');
    const refused = await importCsv(ctx, 'completions', mapped);
    expect(refused.findings.map((f) => [f.cell, f.code])).toEqual([['A1', 'column-ignored'], ['C1', 'column-ignored'], ['E1', 'missing-header'], ['F1', 'missing-header']]);
    const ok = await importCsv(ctx, 'completions', mapped, { mapping: { employee_id: 'Learner Number', status: 'Where they are' } });
    expect(ok).toMatchObject({ imported: true, inserted: 1 });
    const { out } = await readAll(ctx);
    expect(out).toEqual([
      { employeeId: 'EMP-1', moduleId: 'S-1', status: 'completed', startedAt: '2026-03-01T08:00:00.000Z', completedAt: '2026-03-02T17:45:00.000Z', score: 88 },
      { employeeId: 'EMP-2', moduleId: 'M-201', status: 'enrolled', startedAt: null, completedAt: null, score: null },
    ]);
  });
});
