/**
 * Learner-record imports (F7): a CSV of completions, assessments or (HRIS) employees, streamed row by row into a
 * scratch table inside one transaction, then upserted on its natural key. Any error finding rolls everything back:
 * the answer lists the findings (the first 1,000, and how many in all) and the store is as it was.
 */
import type { Readable } from 'node:stream';
import { a1 } from '../../shared/cells';
import { error, type Finding } from '../../shared/findings';
import {
  checkReferences, detectDelimiter, FindingsTally, isBlankRecord, missingReferences, recordReferences, recordShapeFindings, resolveLayout, rowParser,
  type ColumnMapping, type ImportLayout, type RecordReferences, type RowParser,
} from '../../shared/imports';
import type { RecordKind, RecordOf } from '../../shared/records';
import { readCsvRecords } from '../imports/csv-records';
import { RECORD_TABLES, type RecordTable } from '../imports/record-tables';
import { inImportTransaction } from '../imports/connection';
import { openStage, type Duplicate, type MergeCounts, type Stage, type StagedRow } from '../imports/stage';
import { peekFirstLine } from '../imports/text-source';
import { appendAudit } from './audit';
import { timestamp, type ServiceContext } from './context';
import { publishedWorkbook } from './published';
import { requestRefresh } from './report-refresh';
import { getWorkbook } from './workbooks';

export interface ImportRecordsInput {
  spreadsheetId: string;
  kind: RecordKind;
  /** The file as UTF-8 text chunks (`textSource` turns bytes into that). */
  text: Readable;
  /** Names the file in findings (their `sheet`). */
  fileName: string;
  /** canonical column -> the file's header, winning over the aliases. */
  mapping?: ColumnMapping;
  /** Default: detected from the header line (comma, semicolon, tab or pipe). */
  delimiter?: string;
  actor: string;
  /** employees only: also delete the stored employees the file does not list. */
  replace?: boolean;
  /** Rows read so far, after every batch. */
  onProgress?(rows: number): void;
  batchSize?: number;
}

export interface RecordImportResult {
  kind: RecordKind;
  /** False when the file was rejected (then nothing changed). */
  imported: boolean;
  /** Data rows read (blank lines not counted). */
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** employees with `replace`: stored employees the file did not list, now deleted. */
  removed: number;
  /** The first 1,000 findings in row order (warnings alone do not reject a file). */
  findings: Finding[];
  totalFindings: number;
  /** The report refresh asked for after a change, or null. */
  refreshJobId: number | null;
}

const DEFAULT_BATCH = 2_000;

/** Thrown inside the transaction to roll it back once the file is known to be rejected. */
class Rejected extends Error {}

/** What the import has read so far; one per file. */
interface Reading<K extends RecordKind> {
  layout: (ImportLayout & { kind: K }) | null;
  parser: RowParser<RecordOf[K]> | null;
  width: number;
  rows: number;
  batch: StagedRow[];
}

