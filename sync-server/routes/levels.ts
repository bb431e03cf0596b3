import { createRoute, z } from '@hono/zod-openapi';
import { compareLevels, LevelComparisonSchema } from '../../shared/team';
import { errorResponses, HttpError } from '../errors';
import type { ServiceContext } from '../services/context';
import { publishedFramework } from '../services/published';
import { Id, json, requires } from './openapi-parts';
import { createRouter } from './router';

const Code = z.string().trim().min(1).max(200);

const compareRoute = createRoute({
  method: 'get', path: '/v1/workbooks/{spreadsheetId}/tracks/{trackId}/levels/compare', tags: ['inheritance'], ...requires('workbook.read'),
  summary: 'Two levels of a published track side by side: per competency, added, raised, unchanged or dropped',
  description: 'One row per competency expected at either level, in matrix order, with the expectation text of each side. An unknown track or level code is refused (404) with a message naming the valid codes.',
  request: {
    params: z.object({ spreadsheetId: Id, trackId: Id }),
    query: z.object({ from: Code.openapi({ example: 'IC2' }), to: Code.openapi({ example: 'IC3' }) }),
  },
  responses: { 200: json(LevelComparisonSchema, 'The comparison.'), ...errorResponses(400, 401, 403, 404) },
});

/** Compare any two levels of a track (published version). */
export function levelRoutes({ services }: { services: ServiceContext }) {
  return createRouter().openapi(compareRoute, async (c) => {
    const { spreadsheetId, trackId } = c.req.valid('param');
    const { from, to } = c.req.valid('query');
    // A track's levels and matrix as its own active version holds them.
    const framework = await publishedFramework(services, spreadsheetId);
    const result = compareLevels(framework.tracks.get(trackId) ?? framework.union, trackId, from, to);
    if (result.ok) return c.json(result.comparison, 200);
    const { code, message, valid } = result.error;
    if (code === 'unknown-track') {
      throw new HttpError(404, code, `Track "${trackId}" is not published on this server. Published tracks: ${valid.length > 0 ? valid.join(', ') : 'none yet'}.`);
    }
    throw new HttpError(404, code, message);
  });
}
