import { z } from 'zod';

/** What a generation answers: items the editor accepts or rejects; nothing is written until they are applied. */

export const AI_OPERATIONS = ['competencies', 'levels', 'matrix', 'rubric'] as const;
export type AiOperation = (typeof AI_OPERATIONS)[number];

/** Locates a cell by meaning, not by address: the row whose `rowHeader` column holds `rowKey`, under `column`. */
export interface CellItem {
  kind: 'cell';
  id: string;
  sheet: string;
  rowHeader: string;
  rowKey: string;
  column: string;
  /** A1 address when proposed (for display; apply() re-locates by row key and column header). */
  cell: string;
  value: string;
  /** The cell's text when the proposal was made; '' for a blank cell. */
  basedOn: string;
}

/** A new row for a fixed tab; `match` (header -> value) identifies it: if such a row exists by then, it is a conflict. */
export interface RowItem {
  kind: 'row';
  id: string;
  sheet: string;
  match: Record<string, string>;
  /** Header -> value for the new row. */
  values: Record<string, string>;
  basedOn: '';
}

export type ProposalItem = CellItem | RowItem;

export interface Proposal {
  operation: AiOperation;
  trackId: string;
  model: string;
  /** Served from the server's cache of identical recent requests. */
  cached: boolean;
  items: ProposalItem[];
}

export interface CellWrite {
  sheet: string;
  cell: string;
  value: string;
}

export interface ApplyConflict {
  itemId: string;
  sheet: string;
  cell: string | null;
  reason: 'edited' | 'exists' | 'missing-sheet' | 'missing-row' | 'missing-column';
  /** What the cell holds now (for 'edited'). */
  current: string;
  proposed: string;
}

const Str = z.record(z.string(), z.string());
export const CellItemSchema = z.object({
  kind: z.literal('cell'), id: z.string(), sheet: z.string(), rowHeader: z.string(), rowKey: z.string(), column: z.string(),
  cell: z.string(), value: z.string(), basedOn: z.string(),
});
export const RowItemSchema = z.object({ kind: z.literal('row'), id: z.string(), sheet: z.string(), match: Str, values: Str, basedOn: z.literal('') });

/** A proposal as the AI routes answer it and as the sidebar hands it back to be applied. */
export const ProposalSchema = z.object({
  operation: z.enum(AI_OPERATIONS),
  trackId: z.string(),
  model: z.string(),
  cached: z.boolean(),
  items: z.array(z.discriminatedUnion('kind', [CellItemSchema, RowItemSchema])),
}) satisfies z.ZodType<Proposal>;
