import { z } from 'zod';

/** The structured outputs asked of the model. Fields that may be absent are `.nullable()`, never `.optional()`. */

export const COMPETENCY_ID = /^[A-Z][A-Z0-9]{0,9}(-[A-Z0-9]{1,10})?$/;
export const LEVEL_CODE = /^[A-Z][A-Z0-9]{0,9}$/;
const Text = (max: number) => z.string().trim().min(1).max(max);

export const CompetenciesOutputSchema = z.object({
  competencies: z.array(z.object({
    id: z.string().regex(COMPETENCY_ID),
    name: z.string().trim().min(3).max(80),
    description: z.string().max(400).nullable(),
    dependsOn: z.array(z.string().regex(COMPETENCY_ID)),
  })).min(1).max(12),
});
export type CompetenciesOutput = z.infer<typeof CompetenciesOutputSchema>;

export const LevelsOutputSchema = z.object({
  levels: z.array(z.object({
    code: z.string().regex(LEVEL_CODE),
    name: z.string().trim().min(2).max(80),
    description: z.string().max(400).nullable(),
  })).min(2).max(10),
});
export type LevelsOutput = z.infer<typeof LevelsOutputSchema>;

/** One matrix row: exactly the level codes asked for, as keys in level order. */
export function matrixRowSchema(levelCodes: readonly string[]) {
  const shape: Record<string, z.ZodString> = {};
  for (const code of levelCodes) shape[code] = Text(300);
  return z.object({ expectations: z.strictObject(shape) });
}
export type MatrixRowOutput = { expectations: Record<string, string> };

/** One rubric dimension: a descriptor for exactly each score of the scale, keyed by the score. */
export function rubricSchema(scores: readonly number[]) {
  const shape: Record<string, z.ZodString> = {};
  for (const s of scores) shape[String(s)] = Text(300);
  return z.object({ descriptors: z.strictObject(shape) });
}
export type RubricOutput = { descriptors: Record<string, string> };
