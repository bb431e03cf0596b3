/** The ReportTab of layout.ts as a zod schema: the server documents its answer with it, the add-on parses it. */
import { z } from 'zod';
import type { ReportTab } from './layout';

const GridRangeSchema = z.object({
  startRow: z.number().int().min(0), endRow: z.number().int().min(0), startColumn: z.number().int().min(0), endColumn: z.number().int().min(0),
});

export const ReportTabSchema = z.object({
  title: z.string().min(1),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.boolean(), z.null()]))),
  boldRows: z.array(z.number().int().min(0)),
  numberFormats: z.array(z.object({ range: GridRangeSchema, kind: z.enum(['percent', 'decimal', 'integer', 'date']) })),
  heatmaps: z.array(z.object({
    range: GridRangeSchema, direction: z.enum(['higher-is-better', 'lower-is-better']), min: z.number().optional(), max: z.number().optional(),
  })),
  charts: z.array(z.object({
    key: z.string(), title: z.string(), type: z.enum(['column', 'bar', 'line']), domain: GridRangeSchema, series: z.array(GridRangeSchema),
    anchor: z.object({ row: z.number().int().min(0), column: z.number().int().min(0) }),
  })),
  frozenRows: z.number().int().min(0),
  editors: z.array(z.string()).optional(),
  metadata: z.record(z.string(), z.string()).optional(),
}) satisfies z.ZodType<ReportTab>;