export async function importRecords(ctx: ServiceContext, input: ImportRecordsInput): Promise<RecordImportResult> {
  await getWorkbook(ctx, input.spreadsheetId);
  const { kind, fileName: sheet } = input;
  const table = RECORD_TABLES[kind] as RecordTable<RecordKind>;
  const refs = kind === 'employees' ? null : await referencesOf(ctx, input.spreadsheetId);
  const delimiter = input.delimiter ?? detectDelimiter(await peekFirstLine(input.text));
  const tally = new FindingsTally();
  const reading: Reading<RecordKind> = { layout: null, parser: null, width: 0, rows: 0, batch: [] };
  const at = timestamp(ctx);
  const audit = (imported: boolean, counts?: MergeCounts) => ({
    at, actor: input.actor, action: 'import' as const, workbookId: input.spreadsheetId,
    details: { kind, file: sheet, imported, rows: reading.rows, ...counts, findings: tally.total, errors: tally.errors },
  });

  let counts: MergeCounts;
  try {
    counts = await inImportTransaction(ctx.store, async (connection) => {
      const stage = openStage(connection, table);
      await stage.create();
      try {
        const flush = () => flushBatch(stage, reading, table, tally, sheet, input.onProgress);
        const read = await readCsvRecords(input.text, delimiter, (cells, row, problems, control) => {
          if (row === 1) return readHeader(reading, cells, input, refs, tally);
          if (isBlankRecord(cells)) return;
          reading.rows++;
          const staged = readRow(reading, cells, row, problems, refs, table, tally, sheet);
          if (staged) reading.batch.push(staged);
          // While a batch is written the source waits; rows of the chunk already read go into the next batch.
          if (reading.batch.length >= (input.batchSize ?? DEFAULT_BATCH) && !control.holding) control.hold(flush());
        });
        if (read === 0) tally.add([error(sheet, 'A1', 'empty-file', 'The file is empty: not even a header row.')]);
        await flush();
        reportDuplicates(await stage.finish(), reading, table, tally, sheet);
      } catch (e) {
        await stage.abandon();
        throw e;
      }
      if (tally.errors > 0) throw new Rejected();
      const merged = await stage.merge({ spreadsheetId: input.spreadsheetId, at, source: `HRIS import ${sheet}`, replace: kind === 'employees' && input.replace === true });
      await stage.drop();
      await appendAudit(connection.trx, audit(true, merged));
      return merged;
    });
  } catch (e) {
    if (!(e instanceof Rejected)) throw e;
    await appendAudit(ctx.store.db, audit(false));
    return { kind, imported: false, rows: reading.rows, inserted: 0, updated: 0, unchanged: 0, removed: 0, findings: tally.list(), totalFindings: tally.total, refreshJobId: null };
  }
  const changed = counts.inserted + counts.updated + counts.removed > 0;
  const refreshJobId = changed ? (await requestRefresh(ctx, input.spreadsheetId)).jobId : null;
  return { kind, imported: true, rows: reading.rows, ...counts, findings: tally.list(), totalFindings: tally.total, refreshJobId };
}

async function referencesOf(ctx: ServiceContext, spreadsheetId: string): Promise<RecordReferences> {
  const published = await publishedWorkbook(ctx, spreadsheetId);
  return recordReferences(published, published.employees.map((e) => e.id));
}

function readHeader(reading: Reading<RecordKind>, cells: string[], input: ImportRecordsInput, refs: RecordReferences | null, tally: FindingsTally): void {
  const { layout, findings } = resolveLayout(input.kind, cells, input.fileName, input.mapping);
  tally.add(findings);
  if (!layout) throw new Rejected();
  const missing = refs && missingReferences(input.kind, refs, input.fileName, input.spreadsheetId);
  if (missing) {
    tally.add([missing]);
    throw new Rejected();
  }
  reading.layout = layout;
  reading.parser = rowParser(layout);
  reading.width = cells.length;
}

/** One data row: shape, cells, references; the staged row when it is good. Bad rows are findings, never dropped. */
function readRow(
  reading: Reading<RecordKind>, cells: string[], row: number, problems: Parameters<typeof recordShapeFindings>[4],
  refs: RecordReferences | null, table: RecordTable<RecordKind>, tally: FindingsTally, sheet: string,
): StagedRow | null {
  const shape = recordShapeFindings(sheet, row, cells, reading.width, problems);
  if (shape.length) return (tally.add(shape), null);
  const parsed = reading.parser!.parse(cells, row);
  if (!parsed.ok) return (tally.add(parsed.findings), null);
  if (refs) {
    const wrong = checkReferences(reading.layout!, parsed.record, refs, row);
    if (wrong.length) return (tally.add(wrong), null);
  }
  return table.staged(row, parsed.record);
}

async function flushBatch(stage: Stage, reading: Reading<RecordKind>, table: RecordTable<RecordKind>, tally: FindingsTally, sheet: string, onProgress?: (rows: number) => void): Promise<void> {
  const batch = reading.batch;
  reading.batch = [];
  reportDuplicates(await stage.add(batch), reading, table, tally, sheet);
  onProgress?.(reading.rows);
}

function reportDuplicates(duplicates: readonly Duplicate[], reading: Reading<RecordKind>, table: RecordTable<RecordKind>, tally: FindingsTally, sheet: string): void {
  const keyCol = reading.layout?.columns[table.keys[0]] ?? 0;
  for (const d of duplicates) {
    tally.add([error(sheet, a1(d.row - 1, keyCol), 'duplicate-row', `Row ${d.row} is the same record as row ${d.firstRow} (${table.keys.join(', ')}: ${d.key.join(', ')}). A file holds each record once.`)]);
  }
}
