import { createRoute, z } from '@hono/zod-openapi';
import { parseWorkbook, type WorkbookSnapshot } from '../../shared';
import { analyzeTracks, TrackAnalysisSchema } from '../../shared/analysis';
import { InheritanceRefusalSchema, type InheritanceRefusal } from '../../shared/inheritance';
import { EmployeePathErrorSchema, orderTrackPath, PathErrorSchema, pathToLevel, TrackPathSchema, type EmployeePathError } from '../../shared/paths';
import { errorResponses } from '../errors';
import { WorkbookSnapshotDocSchema as Snapshot } from '../openapi-schemas';
import { anyone, body, json } from './openapi-parts';
import { createRouter } from './router';


const PathRequestSchema = z
  .object({
    snapshot: Snapshot,
    trackId: z.string().min(1).openapi({ example: 'CS' }),
    levelCode: z.string().min(1).optional().openapi({ description: 'Only the part of the path that leads to this level.', example: 'CS2' }),
  })
  .openapi('PathRequest');

const PathErrorBodySchema = z.object({ error: PathErrorSchema }).openapi('PathErrorBody');

const paths = createRoute({
  method: 'post',
  path: '/v1/paths',
  ...anyone('snapshot'),
  summary: 'Order the learning path of a track',
  description:
    'The shared foundation first, then the role branch; modules ordered by prerequisites and by the dependencies of the competencies ' +
    'they develop; ties broken by the level that first needs a module, then by module id. Each step says why it stands where it does ' +
    'and carries its gate. With levelCode, only the modules that level needs (and their prerequisites). A loop is refused (422) and ' +
    'names the validation finding that reports it.',
  tags: ['paths'],
  request: { body: body(PathRequestSchema) },
  responses: {
    200: json(TrackPathSchema, 'The ordered path.'),
    404: json(PathErrorBodySchema, 'unknown-track or unknown-level.'),
    422: json(PathErrorBodySchema, 'path-cycle: the modules cannot be ordered; findingCode names the validation finding.'),
    ...errorResponses(400, 413, 415, 500),
  },
});

const AnalyzeRequestSchema = z.object({ snapshot: Snapshot }).openapi('AnalyzeRequest');

const analyze = createRoute({
  method: 'post',
  path: '/v1/analyze',
  ...anyone('snapshot'),
  summary: 'Compare tracks: overlap, shared foundation candidates, over-segmentation',
  tags: ['paths'],
  request: { body: body(AnalyzeRequestSchema) },
  responses: { 200: json(TrackAnalysisSchema, 'The analysis.'), ...errorResponses(400, 413, 415, 500) },
});

export const InheritanceErrorBodySchema = z.object({ error: InheritanceRefusalSchema }).openapi('InheritanceErrorBody');
export const EmployeePathErrorBodySchema = z.object({ error: EmployeePathErrorSchema }).openapi('EmployeePathErrorBody');

const NOT_FOUND = new Set<string>(['unknown-track', 'unknown-level', 'employee-unknown', 'position-unknown']);
export const statusOf = (error: EmployeePathError | InheritanceRefusal) => (NOT_FOUND.has(error.code) ? 404 : 422);

const workbookOf = (snapshot: WorkbookSnapshot) => parseWorkbook(snapshot).workbook;

/**
 * Learning paths and track analysis over a snapshot sent in the request. What an employee or a position inherits
 * and an employee's next steps are answered from the published versions only (routes/people.ts).
 */
export function pathRoutes() {
  return createRouter()
    .openapi(paths, (c) => {
      const { snapshot, trackId, levelCode } = c.req.valid('json');
      const wb = workbookOf(snapshot);
      const result = levelCode === undefined ? orderTrackPath(wb, trackId) : pathToLevel(wb, trackId, levelCode);
      if (result.ok) return c.json(result.path, 200);
      return result.error.code === 'path-cycle' ? c.json({ error: result.error }, 422) : c.json({ error: result.error }, 404);
    })
    .openapi(analyze, (c) => c.json(analyzeTracks(workbookOf(c.req.valid('json').snapshot)), 200));
}
