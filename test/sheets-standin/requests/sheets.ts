/** Requests about tabs: add, delete, properties (title, grid size, frozen rows), dimensions. */
import type { sheets_v4 } from 'googleapis';
import { z } from 'zod';
import { newSheet, type StandInSheet } from '../model';
import { getPath, Int, InvalidRequest, requireFields, setPath, sheetById, type Ctx, type Handler } from './common';

function checkFrozen(ctx: Ctx, sheet: StandInSheet): void {
  const g = sheet.properties.gridProperties;
  if ((g.frozenRowCount ?? 0) >= g.rowCount) throw new InvalidRequest(`${ctx.where}: You can't freeze all visible rows on the sheet.`);
}

export const sheetRequests: Record<string, Handler> = {
  addSheet(ctx, body) {
    const { properties = {} } = z.strictObject({ properties: z.record(z.string(), z.unknown()).optional() }).parse(body) as { properties?: sheets_v4.Schema$SheetProperties };
    const ids = new Set(ctx.ss.sheets.map((s) => s.properties.sheetId));
    let sheetId = properties.sheetId ?? undefined;
    if (sheetId !== undefined) {
      if (!Number.isInteger(sheetId) || sheetId < 0) throw new InvalidRequest(`${ctx.where}: sheetId must be a non-negative integer.`);
      if (ids.has(sheetId)) throw new InvalidRequest(`${ctx.where}: A sheet with the id ${sheetId} already exists. Please choose another id.`);
    } else {
      sheetId = 1_000_000_000 + ctx.ss.sheets.length;
      while (ids.has(sheetId)) sheetId++;
    }
    const title = properties.title ?? `Sheet${ctx.ss.sheets.length + 1}`;
    if (ctx.ss.sheets.some((s) => s.properties.title.toLowerCase() === title.toLowerCase())) {
      throw new InvalidRequest(`${ctx.where}: A sheet with the name "${title}" already exists. Please enter another name.`);
    }
    const index = Math.min(properties.index ?? ctx.ss.sheets.length, ctx.ss.sheets.length);
    const sheet = newSheet(sheetId, title, index, properties.gridProperties ?? {});
    if (properties.hidden) sheet.properties.hidden = true;
    checkFrozen(ctx, sheet);
    ctx.ss.sheets.splice(index, 0, sheet);
    ctx.ss.sheets.forEach((s, i) => { s.properties.index = i; });
    return { addSheet: { properties: structuredClone(sheet.properties) } };
  },

  deleteSheet(ctx, body) {
    const { sheetId } = z.strictObject({ sheetId: Int }).parse(body);
    const sheet = sheetById(ctx, sheetId);
    if (ctx.ss.sheets.length === 1) throw new InvalidRequest(`${ctx.where}: You can't remove all the sheets in a document.`);
    ctx.ss.sheets = ctx.ss.sheets.filter((s) => s !== sheet);
    ctx.ss.sheets.forEach((s, i) => { s.properties.index = i; });
    return {};
  },

  updateSheetProperties(ctx, body) {
    const req = z.strictObject({ properties: z.record(z.string(), z.unknown()), fields: z.string() }).parse(body);
    const props = req.properties as sheets_v4.Schema$SheetProperties;
    const sheet = sheetById(ctx, props.sheetId);
    for (const path of requireFields(ctx, req.fields)) {
      if (path[0] === 'sheetId') throw new InvalidRequest(`${ctx.where}: sheetId cannot be changed.`);
      if (path[0] === 'title') {
        const title = props.title ?? '';
        if (ctx.ss.sheets.some((s) => s !== sheet && s.properties.title.toLowerCase() === title.toLowerCase())) {
          throw new InvalidRequest(`${ctx.where}: A sheet with the name "${title}" already exists. Please enter another name.`);
        }
      }
      setPath(sheet.properties as unknown as Record<string, unknown>, path, getPath(props, path));
    }
    const grid = sheet.properties.gridProperties;
    if (!Number.isInteger(grid.rowCount) || grid.rowCount < 1 || !Number.isInteger(grid.columnCount) || grid.columnCount < 1) {
      throw new InvalidRequest(`${ctx.where}: A sheet needs at least one row and one column.`);
    }
    sheet.cells = sheet.cells.slice(0, grid.rowCount).map((row) => row.slice(0, grid.columnCount));
    checkFrozen(ctx, sheet);
    return {};
  },

  updateDimensionProperties(ctx, body) {
    const req = z.strictObject({
      range: z.strictObject({ sheetId: Int.optional(), dimension: z.enum(['ROWS', 'COLUMNS']), startIndex: Int.optional(), endIndex: Int.optional() }),
      properties: z.strictObject({ pixelSize: Int.optional(), hiddenByUser: z.boolean().optional() }), fields: z.string(),
    }).parse(body);
    requireFields(ctx, req.fields);
    const sheet = sheetById(ctx, req.range.sheetId);
    if (req.range.dimension === 'COLUMNS' && req.properties.pixelSize !== undefined) {
      for (let c = req.range.startIndex ?? 0; c < (req.range.endIndex ?? sheet.properties.gridProperties.columnCount); c++) sheet.columnWidths[c] = req.properties.pixelSize;
    }
    return {};
  },

  autoResizeDimensions(ctx, body) {
    const req = z.strictObject({ dimensions: z.strictObject({ sheetId: Int.optional(), dimension: z.enum(['ROWS', 'COLUMNS']), startIndex: Int.optional(), endIndex: Int.optional() }) }).parse(body);
    sheetById(ctx, req.dimensions.sheetId);
    return {};
  },
};
