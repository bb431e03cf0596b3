import type { z } from 'zod';
import { a1, cellText, headerKey, type CellValue } from '../cells';
import type { TabSpec } from '../contract';
import { error, type Finding } from '../findings';
import type { ExtraCells, RowAt, TabInfo } from '../model';
import { fastReaderOf, UNSURE } from '../schemas';
import type { SheetSnapshot } from '../snapshot';

export type FieldSchemas = Record<string, z.ZodType<unknown, string>>;
export type Parsed<F extends FieldSchemas> = { [K in keyof F]: z.output<F[K]> };

/** A row's typed fields plus where it lives and the cells of columns the contract does not know. */
export type ParsedRow<F extends FieldSchemas> = Parsed<F> & { at: RowAt; extra: ExtraCells };

/** Most rows carry no extra cells: they share this one, frozen so no caller can write into it by mistake. */
const NO_EXTRA: ExtraCells = Object.freeze({});

export function isBlankRow(row: readonly unknown[] | undefined): boolean {
  if (!row) return true;
  for (const v of row) if (cellText(v) !== '') return false;
  return true;
}

/** Maps the header row onto the spec's columns; reports missing required headers and duplicates. */
export function readHeader(sheet: SheetSnapshot, spec: TabSpec, findings: Finding[]): TabInfo {
  const headerRow = sheet.values[0] ?? [];
  const headers = headerRow.map(cellText);
  const byKey = new Map<string, number>();
  headers.forEach((h, col) => {
    const k = headerKey(h);
    if (k === '') return;
    if (byKey.has(k)) {
      findings.push(error(sheet.name, a1(0, col), 'duplicate-header', `The column "${h}" appears twice in the header row; Rungs cannot tell which one to read. Rename or remove one.`));
      return;
    }
    byKey.set(k, col);
  });
  const cols: Record<string, number> = {};
  const claimed = new Set<number>();
  let nextFree = headers.length;
  for (const c of spec.columns) {
    const col = byKey.get(headerKey(c.header));
    if (col === undefined) {
      cols[c.key] = -1;
      if (c.required) {
        findings.push(error(sheet.name, a1(0, nextFree), 'missing-header', `The ${spec.name} tab has no "${c.header}" column. Add it to the header row (row 1). ${c.note}`));
        nextFree++;
      }
    } else {
      cols[c.key] = col;
      claimed.add(col);
    }
  }
  const extraCols: number[] = [];
  headers.forEach((h, col) => {
    if (h !== '' && !claimed.has(col)) extraCols.push(col);
  });
  return { name: sheet.name, headers, cols, extraCols };
}

/**
 * Parses the data rows of a fixed tab. Each field goes through its zod cell schema; a failure becomes a finding at
 * that cell and the field takes its fallback (or the raw text) so the rest of validation still sees the row.
 */
export function readRows<F extends FieldSchemas>(
  sheet: SheetSnapshot,
  info: TabInfo,
  fields: F,
  fallbacks: Partial<Record<keyof F, unknown>>,
  findings: Finding[],
): ParsedRow<F>[] {
  const keys = Object.keys(fields) as (keyof F & string)[];
  const cols = keys.map((key) => info.cols[key]);
  // Plainly good cells are read without zod (most of a large workbook); zod reads the others and says what is wrong.
  const fast = keys.map((key) => fastReaderOf(fields[key]));
  // Every row starts as a copy of one template: rows share one object shape instead of growing key by key.
  const template: Record<string, unknown> = {};
  for (const key of keys) template[key] = undefined;
  template.at = undefined;
  template.extra = NO_EXTRA;
  const out: ParsedRow<F>[] = [];
  const { values } = sheet;
  for (let r = 1; r < values.length; r++) {
    const row = values[r];
    if (isBlankRow(row)) continue;
    const parsed = { ...template };
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k];
      const col = cols[k];
      const text = col >= 0 ? cellText(row[col]) : '';
      const read = fast[k];
      const quick = read === undefined ? UNSURE : read(text);
      if (quick !== UNSURE) {
        parsed[key] = quick;
        continue;
      }
      const result = fields[key].safeParse(text);
      if (result.success) {
        parsed[key] = result.data;
      } else {
        const issue = result.error.issues[0];
        const code = (issue as { params?: { code?: string } }).params?.code ?? 'invalid-value';
        // A required column that is missing altogether was reported once at the header, not on every row.
        if (col >= 0) findings.push(error(sheet.name, a1(r, col), code, issue.message));
        parsed[key] = key in fallbacks ? fallbacks[key] : text;
      }
    }
    let extra = NO_EXTRA;
    for (const col of info.extraCols) {
      const v = row[col];
      if (v === undefined || v === null || v === '') continue;
      if (extra === NO_EXTRA) extra = {};
      extra[info.headers[col]] = v;
    }
    parsed.at = { sheet: sheet.name, row: r, cols: info.cols };
    parsed.extra = extra;
    out.push(parsed as ParsedRow<F>);
  }
  return out;
}
