import type { Finding } from '../../shared/findings';
import type { ColumnType, StagedValue } from './record-tables';

/**
 * Rows read from a file, as they travel from the reading thread to the writing one. Text values are numbers into a
 * table of strings both threads keep (exports repeat ids, statuses and dates on every row: each distinct text
 * crosses once, and the writing thread makes no string for a repeat); numbers travel as doubles. Both arrays are
 * moved, not copied, between threads.
 */
export interface RowBatch {
  count: number;
  /** Each row's text columns, in column order: an index into the string table, or -1 for null. */
  texts: Int32Array;
  /** Each row's numeric columns (the row number first): NaN for null. */
  numbers: Float64Array;
  /** The string table was emptied before this batch. */
  restart: boolean;
  /** Strings new to the table, numbered in this order, joined by NUL (a character no stored text holds). */
  added: string;
  addedCount: number;
  /** Findings of the rows read for this batch (bad rows are not in it). */
  findings: Finding[];
  /** Rows whose natural key may repeat an earlier row's, as pairs: index in the batch, the earlier row (its number). */
  maybeSeen: number[];
  /** Data rows read so far (blank lines not counted). */
  rowsRead: number;
  /** The column of the first key cell, where a duplicate row's finding points. */
  keyColumn: number;
}

/** Distinct strings kept before the table starts again (memory stays bounded when values never repeat). */
const TABLE_LIMIT = 100_000;

/** Which staged columns are numeric (the row number and float8 columns); the others are text. */
export const numericColumns = (types: readonly (ColumnType | 'int')[]): boolean[] => types.map((t) => t !== 'text');

/** Builds batches row by row (on the reading thread). */
export class RowBatchBuilder {
  private readonly table = new Map<string, number>();
  private texts: number[] = [];
  private numbers: number[] = [];
  private added: string[] = [];
  private restart = false;
  private findings: Finding[] = [];
  private maybeSeen: number[] = [];
  private count = 0;

  constructor(private readonly numeric: readonly boolean[]) {}

  add(row: readonly StagedValue[], earlierRow: number): void {
    if (earlierRow > 0) this.maybeSeen.push(this.count, earlierRow);
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      if (this.numeric[i]) this.numbers.push(v === null ? NaN : (v as number));
      else if (v === null) this.texts.push(-1);
      else {
        let code = this.table.get(v as string);
        if (code === undefined) {
          code = this.table.size;
          this.table.set(v as string, code);
          this.added.push(v as string);
        }
        this.texts.push(code);
      }
    }
    this.count++;
  }

  addFindings(findings: readonly Finding[]): void {
    for (const f of findings) this.findings.push(f);
  }

  get size(): number {
    return this.count;
  }

  get empty(): boolean {
    return this.count === 0 && this.findings.length === 0;
  }

  take(rowsRead: number, keyColumn: number): RowBatch {
    const batch: RowBatch = {
      count: this.count, texts: Int32Array.from(this.texts), numbers: Float64Array.from(this.numbers), restart: this.restart,
      added: this.added.join('\0'), addedCount: this.added.length, findings: this.findings, maybeSeen: this.maybeSeen, rowsRead, keyColumn,
    };
    this.texts = [];
    this.numbers = [];
    this.added = [];
    this.findings = [];
    this.maybeSeen = [];
    this.count = 0;
    this.restart = this.table.size > TABLE_LIMIT;
    if (this.restart) this.table.clear();
    return batch;
  }
}

/** Turns batches back into values (on the writing thread), keeping its copy of the string table. */
export class RowBatchReader {
  private readonly strings: string[] = [];
  private readonly textAt: number[] = [];
  private readonly numberAt: number[] = [];
  private readonly out: StagedValue[] = [];

  constructor(private readonly numeric: readonly boolean[]) {
    numeric.forEach((n, i) => (n ? this.numberAt : this.textAt).push(i));
  }

  /** The rows' values one after the other (`numeric.length` a row); the array is reused by the next batch. */
  values(batch: RowBatch): StagedValue[] {
    if (batch.restart) this.strings.length = 0;
    if (batch.addedCount > 0) for (const s of batch.added.split('\0')) this.strings.push(s);
    const width = this.numeric.length;
    const { out } = this;
    out.length = batch.count * width;
    const { texts, numbers } = batch;
    const { strings, textAt, numberAt } = this;
    for (let r = 0, t = 0, n = 0; r < batch.count; r++) {
      const base = r * width;
      for (let i = 0; i < textAt.length; i++, t++) out[base + textAt[i]] = texts[t] < 0 ? null : strings[texts[t]];
      for (let i = 0; i < numberAt.length; i++, n++) out[base + numberAt[i]] = Number.isNaN(numbers[n]) ? null : numbers[n];
    }
    return out;
  }
}
