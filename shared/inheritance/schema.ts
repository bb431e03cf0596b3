import { z } from 'zod';

/** Result shapes of inheritance (F4). They cross the HTTP boundary, so the types are inferred from these schemas. */

export const ExpectationSchema = z.object({
  competencyId: z.string(),
  competencyName: z.string(),
  /** The matrix cell at that level. */
  expectation: z.string(),
});
export type Expectation = z.infer<typeof ExpectationSchema>;

export const ChangedExpectationSchema = z.object({
  competencyId: z.string(),
  competencyName: z.string(),
  from: z.string(),
  to: z.string(),
});
export type ChangedExpectation = z.infer<typeof ChangedExpectationSchema>;

export const InheritedLevelSchema = z.object({ code: z.string(), name: z.string(), order: z.number().int() });
export type InheritedLevel = z.infer<typeof InheritedLevelSchema>;

export const NextLevelChangesSchema = z.object({
  level: InheritedLevelSchema,
  /** Competencies first required at the next level. */
  added: z.array(ExpectationSchema),
  /** Competencies whose expectation text changes. */
  changed: z.array(ChangedExpectationSchema),
  unchanged: z.array(ExpectationSchema),
  /** Required now but blank at the next level (validation warns about this). */
  dropped: z.array(ExpectationSchema),
});
export type NextLevelChanges = z.infer<typeof NextLevelChangesSchema>;

export const InheritanceSchema = z
  .object({
    employee: z.object({ id: z.string(), name: z.string() }).nullable(),
    position: z.object({ id: z.string(), title: z.string() }),
    track: z.object({ id: z.string(), name: z.string() }),
    level: InheritedLevelSchema,
    expectations: z.array(ExpectationSchema),
    /** What changes at the level with the next Order; null at the top level. */
    next: NextLevelChangesSchema.nullable(),
  })
  .meta({ id: 'Inheritance' });
export type Inheritance = z.infer<typeof InheritanceSchema>;

export const INHERITANCE_REFUSALS = ['employee-unknown', 'position-unknown', 'position-not-linked', 'track-draft', 'level-unknown'] as const;

export const InheritanceRefusalSchema = z
  .object({ code: z.enum(INHERITANCE_REFUSALS), message: z.string() })
  .meta({ id: 'InheritanceRefusal' });
export type InheritanceRefusal = z.infer<typeof InheritanceRefusalSchema>;

export type InheritanceResult = { ok: true; inheritance: Inheritance } | { ok: false; reason: InheritanceRefusal };
