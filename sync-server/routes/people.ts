import { createRoute, z } from '@hono/zod-openapi';
import { InheritanceSchema, type InheritanceRefusal } from '../../shared/inheritance';
import { errorResponses } from '../errors';
import { FindingDocSchema } from '../openapi-schemas';
import { reachesTrack } from '../services/access';
import { actorName } from '../services/auth';
import type { ServiceContext } from '../services/context';
import { replaceEmployees } from '../services/employees';
import { employeeExpectations, positionExpectations } from '../services/inheritance';
import { principalOf } from './guard';
import { InheritanceErrorBodySchema, statusOf } from './paths';
import { Id, json, requires } from './openapi-parts';
import { createRouter } from './router';

const Cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const base = '/v1/workbooks/{spreadsheetId}';

/** The answer for an item on a track the token does not reach: the same as for an id that does not exist. */
const outOfReach = (code: InheritanceRefusal['code'], message: string): InheritanceRefusal => ({ code, message });

const putEmployees = createRoute({
  method: 'put', path: `${base}/employees`, tags: ['employees'], ...requires('learners.write', { everyTrack: true, body: 'snapshot' }),
  summary: "Replace the workbook's employees with its Employees tab",
  request: {
    params: z.object({ spreadsheetId: Id }),
    body: { required: true, content: { 'application/json': { schema: z.object({ values: z.array(z.array(Cell)).openapi({ description: 'The Employees tab as getValues() gives it, header row first.' }) }) } } },
  },
  responses: {
    200: json(z.object({ count: z.number().int(), findings: z.array(FindingDocSchema) }), 'Stored; warnings, if any, in findings.'),
    ...errorResponses(400, 401, 403, 404, 422),
  },
});

const employeeRoute = createRoute({
  method: 'get', path: `${base}/employees/{employeeId}/expectations`, tags: ['inheritance'], ...requires('learners.read'),
  summary: 'What an employee needs at their level now, and at the next level (published tracks only)',
  request: { params: z.object({ spreadsheetId: Id, employeeId: Id }) },
  responses: {
    200: json(InheritanceSchema, 'The expectations at the level and the changes at the next level.'),
    404: json(InheritanceErrorBodySchema, 'employee-unknown or position-unknown (positions of tracks never published, or of tracks this token does not reach, are unknown here).'),
    422: json(InheritanceErrorBodySchema, 'position-not-linked or level-unknown.'),
    ...errorResponses(401, 403),
  },
});

const positionRoute = createRoute({
  method: 'get', path: `${base}/positions/{positionId}/expectations`, tags: ['inheritance'], ...requires('workbook.read'),
  summary: 'What every holder of a position inherits (published tracks only)',
  request: { params: z.object({ spreadsheetId: Id, positionId: Id }) },
  responses: {
    200: json(InheritanceSchema, 'The expectations at the level and the changes at the next level.'),
    404: json(InheritanceErrorBodySchema, 'position-unknown (also for a position of a track this token does not reach).'),
    422: json(InheritanceErrorBodySchema, 'position-not-linked or level-unknown.'),
    ...errorResponses(401, 403),
  },
});

/** Employees of a workbook and what they inherit (F4) from the published versions of its tracks. */
export function peopleRoutes({ services }: { services: ServiceContext }) {
  return createRouter()
    .openapi(putEmployees, async (c) => {
      const p = principalOf(c);
      const { spreadsheetId } = c.req.valid('param');
      return c.json(await replaceEmployees(services, { spreadsheetId, values: c.req.valid('json').values, actor: actorName(p) }), 200);
    })
    .openapi(employeeRoute, async (c) => {
      const p = principalOf(c);
      const { spreadsheetId, employeeId } = c.req.valid('param');
      const result = await employeeExpectations(services, spreadsheetId, employeeId);
      // A track owner sees only the people of their tracks; the others are unknown to it, whatever the reason.
      if (p.tracks !== null && !(result.ok && reachesTrack(p, result.inheritance.track.id)))
        return c.json({ error: outOfReach('employee-unknown', `No employee ${employeeId} on the tracks this token reaches.`) }, 404);
      if (!result.ok) return statusOf(result.reason) === 404 ? c.json({ error: result.reason }, 404) : c.json({ error: result.reason }, 422);
      return c.json(result.inheritance, 200);
    })
    .openapi(positionRoute, async (c) => {
      const p = principalOf(c);
      const { spreadsheetId, positionId } = c.req.valid('param');
      const result = await positionExpectations(services, spreadsheetId, positionId);
      if (p.tracks !== null && !(result.ok && reachesTrack(p, result.inheritance.track.id)))
        return c.json({ error: outOfReach('position-unknown', `No position ${positionId} on the tracks this token reaches.`) }, 404);
      if (!result.ok) return statusOf(result.reason) === 404 ? c.json({ error: result.reason }, 404) : c.json({ error: result.reason }, 422);
      return c.json(result.inheritance, 200);
    });
}
