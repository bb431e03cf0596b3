import { createRoute, z } from '@hono/zod-openapi';
import { InheritanceSchema } from '../../shared/inheritance';
import { errorResponses } from '../errors';
import { FindingDocSchema } from '../openapi-schemas';
import { actorName } from '../services/auth';
import type { ServiceContext } from '../services/context';
import { replaceEmployees } from '../services/employees';
import { ServiceError } from '../services/errors';
import { employeeExpectations, positionExpectations } from '../services/inheritance';
import { guard } from './guard';
import { InheritanceErrorBodySchema, statusOf } from './paths';
import { Auth, Id, json } from './openapi-parts';
import { createRouter } from './router';

const Cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const base = '/v1/workbooks/{spreadsheetId}';

const putEmployees = createRoute({
  method: 'put', path: `${base}/employees`, tags: ['employees'], security: Auth,
  summary: "Replace the workbook's employees with its Employees tab",
  request: {
    params: z.object({ spreadsheetId: Id }),
    body: { required: true, content: { 'application/json': { schema: z.object({ values: z.array(z.array(Cell)).openapi({ description: 'The Employees tab as getValues() gives it, header row first.' }) }) } } },
  },
  responses: {
    200: json(z.object({ count: z.number().int(), findings: z.array(FindingDocSchema), totalFindings: z.number().int() }), 'Stored; warnings, if any, in findings (at most 1,000; totalFindings counts them all).'),
    ...errorResponses(400, 401, 403, 404, 422),
  },
});

const employeeRoute = createRoute({
  method: 'get', path: `${base}/employees/{employeeId}/expectations`, tags: ['inheritance'], security: Auth,
  summary: 'What an employee needs at their level now, and at the next level (published tracks only)',
  request: { params: z.object({ spreadsheetId: Id, employeeId: Id }) },
  responses: {
    200: json(InheritanceSchema, 'The expectations at the level and the changes at the next level.'),
    404: json(InheritanceErrorBodySchema, 'employee-unknown or position-unknown (positions of tracks never published are unknown here).'),
    422: json(InheritanceErrorBodySchema, 'position-not-linked or level-unknown.'),
    ...errorResponses(401, 403),
  },
});

const positionRoute = createRoute({
  method: 'get', path: `${base}/positions/{positionId}/expectations`, tags: ['inheritance'], security: Auth,
  summary: 'What every holder of a position inherits (published tracks only)',
  request: { params: z.object({ spreadsheetId: Id, positionId: Id }) },
  responses: {
    200: json(InheritanceSchema, 'The expectations at the level and the changes at the next level.'),
    404: json(InheritanceErrorBodySchema, 'position-unknown.'),
    422: json(InheritanceErrorBodySchema, 'position-not-linked or level-unknown.'),
    ...errorResponses(401, 403),
  },
});

/** Employees of a workbook and what they inherit (F4) from the published versions of its tracks. */
export function peopleRoutes({ services }: { services: ServiceContext }) {
  const allowed = guard(services);
  return createRouter()
    .openapi(putEmployees, async (c) => {
      const p = await allowed(c, 'learners.write');
      if (p.tracks !== null) throw new ServiceError('forbidden', "Only a token for every track may replace all of a workbook's employees.");
      const { spreadsheetId } = c.req.valid('param');
      return c.json(await replaceEmployees(services, { spreadsheetId, values: c.req.valid('json').values, actor: actorName(p) }), 200);
    })
    .openapi(employeeRoute, async (c) => {
      await allowed(c, 'learners.read');
      const { spreadsheetId, employeeId } = c.req.valid('param');
      const result = await employeeExpectations(services, spreadsheetId, employeeId);
      if (!result.ok) return statusOf(result.reason) === 404 ? c.json({ error: result.reason }, 404) : c.json({ error: result.reason }, 422);
      // A track owner sees only the people of their tracks.
      await allowed(c, 'learners.read', result.inheritance.track.id);
      return c.json(result.inheritance, 200);
    })
    .openapi(positionRoute, async (c) => {
      await allowed(c, 'workbook.read');
      const { spreadsheetId, positionId } = c.req.valid('param');
      const result = await positionExpectations(services, spreadsheetId, positionId);
      if (!result.ok) return statusOf(result.reason) === 404 ? c.json({ error: result.reason }, 404) : c.json({ error: result.reason }, 422);
      return c.json(result.inheritance, 200);
    });
}
