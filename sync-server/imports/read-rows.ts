/**
 * Reading a learner-record file into batches of staged rows: the header, then every data row checked (shape,
 * cells, references) and either staged or turned into findings. The same reading runs on the writing thread for a
 * small file and in a worker thread for a large one (import-thread.ts), so that parsing and checking the next rows
 * goes on while the database writes the last ones.
 */
import type { Readable } from 'node:stream';
import { error, type Finding } from '../../shared/findings';
import {
  checkReferences, isBlankRecord, missingReferences, recordShapeFindings, resolveLayout, rowParser,
  type ColumnMapping, type CsvProblem, type ImportLayout, type RecordReferences, type RowParser,
} from '../../shared/imports';
import type { RecordKind, RecordOf } from '../../shared/records';
import { readCsvRecords, type ReadControl } from './csv-records';
import { KeySieve } from './key-sieve';
import { RECORD_TABLES, stagedColumns, type RecordTable } from './record-tables';
import { numericColumns, RowBatchBuilder, type RowBatch } from './row-batch';

export interface ReadingSetup {
  kind: RecordKind;
  /** Names the file in findings (their `sheet`). */
  fileName: string;
  spreadsheetId: string;
  mapping?: ColumnMapping;
  /** What records may name (null for employees, who name nothing). */
  refs: RecordReferences | null;
  delimiter: string;
  /** Rows a batch holds at most. */
  batchRows: number;
}

export interface ReadSummary {
  /** Records of the file, the header included (0: an empty file). */
  records: number;
  /** Data rows (blank lines not counted). */
  rows: number;
  /** The header refused the file (its findings came in a batch). */
  rejected: boolean;
  /** The column of the first key cell (where a duplicate row's finding points). */
  keyColumn: number;
}

/** Gets each batch; while the promise it returns is pending, reading waits. */
export type BatchHandler = (batch: RowBatch) => void | Promise<void>;

/** Thrown by a record handler once the header refused the file: reading stops. */
class HeaderRefused extends Error {}

export async function readRows(source: Readable, setup: ReadingSetup, onBatch: BatchHandler): Promise<ReadSummary> {
  const table = RECORD_TABLES[setup.kind] as RecordTable<RecordKind>;
  const keyEnd = 1 + table.keys.length;
  const builder = new RowBatchBuilder(numericColumns(stagedColumns(table).map((c) => c.type)));
  const sieve = new KeySieve();
  const summary: ReadSummary = { records: 0, rows: 0, rejected: false, keyColumn: 0 };
  let layout: (ImportLayout & { kind: RecordKind }) | null = null;
  let parser: RowParser<RecordOf[RecordKind]> | null = null;
  let width = 0;
  const sheet = setup.fileName;

  const header = (cells: string[]) => {
    const resolved = resolveLayout(setup.kind, cells, sheet, setup.mapping);
    builder.addFindings(resolved.findings);
    const missing = resolved.layout && setup.refs && missingReferences(setup.kind, setup.refs, sheet, setup.spreadsheetId);
    if (missing) builder.addFindings([missing]);
    if (!resolved.layout || missing) throw new HeaderRefused();
    layout = resolved.layout as ImportLayout & { kind: RecordKind };
    parser = rowParser(layout);
    width = cells.length;
    summary.keyColumn = layout.columns[table.keys[0]] ?? 0;
  };
  /** One data row: shape, cells, references; staged when good. Bad rows are findings, never dropped. */
  const dataRow = (cells: string[], row: number, problems: readonly CsvProblem[]) => {
    const shape = recordShapeFindings(sheet, row, cells, width, problems);
    if (shape.length) return builder.addFindings(shape);
    const parsed = parser!.parse(cells, row);
    if (!parsed.ok) return builder.addFindings(parsed.findings);
    if (setup.refs) {
      const wrong: Finding[] = checkReferences(layout!, parsed.record, setup.refs, row);
      if (wrong.length) return builder.addFindings(wrong);
    }
    const staged = table.staged(row, parsed.record);
    builder.add(staged, sieve.add(staged, 1, keyEnd, row));
  };
  const flush = () => onBatch(builder.take(summary.rows, summary.keyColumn));

  try {
    summary.records = await readCsvRecords(source, setup.delimiter, (cells, row, problems, control: ReadControl) => {
      if (row === 1) return header(cells);
      if (isBlankRecord(cells)) return;
      summary.rows++;
      dataRow(cells, row, problems);
      // While a batch is written the source waits; rows of the chunk already read go into the next batch.
      if (builder.size >= setup.batchRows && !control.holding) {
        const writing = flush();
        if (writing instanceof Promise) control.hold(writing);
      }
    });
  } catch (e) {
    if (!(e instanceof HeaderRefused)) throw e;
    summary.rejected = true;
  }
  if (summary.records === 0 && !summary.rejected) builder.addFindings([error(sheet, 'A1', 'empty-file', 'The file is empty: not even a header row.')]);
  if (!builder.empty) await flush();
  return summary;
}
