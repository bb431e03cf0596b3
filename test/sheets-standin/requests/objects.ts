/** Requests about what sits over the cells: protected ranges, conditional format rules, charts. */
import type { sheets_v4 } from 'googleapis';
import { z } from 'zod';
import type { StandInSpreadsheet } from '../model';
import { getPath, GridRangeSchema, Int, InvalidRequest, requireFields, resolveRange, setPath, sheetById, type Ctx, type Handler } from './common';

function checkGradient(ctx: Ctx, g: sheets_v4.Schema$GradientRule): void {
  for (const [name, point] of [['minpoint', g.minpoint], ['maxpoint', g.maxpoint], ['midpoint', g.midpoint]] as const) {
    if (!point) {
      if (name === 'midpoint') continue;
      throw new InvalidRequest(`${ctx.where}: gradientRule.${name} is required.`);
    }
    if (!['MIN', 'MAX', 'NUMBER', 'PERCENT', 'PERCENTILE'].includes(point.type ?? '')) throw new InvalidRequest(`${ctx.where}: gradientRule.${name}.type is invalid.`);
    if (['NUMBER', 'PERCENT', 'PERCENTILE'].includes(point.type ?? '') && (point.value === undefined || point.value === null || Number.isNaN(Number(point.value)))) {
      throw new InvalidRequest(`${ctx.where}: gradientRule.${name}.value must be a number for type ${point.type}.`);
    }
  }
}

function allChartIds(ss: StandInSpreadsheet): Set<number> {
  return new Set(ss.sheets.flatMap((s) => s.charts.map((c) => c.chartId ?? -1)));
}

function allProtectedRangeIds(ss: StandInSpreadsheet): Set<number> {
  return new Set(ss.sheets.flatMap((s) => s.protectedRanges.map((p) => p.protectedRangeId ?? -1)));
}

function findProtectedRange(ctx: Ctx, id: number | null | undefined): sheets_v4.Schema$ProtectedRange {
  const found = ctx.ss.sheets.flatMap((s) => s.protectedRanges).find((p) => p.protectedRangeId === id);
  if (!found) throw new InvalidRequest(`${ctx.where}: No protected range with id: ${id}`);
  return found;
}

