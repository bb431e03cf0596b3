import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { CellItemSchema, ProposalSchema, RowItemSchema } from '../../shared/ai/proposal';
import { buildTasks, type GenerationAsk } from '../ai/build';
import { requireConfigured, runGeneration } from '../ai/run';
import type { AiRuntime } from '../ai/runtime';
import { errorResponses } from '../errors';
import { WorkbookSnapshotDocSchema } from '../openapi-schemas';
import { actorName } from '../services/auth';
import type { ServiceContext } from '../services/context';
import { getWorkbook } from '../services/workbooks';
import { principalOf } from './guard';
import { Id, requires } from './openapi-parts';
import { createRouter, type AppEnv } from './router';

const Params = z.object({ spreadsheetId: Id, trackId: Id });
const ProposalDoc = ProposalSchema.extend({
  items: z.array(z.discriminatedUnion('kind', [
    CellItemSchema.extend({ basedOn: z.string().openapi({ description: "The cell's text when proposed; '' for a blank cell." }) }),
    RowItemSchema.extend({}),
  ])),
}).openapi('AiProposal');

const Snap = {
  snapshot: WorkbookSnapshotDocSchema,
  regenerate: z.boolean().optional().openapi({ description: 'Ask the model again even when an identical request was answered within the cache window.' }),
};
const BODIES = {
  competencies: z.object({ ...Snap, count: z.number().int().min(1).max(12).optional() }),
  levels: z.object(Snap),
  matrix: z.object({ ...Snap, cells: z.array(z.string().max(20)).max(5000).optional().openapi({ description: 'A1 cells of the matrix tab to (re)generate; default: every blank level cell.' }) }),
  rubric: z.object({ ...Snap, dimension: z.string().min(1).max(200), scores: z.array(z.number().int()).optional().openapi({ description: 'Scores to (re)generate; default: the blank ones.' }) }),
};

function route<K extends keyof typeof BODIES>(op: K, summary: string) {
  return createRoute({
    method: 'post', path: `/v1/workbooks/{spreadsheetId}/tracks/{trackId}/ai/${op}`, tags: ['ai'], ...requires('ai.run', { body: 'snapshot' }), summary,
    description: 'Answers a proposal; nothing is written. 503 ai-not-configured without OPENAI_API_KEY; 429 ai-daily-limit.',
    request: { params: Params, body: { required: true, content: { 'application/json': { schema: BODIES[op] } } } },
    responses: {
      200: { description: 'The proposal.', content: { 'application/json': { schema: ProposalDoc } } },
      ...errorResponses(400, 401, 403, 404, 413, 422, 429, 502, 503, 504),
    },
  });
}

/** F6: AI generation of competencies, levels, matrix cells and rubric descriptors, answered as proposals. */
export function aiRoutes({ services, ai }: { services: ServiceContext; ai: AiRuntime }) {
  const generate = async (c: Context<AppEnv>, spreadsheetId: string, trackId: string, snapshot: z.infer<typeof WorkbookSnapshotDocSchema>, ask: GenerationAsk, fresh = false) => {
    const p = principalOf(c);
    requireConfigured(ai);
    await getWorkbook(services, spreadsheetId);
    const { operation, tasks } = buildTasks(snapshot, trackId, ask);
    return runGeneration(services, ai, { spreadsheetId, trackId, operation, actor: actorName(p), tasks, fresh });
  };
  return createRouter()
    .openapi(route('competencies', 'Propose role-specific competencies for a track'), async (c) => {
      const { spreadsheetId, trackId } = c.req.valid('param');
      const { snapshot, count, regenerate } = c.req.valid('json');
      return c.json(await generate(c, spreadsheetId, trackId, snapshot, { operation: 'competencies', count }, regenerate), 200);
    })
    .openapi(route('levels', "Propose job levels for a track's type"), async (c) => {
      const { spreadsheetId, trackId } = c.req.valid('param');
      const { snapshot, regenerate } = c.req.valid('json');
      return c.json(await generate(c, spreadsheetId, trackId, snapshot, { operation: 'levels' }, regenerate), 200);
    })
    .openapi(route('matrix', 'Propose expectations for blank (or selected) matrix cells, one competency row at a time'), async (c) => {
      const { spreadsheetId, trackId } = c.req.valid('param');
      const { snapshot, cells, regenerate } = c.req.valid('json');
      return c.json(await generate(c, spreadsheetId, trackId, snapshot, { operation: 'matrix', cells }, regenerate), 200);
    })
    .openapi(route('rubric', 'Propose descriptors per score for a rubric dimension'), async (c) => {
      const { spreadsheetId, trackId } = c.req.valid('param');
      const { snapshot, dimension, scores, regenerate } = c.req.valid('json');
      return c.json(await generate(c, spreadsheetId, trackId, snapshot, { operation: 'rubric', dimension, scores }, regenerate), 200);
    });
}
