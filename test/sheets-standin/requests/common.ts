/** What every batchUpdate request handler of the stand-in shares: the error, grid ranges, field masks. */
import type { sheets_v4 } from 'googleapis';
import { z } from 'zod';
import { fieldPaths } from '../fields-mask';
import type { CellData, StandInSheet, StandInSpreadsheet } from '../model';

export class InvalidRequest extends Error {}

export type Reply = sheets_v4.Schema$Response;
export type Ctx = { ss: StandInSpreadsheet; where: string };
export type Handler = (ctx: Ctx, body: unknown) => Reply;

export const Int = z.number().int().nonnegative();
export const GridRangeSchema = z.strictObject({
  sheetId: Int.optional(), startRowIndex: Int.optional(), endRowIndex: Int.optional(),
  startColumnIndex: Int.optional(), endColumnIndex: Int.optional(),
});
export type Range = z.infer<typeof GridRangeSchema>;

export function sheetById(ctx: Ctx, sheetId: number | undefined | null): StandInSheet {
  const id = sheetId ?? 0;
  const sheet = ctx.ss.sheets.find((s) => s.properties.sheetId === id);
  if (!sheet) throw new InvalidRequest(`${ctx.where}: No grid with id: ${id}`);
  return sheet;
}

/** A GridRange made concrete and checked against the grid's size ("exceeds grid limits"). */
export function resolveRange(ctx: Ctx, range: Range): { sheet: StandInSheet; r0: number; r1: number; c0: number; c1: number } {
  const sheet = sheetById(ctx, range.sheetId);
  const grid = sheet.properties.gridProperties;
  const r0 = range.startRowIndex ?? 0;
  const c0 = range.startColumnIndex ?? 0;
  const r1 = range.endRowIndex ?? grid.rowCount;
  const c1 = range.endColumnIndex ?? grid.columnCount;
  if (r1 < r0 || c1 < c0) throw new InvalidRequest(`${ctx.where}: Invalid range: end index before start index.`);
  if (r1 > grid.rowCount || c1 > grid.columnCount) {
    throw new InvalidRequest(`${ctx.where}: Range ('${sheet.properties.title}'!R${r0 + 1}C${c0 + 1}:R${r1}C${c1}) exceeds grid limits. Max rows: ${grid.rowCount}, max columns: ${grid.columnCount}`);
  }
  return { sheet, r0, r1, c0, c1 };
}

export function requireFields(ctx: Ctx, fields: string | undefined): string[][] {
  if (!fields || fields.trim() === '') throw new InvalidRequest(`${ctx.where}: At least one field must be specified.`);
  try {
    return fieldPaths(fields);
  } catch (e) {
    throw new InvalidRequest(`${ctx.where}: Invalid field mask "${fields}": ${(e as Error).message}`);
  }
}

export function getPath(obj: unknown, path: string[]): unknown {
  let v = obj;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[p];
  }
  return v;
}

export function setPath(obj: Record<string, unknown>, path: string[], value: unknown): void {
  let o = obj;
  for (const p of path.slice(0, -1)) {
    if (o[p] === null || typeof o[p] !== 'object') o[p] = {};
    o = o[p] as Record<string, unknown>;
  }
  const last = path[path.length - 1];
  if (value === undefined) delete o[last];
  else o[last] = structuredClone(value);
}

const CELL_FIELDS = new Set(['userEnteredValue', 'userEnteredFormat', 'note', 'textFormatRuns', 'dataValidation', 'hyperlink', '*']);

/** Copies the fields the mask names from `from` into the cell (absent in `from` = cleared). */
export function writeCell(ctx: Ctx, sheet: StandInSheet, r: number, c: number, from: CellData, paths: string[][]): void {
  const row = (sheet.cells[r] ??= []);
  const cell: Record<string, unknown> = { ...(row[c] ?? {}) };
  for (const path of paths) {
    if (!CELL_FIELDS.has(path[0])) throw new InvalidRequest(`${ctx.where}: Invalid field mask: "${path.join('.')}" is not a field of CellData.`);
    if (path[0] === '*') {
      for (const k of Object.keys(cell)) delete cell[k];
      Object.assign(cell, structuredClone(from));
    } else setPath(cell, path, getPath(from, path));
  }
  const value = (cell as CellData).userEnteredValue;
  if (value && Object.keys(value).length > 1) throw new InvalidRequest(`${ctx.where}: A cell value holds exactly one of stringValue, numberValue, boolValue, formulaValue.`);
  row[c] = Object.keys(cell).length === 0 ? undefined : (cell as CellData);
}
