import { z } from '@hono/zod-openapi';
import { FindingSchema, WorkbookSnapshotSchema } from '../shared';

/**
 * zod copies methods onto each schema when it is built, so schemas made in shared/ before @hono/zod-openapi was
 * loaded have no .openapi(). A copy made here has it, and gives the document named components.
 */
function named<S extends z.ZodObject>(schema: S, name: string): S {
  return schema.extend({}).openapi(name) as unknown as S;
}

export const FindingDocSchema = named(FindingSchema, 'Finding');
export const WorkbookSnapshotDocSchema = named(WorkbookSnapshotSchema, 'WorkbookSnapshot');
export const FindingsAnswerSchema = z.object({
  findings: z.array(FindingDocSchema).openapi({ description: 'At most 1,000 findings (errors first, then in sheet, row, column order) and under 1 MB of JSON.' }),
  totalFindings: z.number().int().openapi({ description: 'Every finding, listed or not.' }),
}).openapi('ValidationResult');
