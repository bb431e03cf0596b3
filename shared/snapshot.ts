import { z } from 'zod';

/** A cell as getValues() gives it after the add-on turns Dates into ISO strings. null is tolerated as blank. */
export const CellValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const SheetSnapshotSchema = z.object({
  name: z.string().min(1, 'every sheet needs a name'),
  values: z.array(z.array(CellValueSchema)),
});

/** What the add-on sends and what the CLI reads: the whole workbook, row 1 of each sheet = its header row. */
export const WorkbookSnapshotSchema = z.object({
  spreadsheetId: z.string(),
  sheets: z.array(SheetSnapshotSchema),
});

export type SheetSnapshot = z.infer<typeof SheetSnapshotSchema>;
export type WorkbookSnapshot = z.infer<typeof WorkbookSnapshotSchema>;
