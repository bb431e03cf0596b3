import type { Finding } from '../../shared/findings';
import type { StagedValue } from './record-tables';

/**
 * Rows read from a file, as they travel from the reading thread to the writing one: one string of every staged
 * value joined by NUL (a character no stored text holds), so that crossing threads copies one string rather than
 * cloning an object per value. Null travels as an empty string; the few values that are an empty string indeed
 * are listed.
 */
export interface RowBatch {
  /** Rows in the batch, each `width` values: [row number, ...key cells, ...value cells]. */
  count: number;
  values: string;
  /** Indexes (in the batch's values) of empty strings that are not null. */
  blanks: number[];
  /** Findings of the rows read for this batch (bad rows are not in it). */
  findings: Finding[];
  /** Rows whose natural key may repeat an earlier row's, as pairs: index in the batch, the earlier row (its number). */
  maybeSeen: number[];
  /** Data rows read so far (blank lines not counted). */
  rowsRead: number;
  /** The column of the first key cell, where a duplicate row's finding points. */
  keyColumn: number;
}

/** Builds batches row by row. */
export class RowBatchBuilder {
  private parts: string[] = [];
  private blanks: number[] = [];
  private findings: Finding[] = [];
  private maybeSeen: number[] = [];
  private count = 0;

  add(row: readonly StagedValue[], earlierRow: number): void {
    if (earlierRow > 0) this.maybeSeen.push(this.count, earlierRow);
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      if (v === null) this.parts.push('');
      else if (typeof v === 'number') this.parts.push(String(v));
      else {
        if (v === '') this.blanks.push(this.parts.length);
        this.parts.push(v);
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
    const batch: RowBatch = { count: this.count, values: this.parts.join('\0'), blanks: this.blanks, findings: this.findings, maybeSeen: this.maybeSeen, rowsRead, keyColumn };
    this.parts = [];
    this.blanks = [];
    this.findings = [];
    this.maybeSeen = [];
    this.count = 0;
    return batch;
  }
}

/**
 * The values of a batch, row after row (`width` a row), typed as the columns are: the row number and numeric
 * columns as numbers (the text of a number is the shortest that reads back as the same number), nulls back.
 */
export function unpackValues(batch: RowBatch, numeric: readonly boolean[]): StagedValue[] {
  if (batch.count === 0) return [];
  const out: StagedValue[] = batch.values.split('\0');
  const width = numeric.length;
  for (let c = 0; c < width; c++) {
    if (numeric[c]) {
      for (let i = c; i < out.length; i += width) out[i] = out[i] === '' ? null : Number(out[i]);
    } else {
      for (let i = c; i < out.length; i += width) if (out[i] === '') out[i] = null;
    }
  }
  for (const i of batch.blanks) out[i] = '';
  return out;
}
