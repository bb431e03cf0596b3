/**
 * Learner-record imports (F7): a CSV of completions, assessments or (HRIS) employees, streamed row by row into a
 * scratch table inside one transaction, then upserted on its natural key. Any error finding rolls everything back:
 * the answer lists the findings (the first 1,000, and how many in all) and the store is as it was.
 */
import type { Readable } from 'node:stream';
import { a1 } from '../../shared/cells';
import { error, type Finding } from '../../shared/findings';
import { detectDelimiter, FindingsTally, recordReferences, type ColumnMapping, type RecordReferences } from '../../shared/imports';
import type { RecordKind } from '../../shared/records';
import { inImportTransaction } from '../imports/connection';
import { openFileReading } from '../imports/import-thread';
import { RECORD_TABLES, stagedColumns, type RecordTable } from '../imports/record-tables';
import { numericColumns, RowBatchReader } from '../imports/row-batch';
import { openStage, type Duplicate, type MergeCounts } from '../imports/stage';
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
  /** A file of at least this many characters is parsed and checked in a worker thread (default: 4 million; Infinity: never). */
  threadFromChars?: number;
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

export async function importRecords(ctx: ServiceContext, input: ImportRecordsInput): Promise<RecordImportResult> {
  await getWorkbook(ctx, input.spreadsheetId);
  const { kind, fileName: sheet } = input;
  const table = RECORD_TABLES[kind] as RecordTable<RecordKind>;
  const delimiter = input.delimiter ?? detectDelimiter(await peekFirstLine(input.text));
  const file = await openFileReading(input.text, input.threadFromChars);
  const refs = kind === 'employees' ? null : await referencesOf(ctx, input.spreadsheetId);
  const tally = new FindingsTally();
  let rows = 0;
  const at = timestamp(ctx);
  const audit = (imported: boolean, counts?: MergeCounts) => ({
    at, actor: input.actor, action: 'import' as const, workbookId: input.spreadsheetId,
    details: { kind, file: sheet, imported, rows, ...counts, findings: tally.total, errors: tally.errors },
  });
  const options = { spreadsheetId: input.spreadsheetId, at, source: `HRIS import ${sheet}`, replace: kind === 'employees' && input.replace === true };

  let counts: MergeCounts;
  try {
    counts = await inImportTransaction(ctx.store, async (connection) => {
      const stage = openStage(connection, table);
      await stage.create(options);
      try {
        let keyColumn = 0;
        const report = (duplicates: readonly Duplicate[]) => reportDuplicates(duplicates, keyColumn, table, tally, sheet);
        const setup = { kind, fileName: sheet, spreadsheetId: input.spreadsheetId, mapping: input.mapping, refs, delimiter, batchRows: input.batchSize ?? DEFAULT_BATCH };
        const batches = new RowBatchReader(numericColumns(stagedColumns(table).map((c) => c.type)));
        const read = await file.read(setup, async (batch) => {
          tally.add(batch.findings);
          rows = batch.rowsRead;
          keyColumn = batch.keyColumn;
          if (batch.count > 0) report(await stage.add({ count: batch.count, values: batches.values(batch), maybeSeen: batch.maybeSeen }));
          input.onProgress?.(rows);
        });
        if (read.rejected) throw new Rejected();
        report(await stage.finish());
      } catch (e) {
        await stage.abandon();
        throw e;
      }
      if (tally.errors > 0) throw new Rejected();
      const merged = await stage.merge();
      await stage.drop();
      await appendAudit(connection.trx, audit(true, merged));
      return merged;
    });
  } catch (e) {
    if (!(e instanceof Rejected)) throw e;
    await appendAudit(ctx.store.db, audit(false));
    return { kind, imported: false, rows, inserted: 0, updated: 0, unchanged: 0, removed: 0, findings: tally.list(), totalFindings: tally.total, refreshJobId: null };
  }
  const changed = counts.inserted + counts.updated + counts.removed > 0;
  const refreshJobId = changed ? (await requestRefresh(ctx, input.spreadsheetId)).jobId : null;
  return { kind, imported: true, rows, ...counts, findings: tally.list(), totalFindings: tally.total, refreshJobId };
}

async function referencesOf(ctx: ServiceContext, spreadsheetId: string): Promise<RecordReferences> {
  const published = await publishedWorkbook(ctx, spreadsheetId);
  return recordReferences(published, published.employees.map((e) => e.id));
}

function reportDuplicates(duplicates: readonly Duplicate[], keyColumn: number, table: RecordTable<RecordKind>, tally: FindingsTally, sheet: string): void {
  for (const d of duplicates) {
    tally.add([error(sheet, a1(d.row - 1, keyColumn), 'duplicate-row', `Row ${d.row} is the same record as row ${d.firstRow} (${table.keys.join(', ')}: ${d.key.join(', ')}). A file holds each record once.`)]);
  }
}
