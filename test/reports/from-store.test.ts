/**
 * Reports read the stored records straight from the driver (sync-server/reports/stored-records.ts) and, beyond a
 * few thousand records, in a worker thread. Both must give exactly what the keyset reader and an in-thread
 * computation give, on both engines, whatever the stored values hold.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll, expect, it } from 'vitest';
import type { AssessmentRecord, CompletionFacts, CompletionRecord } from '../../shared/records';
import { textSource } from '../../sync-server/imports/text-source';
import { computeReportTabs, computeReportTabsHere, IN_THREAD_RECORDS } from '../../sync-server/reports/compute';
import { streamAssessments, streamCompletionFacts, streamCompletions, STREAM_BATCH } from '../../sync-server/reports/stored-records';
import { forEachAssessment, forEachCompletion } from '../../sync-server/services/records-read';
import { importRecords } from '../../sync-server/services/records';
import { completionsCsv } from '../imports/generate-records';
import { publishedMini, scaledMini } from '../imports/helpers';
import { describeEachEngine } from '../storage/engines';

const tmp = mkdtempSync(join(tmpdir(), 'rungs-from-store-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function collect<T>(read: (onBatch: (b: T[]) => void) => Promise<number>): Promise<{ records: T[]; total: number; batches: number[] }> {
  const records: T[] = [];
  const batches: number[] = [];
  const total = await read((b) => {
    batches.push(b.length);
    records.push(...b);
  });
  return { records, total, batches };
}

describeEachEngine('report records read from the store', (h) => {
  it('stream back exactly what the keyset reader reads: nulls, separators in text, every digit of a score', async () => {
    const { store, ctx } = await publishedMini(h);
    const at = '2026-11-23T00:00:00.000Z';
    const completions = Array.from({ length: 30 }, (_, i) => ({
      workbook_id: 'mini', employee_id: `EMP-${i % 4}`, module_id: `M-${i}`, status: ['completed', 'failed', 'enrolled', 'in_progress'][i % 4],
      started_at: i % 3 === 0 ? null : '2026-03-01', completed_at: i % 5 === 0 ? '2026-04-01T10:30:00.000Z' : null,
      score: i % 2 === 0 ? null : [1 / 3, 0.1 + 0.2, 85.5, 1e-7, 123456.78901234567][i % 5], updated_at: at,
    }));
    await store.db.insertInto('learner_completions').values(completions).execute();
    const dimensions = ['Design', 'a\u001eb', 'x\u001fy', 'N', 'V', 'comma, semicolon; and "quotes"', 'tab\tand\nline'];
    const assessments = dimensions.flatMap((dimension, i) => ['EMP-1', 'EMP-2'].map((employee_id, j) => ({
      workbook_id: 'mini', employee_id, track_id: 'ENG', competency_id: `C${i}`, dimension, evaluator_id: `EV-${j}`, assessed_at: `2026-05-0${i + 1}`,
      evaluator_role: 'peer', score: i + 0.1 * j + 1 / 7, updated_at: at,
    })));
    await store.db.insertInto('learner_assessments').values(assessments).execute();

    const keysetC = await collect<CompletionRecord>((cb) => forEachCompletion(ctx, 'mini', cb));
    const streamedC = await collect<CompletionRecord>((cb) => streamCompletions(store, 'mini', cb));
    expect(streamedC.total).toBe(30);
    expect(streamedC.records).toEqual(keysetC.records);
    const facts = await collect<CompletionFacts>((cb) => streamCompletionFacts(store, 'mini', cb));
    expect(facts.records).toEqual(keysetC.records.map((r) => ({ employeeId: r.employeeId, moduleId: r.moduleId, status: r.status })));
    const keysetA = await collect<AssessmentRecord>((cb) => forEachAssessment(ctx, 'mini', cb));
    const streamedA = await collect<AssessmentRecord>((cb) => streamAssessments(store, 'mini', cb));
    expect(streamedA.total).toBe(assessments.length);
    expect(streamedA.records).toEqual(keysetA.records);
    expect(streamedA.records.map((r) => r.dimension)).toEqual(expect.arrayContaining(dimensions));
  });

  it('a workbook beyond the in-thread limit is computed in a worker: the same tabs, in batches of the same size', async () => {
    const rows = IN_THREAD_RECORDS + 5_000;
    const { ctx, modules, employees } = await scaledMini(h, { employees: Math.ceil(rows / 20), modules: 20 });
    const file = join(tmp, `${h.engine}.csv`);
    await pipeline(completionsCsv({ employees, modules, rows }), createWriteStream(file));
    const imported = await importRecords(ctx, { spreadsheetId: 'mini', kind: 'completions', text: textSource(createReadStream(file)), fileName: 'c.csv', actor: 'test' });
    expect(imported.inserted).toBe(rows);

    const streamed = await collect<CompletionRecord>((cb) => streamCompletions(ctx.store, 'mini', cb));
    expect(streamed.batches.slice(0, -1).every((n) => n === STREAM_BATCH)).toBe(true);

    const inWorker = await computeReportTabs(ctx, 'mini');
    const here = await computeReportTabsHere(ctx, 'mini');
    expect(inWorker.summary.completions).toBe(rows);
    expect(inWorker.tabs).toEqual(here.tabs);
    expect({ ...inWorker.summary, computeMs: 0 }).toEqual({ ...here.summary, computeMs: 0 });
  }, 120_000);
});
