import { createRoute, z } from '@hono/zod-openapi';
import { parseWorkbook, type WorkbookSnapshot } from '../../shared';
import { analyzeTracks, TrackAnalysisSchema } from '../../shared/analysis';
import {
  createInheritanceIndex, expectationsForEmployee, expectationsForPosition, InheritanceRefusalSchema, InheritanceSchema, type InheritanceRefusal,
} from '../../shared/inheritance';
import {
  EmployeeNextStepsSchema, EmployeePathErrorSchema, orderTrackPath, PathErrorSchema, pathToLevel, remainingPathForEmployee, TrackPathSchema,
  type EmployeePathError,
} from '../../shared/paths';
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

const EmployeePathRequestSchema = z
  .object({
    snapshot: Snapshot,
    employeeId: z.string().min(1),
    completedModuleIds: z.array(z.string()).default([]).openapi({ description: 'Modules the employee has completed.' }),
  })
  .openapi('EmployeePathRequest');

const EmployeePathErrorBodySchema = z.object({ error: EmployeePathErrorSchema }).openapi('EmployeePathErrorBody');

const employeePath = createRoute({
  method: 'post',
  path: '/v1/paths/employee',
  ...anyone('snapshot'),
  summary: "An employee's remaining path to their next level",
  description: 'Employee -> position -> (Active track, level); the modules not yet completed on the path to the level with the next Order.',
  tags: ['paths'],
  request: { body: body(EmployeePathRequestSchema) },
  responses: {
    200: json(EmployeeNextStepsSchema, 'The remaining steps (none at the top level; the message says so).'),
    404: json(EmployeePathErrorBodySchema, 'employee-unknown or position-unknown.'),
    422: json(EmployeePathErrorBodySchema, 'track-draft, position-not-linked, level-unknown or path-cycle.'),
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

const InheritanceRequestSchema = z
  .object({
    snapshot: Snapshot,
    employeeId: z.string().min(1).optional(),
    positionId: z.string().min(1).optional(),
  })
  .refine((b) => (b.employeeId === undefined) !== (b.positionId === undefined), { message: 'Pass either employeeId or positionId (exactly one).' })
  .openapi('InheritanceRequest');

export const InheritanceErrorBodySchema = z.object({ error: InheritanceRefusalSchema }).openapi('InheritanceErrorBody');

const inheritance = createRoute({
  method: 'post',
  path: '/v1/inheritance',
  ...anyone('snapshot'),
  summary: 'What an employee or position inherits at its level, and what changes at the next one',
  description: 'Only through a position linked to a level of an Active track; otherwise the refusal says why in plain words.',
  tags: ['paths'],
  request: { body: body(InheritanceRequestSchema) },
  responses: {
    200: json(InheritanceSchema, 'The expectations at the level and the changes at the next level.'),
    404: json(InheritanceErrorBodySchema, 'employee-unknown or position-unknown.'),
    422: json(InheritanceErrorBodySchema, 'track-draft, position-not-linked or level-unknown.'),
    ...errorResponses(400, 413, 415, 500),
  },
});

const NOT_FOUND = new Set<string>(['unknown-track', 'unknown-level', 'employee-unknown', 'position-unknown']);
export const statusOf = (error: EmployeePathError | InheritanceRefusal) => (NOT_FOUND.has(error.code) ? 404 : 422);

const workbookOf = (snapshot: WorkbookSnapshot) => parseWorkbook(snapshot).workbook;

/** Learning paths, track analysis and inheritance over a snapshot sent in the request. */
export function pathRoutes() {
  return createRouter()
    .openapi(paths, (c) => {
      const { snapshot, trackId, levelCode } = c.req.valid('json');
      const wb = workbookOf(snapshot);
      const result = levelCode === undefined ? orderTrackPath(wb, trackId) : pathToLevel(wb, trackId, levelCode);
      if (result.ok) return c.json(result.path, 200);
      return result.error.code === 'path-cycle' ? c.json({ error: result.error }, 422) : c.json({ error: result.error }, 404);
    })
    .openapi(employeePath, (c) => {
      const { snapshot, employeeId, completedModuleIds } = c.req.valid('json');
      const result = remainingPathForEmployee(workbookOf(snapshot), employeeId, completedModuleIds);
      if (result.ok) return c.json(result.next, 200);
      return statusOf(result.error) === 404 ? c.json({ error: result.error }, 404) : c.json({ error: result.error }, 422);
    })
    .openapi(analyze, (c) => c.json(analyzeTracks(workbookOf(c.req.valid('json').snapshot)), 200))
    .openapi(inheritance, (c) => {
      const { snapshot, employeeId, positionId } = c.req.valid('json');
      const wb = workbookOf(snapshot);
      const index = createInheritanceIndex(wb);
      const result = employeeId !== undefined ? expectationsForEmployee(wb, employeeId, index) : expectationsForPosition(wb, positionId!, index);
      if (result.ok) return c.json(result.inheritance, 200);
      return statusOf(result.reason) === 404 ? c.json({ error: result.reason }, 404) : c.json({ error: result.reason }, 422);
    });
}
