/**
 * What a draft changes against the active version, and a track's status, as the server answers them: one zod
 * source for the server's OpenAPI document and the add-on's parsing of the answer.
 */
import { z } from 'zod';

export const DIFF_SECTIONS = ['track', 'competencies', 'levels', 'cells', 'positions', 'modules', 'rubricRows'] as const;
export type DiffSection = (typeof DIFF_SECTIONS)[number];

const DiffValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const ChangeSchema = z.object({
  /** Competency, module, position id; level code; "<competency> @ <level>" for a matrix cell; dimension name. */
  id: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  before: z.record(z.string(), DiffValueSchema).nullable(),
  after: z.record(z.string(), DiffValueSchema).nullable(),
  /** The headers whose value changed (every header of the record when added or removed). */
  fields: z.array(z.string()),
});
export type Change = z.infer<typeof ChangeSchema>;

const Changes = z.array(ChangeSchema);
export const TrackDiffSchema = z.object({
  trackId: z.string(),
  counts: z.object({ added: z.number().int(), removed: z.number().int(), changed: z.number().int() }),
  track: Changes, competencies: Changes, levels: Changes, cells: Changes, positions: Changes, modules: Changes, rubricRows: Changes,
}) satisfies z.ZodType<{ [K in DiffSection]: Change[] }>;
export type TrackDiff = z.infer<typeof TrackDiffSchema>;

/** A Shared competency or module a draft adds, changes or removes against what an admin last published. */
export const SharedItemChangeSchema = z.object({
  kind: z.enum(['competency', 'module']),
  id: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  /** The headers whose value differs from the published item. */
  fields: z.array(z.string()),
  /** Where the item is in the sheet (a removed row: the id column's header). */
  sheet: z.string(),
  cell: z.string(),
  /** The other Active tracks whose published version holds the item: they keep their version until republished. */
  usedBy: z.array(z.string()),
});
export type SharedItemChange = z.infer<typeof SharedItemChangeSchema>;

export const TrackStatusSchema = z.object({ trackId: z.string(), status: z.enum(['Active', 'Draft']), version: z.number().int().nullable() });