export const objectRequests: Record<string, Handler> = {
  addProtectedRange(ctx, body) {
    const { protectedRange } = z.strictObject({ protectedRange: z.record(z.string(), z.unknown()) }).parse(body) as { protectedRange: sheets_v4.Schema$ProtectedRange };
    const pr = structuredClone(protectedRange);
    if (pr.protectedRangeId !== undefined && pr.protectedRangeId !== null && allProtectedRangeIds(ctx.ss).has(pr.protectedRangeId)) {
      throw new InvalidRequest(`${ctx.where}: A protected range with id ${pr.protectedRangeId} already exists.`);
    }
    if (!pr.range) throw new InvalidRequest(`${ctx.where}: A protected range needs a range.`);
    const { sheet } = resolveRange(ctx, GridRangeSchema.parse(pr.range));
    if (pr.warningOnly && pr.editors) throw new InvalidRequest(`${ctx.where}: Editors cannot be set on a warning-only protected range.`);
    pr.protectedRangeId ??= ctx.ss.nextObjectId++;
    pr.requestingUserCanEdit = true;
    sheet.protectedRanges.push(pr);
    return { addProtectedRange: { protectedRange: structuredClone(pr) } };
  },

  updateProtectedRange(ctx, body) {
    const req = z.strictObject({ protectedRange: z.record(z.string(), z.unknown()), fields: z.string() }).parse(body);
    const update = req.protectedRange as sheets_v4.Schema$ProtectedRange;
    const found = findProtectedRange(ctx, update.protectedRangeId);
    for (const path of requireFields(ctx, req.fields)) setPath(found as Record<string, unknown>, path, getPath(update, path));
    if (found.warningOnly && found.editors) throw new InvalidRequest(`${ctx.where}: Editors cannot be set on a warning-only protected range.`);
    return {};
  },

  deleteProtectedRange(ctx, body) {
    const { protectedRangeId } = z.strictObject({ protectedRangeId: Int }).parse(body);
    const found = findProtectedRange(ctx, protectedRangeId);
    for (const s of ctx.ss.sheets) s.protectedRanges = s.protectedRanges.filter((p) => p !== found);
    return {};
  },

  addConditionalFormatRule(ctx, body) {
    const req = z.strictObject({ rule: z.record(z.string(), z.unknown()), index: Int.optional() }).parse(body);
    const rule = structuredClone(req.rule) as sheets_v4.Schema$ConditionalFormatRule;
    const ranges = rule.ranges ?? [];
    if (ranges.length === 0) throw new InvalidRequest(`${ctx.where}: A conditional format rule needs at least one range.`);
    const sheets = new Set(ranges.map((r) => resolveRange(ctx, GridRangeSchema.parse(r)).sheet));
    if (sheets.size !== 1) throw new InvalidRequest(`${ctx.where}: All ranges of a conditional format rule must be on the same sheet.`);
    if ((rule.booleanRule === undefined) === (rule.gradientRule === undefined)) throw new InvalidRequest(`${ctx.where}: Exactly one of booleanRule or gradientRule must be set.`);
    if (rule.gradientRule) checkGradient(ctx, rule.gradientRule);
    const [sheet] = sheets;
    const index = req.index ?? 0;
    if (index > sheet.conditionalFormats.length) throw new InvalidRequest(`${ctx.where}: Index ${index} is past the end of the rules (${sheet.conditionalFormats.length}).`);
    sheet.conditionalFormats.splice(index, 0, rule);
    return {};
  },

  deleteConditionalFormatRule(ctx, body) {
    const req = z.strictObject({ sheetId: Int.optional(), index: Int.optional() }).parse(body);
    const sheet = sheetById(ctx, req.sheetId);
    const index = req.index ?? 0;
    if (index >= sheet.conditionalFormats.length) throw new InvalidRequest(`${ctx.where}: No conditional format on sheet: ${sheet.properties.sheetId} at index: ${index}`);
    const [deleted] = sheet.conditionalFormats.splice(index, 1);
    return { deleteConditionalFormatRule: { rule: deleted } };
  },

  addChart(ctx, body) {
    const { chart } = z.strictObject({ chart: z.record(z.string(), z.unknown()) }).parse(body) as { chart: sheets_v4.Schema$EmbeddedChart };
    const added = structuredClone(chart);
    if (added.chartId !== undefined && added.chartId !== null && allChartIds(ctx.ss).has(added.chartId)) throw new InvalidRequest(`${ctx.where}: An object with id ${added.chartId} already exists.`);
    const basic = added.spec?.basicChart;
    if (!basic) throw new InvalidRequest(`${ctx.where}: The stand-in supports basicChart specs only.`);
    if (!['BAR', 'LINE', 'AREA', 'COLUMN', 'SCATTER', 'COMBO', 'STEPPED_AREA'].includes(basic.chartType ?? '')) throw new InvalidRequest(`${ctx.where}: Invalid chartType "${basic.chartType}".`);
    const sources = [...(basic.domains ?? []).map((d) => d.domain), ...(basic.series ?? []).map((s) => s.series)].flatMap((d) => d?.sourceRange?.sources ?? []);
    if ((basic.series ?? []).length === 0) throw new InvalidRequest(`${ctx.where}: A chart needs at least one series.`);
    for (const source of sources) {
      const area = resolveRange(ctx, GridRangeSchema.parse(source));
      if (area.r1 - area.r0 !== 1 && area.c1 - area.c0 !== 1) throw new InvalidRequest(`${ctx.where}: A chart source range must be a single row or column.`);
    }
    const anchor = added.position?.overlayPosition?.anchorCell;
    if (!anchor) throw new InvalidRequest(`${ctx.where}: The stand-in supports overlayPosition.anchorCell only.`);
    const { sheet } = resolveRange(ctx, { sheetId: anchor.sheetId ?? 0, startRowIndex: anchor.rowIndex ?? 0, endRowIndex: (anchor.rowIndex ?? 0) + 1, startColumnIndex: anchor.columnIndex ?? 0, endColumnIndex: (anchor.columnIndex ?? 0) + 1 });
    added.chartId ??= ctx.ss.nextObjectId++;
    sheet.charts.push(added);
    return { addChart: { chart: structuredClone(added) } };
  },

  deleteEmbeddedObject(ctx, body) {
    const { objectId } = z.strictObject({ objectId: Int }).parse(body);
    const sheet = ctx.ss.sheets.find((s) => s.charts.some((c) => c.chartId === objectId));
    if (!sheet) throw new InvalidRequest(`${ctx.where}: No object with id ${objectId}`);
    sheet.charts = sheet.charts.filter((c) => c.chartId !== objectId);
    return {};
  },
};
