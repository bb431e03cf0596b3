/** Developer metadata requests, for metadata located on a sheet (what the connector uses to mark its tabs). */
import type { sheets_v4 } from 'googleapis';
import { z } from 'zod';
import { Int, InvalidRequest, sheetById, type Ctx, type Handler } from './common';

const LookupSchema = z.strictObject({
  metadataId: Int.optional(), metadataKey: z.string().optional(), metadataValue: z.string().optional(),
  locationType: z.string().optional(), visibility: z.string().optional(),
  metadataLocation: z.strictObject({ sheetId: Int.optional() }).optional(),
});

function allMetadata(ctx: Ctx): sheets_v4.Schema$DeveloperMetadata[] {
  return ctx.ss.sheets.flatMap((s) => s.developerMetadata);
}

function matches(m: sheets_v4.Schema$DeveloperMetadata, lookup: z.infer<typeof LookupSchema>): boolean {
  if (lookup.metadataId !== undefined && m.metadataId !== lookup.metadataId) return false;
  if (lookup.metadataKey !== undefined && m.metadataKey !== lookup.metadataKey) return false;
  if (lookup.metadataValue !== undefined && m.metadataValue !== lookup.metadataValue) return false;
  if (lookup.metadataLocation?.sheetId !== undefined && m.location?.sheetId !== lookup.metadataLocation.sheetId) return false;
  return true;
}

export const metadataRequests: Record<string, Handler> = {
  createDeveloperMetadata(ctx, body) {
    const { developerMetadata } = z.strictObject({ developerMetadata: z.record(z.string(), z.unknown()) }).parse(body) as { developerMetadata: sheets_v4.Schema$DeveloperMetadata };
    const m = structuredClone(developerMetadata);
    if (!m.metadataKey) throw new InvalidRequest(`${ctx.where}: developerMetadata.metadataKey is required.`);
    if (m.visibility !== 'DOCUMENT' && m.visibility !== 'PROJECT') throw new InvalidRequest(`${ctx.where}: developerMetadata.visibility must be DOCUMENT or PROJECT.`);
    const loc = m.location ?? {};
    if (loc.sheetId === undefined || loc.sheetId === null || loc.dimensionRange || loc.spreadsheet) {
      throw new InvalidRequest(`${ctx.where}: this request kind is supported by the stand-in only with location.sheetId.`);
    }
    const sheet = sheetById(ctx, loc.sheetId);
    if (m.metadataId !== undefined && m.metadataId !== null && allMetadata(ctx).some((x) => x.metadataId === m.metadataId)) {
      throw new InvalidRequest(`${ctx.where}: Developer metadata with id ${m.metadataId} already exists.`);
    }
    m.metadataId ??= ctx.ss.nextObjectId++;
    m.location = { locationType: 'SHEET', sheetId: sheet.properties.sheetId };
    sheet.developerMetadata.push(m);
    return { createDeveloperMetadata: { developerMetadata: structuredClone(m) } };
  },

  deleteDeveloperMetadata(ctx, body) {
    const { dataFilter } = z.strictObject({ dataFilter: z.strictObject({ developerMetadataLookup: LookupSchema }) }).parse(body);
    const lookup = dataFilter.developerMetadataLookup;
    const deleted = allMetadata(ctx).filter((m) => matches(m, lookup));
    for (const s of ctx.ss.sheets) s.developerMetadata = s.developerMetadata.filter((m) => !deleted.includes(m));
    return { deleteDeveloperMetadata: { deletedDeveloperMetadata: structuredClone(deleted) } };
  },
};
