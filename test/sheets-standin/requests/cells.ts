/** Requests about cell contents and formats: updateCells, repeatCell. */
import { z } from 'zod';
import type { CellData } from '../model';
import { GridRangeSchema, Int, InvalidRequest, requireFields, resolveRange, writeCell, type Handler } from './common';

export const CellSchema = z.record(z.string(), z.unknown());
const RowsSchema = z.array(z.strictObject({ values: z.array(CellSchema).optional() }));

export const cellRequests: Record<string, Handler> = {
  updateCells(ctx, body) {
    const req = z.strictObject({
      rows: RowsSchema.optional(), fields: z.string().optional(),
      start: z.strictObject({ sheetId: Int.optional(), rowIndex: Int.optional(), columnIndex: Int.optional() }).optional(),
      range: GridRangeSchema.optional(),
    }).parse(body);
    if ((req.start === undefined) === (req.range === undefined)) throw new InvalidRequest(`${ctx.where}: Exactly one of start or range must be set.`);
    const paths = requireFields(ctx, req.fields);
    const rows = req.rows ?? [];
    const width = Math.max(0, ...rows.map((r) => r.values?.length ?? 0));
    const area = req.range
      ? resolveRange(ctx, req.range)
      : resolveRange(ctx, { sheetId: req.start?.sheetId, startRowIndex: req.start?.rowIndex ?? 0, startColumnIndex: req.start?.columnIndex ?? 0,
        endRowIndex: (req.start?.rowIndex ?? 0) + rows.length, endColumnIndex: (req.start?.columnIndex ?? 0) + width });
    // With a range, cells of the range the rows do not cover are cleared (for the fields named).
    for (let r = area.r0; r < area.r1; r++) {
      for (let c = area.c0; c < area.c1; c++) {
        const from = (rows[r - area.r0]?.values?.[c - area.c0] ?? {}) as CellData;
        writeCell(ctx, area.sheet, r, c, from, paths);
      }
    }
    return {};
  },

  repeatCell(ctx, body) {
    const req = z.strictObject({ range: GridRangeSchema, cell: CellSchema, fields: z.string() }).parse(body);
    const paths = requireFields(ctx, req.fields);
    const area = resolveRange(ctx, req.range);
    for (let r = area.r0; r < area.r1; r++) for (let c = area.c0; c < area.c1; c++) writeCell(ctx, area.sheet, r, c, req.cell as CellData, paths);
    return {};
  },
};
