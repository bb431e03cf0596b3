import { z } from 'zod';
import { GATE_KINDS } from '../contract';
import { InheritanceRefusalSchema } from '../inheritance/schema';

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
    stage: PathStageSchema.describe('Foundation (a Shared module the track needs) or Role (one of the track\'s own modules).'),
    position: z.number().int().min(1).describe('1-based place in the path (or in the part of it for a level or an employee).'),
    gate: PathGateSchema.nullable().describe('What must be reached before moving on; null when the module has no gate.'),
    durationHours: z.number().nullable(),
    develops: z.array(z.string()).describe('Competency ids the module develops.'),
    firstRequiredLevel: PathLevelSchema.nullable().describe('The lowest level at which a competency it develops is first required; null when no level requires one.'),
    reasons: z.array(z.string()).describe('Why the step stands where it does, in plain words: its ties to earlier modules and the level that needs it.'),
  })
  .meta({ id: 'PathStep' });
export type PathStep = z.infer<typeof PathStepSchema>;

export const TrackPathSchema = z
  .object({
    trackId: z.string(),
    trackName: z.string(),
    targetLevel: PathLevelSchema.nullable().describe('The level the path leads to; null for the whole track.'),
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
      cycle: z.array(z.string()).describe('The loop as the finding names it (module ids, or competency ids for dependency-cycle), first id repeated at the end.'),
      modules: z.array(z.string()).describe('The modules that wait on each other, as a closed loop.'),
      findingCode: z.enum(CYCLE_FINDING_CODES).describe('The validation finding that reports this loop.'),
    }),
  ])
  .meta({ id: 'PathError' });
export type PathError = z.infer<typeof PathErrorSchema>;

export type PathResult = { ok: true; path: TrackPath } | { ok: false; error: PathError };

export const EmployeeNextStepsSchema = z
  .object({
    employee: z.object({ id: z.string(), name: z.string() }),
    positionId: z.string(),
    trackId: z.string(),
    currentLevel: PathLevelSchema,
    /** The level with the next Order; null at the top level. */
    nextLevel: PathLevelSchema.nullable(),
    /** The modules still to do to reach the next level, in path order. */
    steps: z.array(PathStepSchema),
    /** Modules of that part of the path the employee already completed. */
    completed: z.array(z.string()),
    totalHours: z.number(),
    message: z.string(),
  })
  .meta({ id: 'EmployeeNextSteps' });
export type EmployeeNextSteps = z.infer<typeof EmployeeNextStepsSchema>;

export const EmployeePathErrorSchema = z.union([PathErrorSchema, InheritanceRefusalSchema]);
export type EmployeePathError = z.infer<typeof EmployeePathErrorSchema>;

export type EmployeePathResult = { ok: true; next: EmployeeNextSteps } | { ok: false; error: EmployeePathError };
