/** The shapes of the sync server's answers the add-on reads (see sync-server/routes/*.ts), parsed with zod. */
import { z } from 'zod';
import { FindingSchema } from '../../shared/findings';
import { ProposalSchema } from '../../shared/ai/proposal';

export const HealthAnswer = z.object({ status: z.string() }).passthrough();

export const TrackStatusAnswer = z.object({ trackId: z.string(), status: z.enum(['Active', 'Draft']), version: z.number().int().nullable() });

export const WorkbookAnswer = z.object({
  workbook: z.object({ spreadsheetId: z.string(), name: z.string() }).passthrough(),
  tracks: z.array(TrackStatusAnswer),
});

const DraftAnswer = z.object({ draftId: z.number().int(), trackId: z.string(), baseVersion: z.number().int(), errors: z.number().int(), warnings: z.number().int() }).passthrough();

export const SavedDraftAnswer = DraftAnswer.extend({ findings: z.array(FindingSchema) });

const DiffValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const ChangeAnswer = z.object({
  id: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  before: z.record(z.string(), DiffValue).nullable(),
  after: z.record(z.string(), DiffValue).nullable(),
  fields: z.array(z.string()),
});
export type ChangeAnswer = z.infer<typeof ChangeAnswer>;

export const DIFF_SECTIONS = ['track', 'competencies', 'levels', 'cells', 'positions', 'modules', 'rubricRows'] as const;

export const DiffAnswer = z.object({
  draft: DraftAnswer,
  activeVersion: z.number().int(),
  stale: z.boolean(),
  diff: z.object({
    trackId: z.string(),
    counts: z.object({ added: z.number().int(), removed: z.number().int(), changed: z.number().int() }),
    track: z.array(ChangeAnswer),
    competencies: z.array(ChangeAnswer),
    levels: z.array(ChangeAnswer),
    cells: z.array(ChangeAnswer),
    positions: z.array(ChangeAnswer),
    modules: z.array(ChangeAnswer),
    rubricRows: z.array(ChangeAnswer),
  }),
});
export type DiffAnswer = z.infer<typeof DiffAnswer>;

export const PublishAnswer = z.object({ trackId: z.string(), version: z.number().int(), statuses: z.array(TrackStatusAnswer) }).passthrough();

export const RefreshAnswer = z.object({ jobId: z.string(), requestedAt: z.string() }).passthrough();

/** A proposal as the AI routes answer it, and as the sidebar hands it back to apply. */
export const ProposalAnswer = ProposalSchema;
