import { z } from 'zod';
import { GATE_KINDS } from '../contract';

/** Result shapes of path ordering. They cross the HTTP boundary, so the types are inferred from these schemas. */

export const PATH_STAGES = ['Foundation', 'Role'] as const;
export const PathStageSchema = z.enum(PATH_STAGES);
export type PathStage = z.infer<typeof PathStageSchema>;

export const PathGateSchema = z.object({
  text: z.string(),
  kind: z.enum(GATE_KINDS),
  minPercent: z.number(),
});

export const PathLevelSchema = z.object({ code: z.string(), order: z.number().int() });
export type PathLevel = z.infer<typeof PathLevelSchema>;

export const PathStepSchema = z
  .object({
    moduleId: z.string(),
    title: z.string(),
    stage: PathStageSchema,
    /** 1-based place in the path (or in the sub-path, for a level or an employee). */
    position: z.number().int().min(1),
    gate: PathGateSchema.nullable(),
    durationHours: z.number().nullable(),
    develops: z.array(z.string()),
    firstRequiredLevel: PathLevelSchema.nullable(),
    reasons: z.array(z.string()),
  })
  .meta({ id: 'PathStep' });
export type PathStep = z.infer<typeof PathStepSchema>;

export const TrackPathSchema = z
  .object({
    trackId: z.string(),
    trackName: z.string(),
    /** The level the path leads to; null for the whole track. */
    targetLevel: PathLevelSchema.nullable(),
    steps: z.array(PathStepSchema),
    totalHours: z.number(),
  })
  .meta({ id: 'TrackPath' });
export type TrackPath = z.infer<typeof TrackPathSchema>;

/** The validation finding that reports the same loop, so the editor knows where to fix it. */
export const CYCLE_FINDING_CODES = ['prerequisite-cycle', 'module-sequence-conflict', 'dependency-cycle'] as const;
export type CycleFindingCode = (typeof CYCLE_FINDING_CODES)[number];

export const PathErrorSchema = z
  .discriminatedUnion('code', [
    z.object({ code: z.literal('unknown-track'), message: z.string(), trackId: z.string() }),
    z.object({ code: z.literal('unknown-level'), message: z.string(), trackId: z.string(), levelCode: z.string() }),
    z.object({
      code: z.literal('path-cycle'),
      message: z.string(),
      /** The loop as the finding names it: module ids, or competency ids for dependency-cycle. First id repeated at the end. */
      cycle: z.array(z.string()),
      /** The modules that cannot be ordered, as a closed loop. */
      modules: z.array(z.string()),
      findingCode: z.enum(CYCLE_FINDING_CODES),
    }),
  ])
  .meta({ id: 'PathError' });
export type PathError = z.infer<typeof PathErrorSchema>;

export type PathResult = { ok: true; path: TrackPath } | { ok: false; error: PathError };
