/** The shapes of the sync server's answers the add-on reads (see sync-server/routes/*.ts), parsed with zod. */
import { z } from 'zod';
import { FindingSchema } from '../../shared/findings';
import { ProposalSchema } from '../../shared/ai/proposal';
import { SharedItemChangeSchema, TrackDiffSchema, TrackStatusSchema } from '../../shared/track-diff';

export const HealthAnswer = z.object({ status: z.string() }).passthrough();

export const TrackStatusAnswer = TrackStatusSchema;

export const WorkbookAnswer = z.object({
  workbook: z.object({ spreadsheetId: z.string(), name: z.string() }).passthrough(),
  tracks: z.array(TrackStatusAnswer),
});

const DraftAnswer = z.object({ draftId: z.number().int(), trackId: z.string(), baseVersion: z.number().int(), errors: z.number().int(), warnings: z.number().int() }).passthrough();

export const SavedDraftAnswer = DraftAnswer.extend({ findings: z.array(FindingSchema) });

export const DiffAnswer = z.object({
  draft: DraftAnswer,
  activeVersion: z.number().int(),
  stale: z.boolean(),
  diff: TrackDiffSchema,
  shared: z.array(SharedItemChangeSchema).default([]),
});
export type DiffAnswer = z.infer<typeof DiffAnswer>;

export const PublishAnswer = z.object({ trackId: z.string(), version: z.number().int(), statuses: z.array(TrackStatusAnswer) }).passthrough();

export const RefreshAnswer = z.object({ jobId: z.string(), requestedAt: z.string() }).passthrough();

/** A proposal as the AI routes answer it, and as the sidebar hands it back to apply. */
export const ProposalAnswer = ProposalSchema;
