import { createRoute, z } from '@hono/zod-openapi';
import { EMPLOYEES_TAB, parseWorkbook, type Employee, type WorkbookSnapshot } from '../../shared';
import { findSheet } from '../../shared/parse/workbook';
import { InheritanceSchema, type InheritanceRefusal, type InheritanceResult } from '../../shared/inheritance';
import { EmployeeNextStepsSchema, type EmployeePathError } from '../../shared/paths';
import { errorResponses } from '../errors';
import { FindingDocSchema, WorkbookSnapshotDocSchema as Snapshot } from '../openapi-schemas';
import { authorize, authorizeWorkbook, reachesTrack, type Principal } from '../services/access';
import { actorName } from '../services/auth';
import type { ServiceContext } from '../services/context';
import { replaceEmployees } from '../services/employees';
import { employeeExpectations, employeeNextSteps, positionExpectations } from '../services/inheritance';
import { principalOf } from './guard';
import { EmployeePathErrorBodySchema, InheritanceErrorBodySchema, statusOf } from './paths';
import { body, Id, json, requires } from './openapi-parts';
import { createRouter } from './router';

const Cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const base = '/v1/workbooks/{spreadsheetId}';
const PUBLISHED_ONLY = 'Answered from the published versions on this server only (each track from its own active version); '
  + 'a track counts as Active when it is published here, whatever a Status column says.';

const putEmployees = createRoute({
  method: 'put', path: `${base}/employees`, tags: ['employees'], ...requires('learners.write', { everyTrack: true, body: 'snapshot' }),
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

const employeePathRoute = createRoute({
  method: 'get', path: `${base}/employees/{employeeId}/path`, tags: ['inheritance'], ...requires('learners.read'),
  summary: "An employee's remaining path to their next level (published tracks only)",
  description: `${PUBLISHED_ONLY} The stored employees say who holds which position.`,
  request: {
    params: z.object({ spreadsheetId: Id, employeeId: Id }),
    query: z.object({ completed: z.string().max(100_000).optional().openapi({ description: 'Module ids the employee has completed, separated by commas.' }) }),
  },
  responses: {
    200: json(EmployeeNextStepsSchema, 'The remaining steps (none at the top level; the message says so).'),
    404: json(EmployeePathErrorBodySchema, 'employee-unknown or position-unknown.'),
    422: json(EmployeePathErrorBodySchema, 'position-not-linked, level-unknown or path-cycle.'),
    ...errorResponses(400, 401, 403),
  },
});

const EmployeePathRequestSchema = z
  .object({
    snapshot: Snapshot,
    employeeId: z.string().min(1),
    completedModuleIds: z.array(z.string()).default([]).openapi({ description: 'Modules the employee has completed.' }),
  })
  .openapi('EmployeePathRequest');

const snapshotEmployeePath = createRoute({
  method: 'post', path: '/v1/paths/employee', tags: ['paths'], ...requires('learners.read', { body: 'snapshot' }),
  summary: "An employee's remaining path to their next level",
  description: `Employee -> position -> (Active track, level); the modules not yet completed on the path to the level with the next Order. ${PUBLISHED_ONLY} `
    + 'The snapshot names the workbook (its spreadsheetId) and may list the employee in its Employees tab; its other tabs are not read. '
    + 'Same answer as GET /v1/workbooks/{spreadsheetId}/employees/{employeeId}/path.',
  request: { body: body(EmployeePathRequestSchema) },
  responses: {
    200: json(EmployeeNextStepsSchema, 'The remaining steps (none at the top level; the message says so).'),
    404: json(EmployeePathErrorBodySchema, 'employee-unknown or position-unknown (also for tracks never published here).'),
    422: json(EmployeePathErrorBodySchema, 'position-not-linked, level-unknown or path-cycle.'),
    ...errorResponses(400, 401, 403, 413, 415),
  },
});

const InheritanceRequestSchema = z
  .object({
    snapshot: Snapshot,
    employeeId: z.string().min(1).optional(),
    positionId: z.string().min(1).optional(),
  })
  .refine((b) => (b.employeeId === undefined) !== (b.positionId === undefined), { message: 'Pass either employeeId or positionId (exactly one).' })
  .openapi('InheritanceRequest');

const snapshotInheritance = createRoute({
  method: 'post', path: '/v1/inheritance', tags: ['inheritance'], ...requires('workbook.read', { body: 'snapshot' }),
  summary: 'What an employee or position inherits at its level, and what changes at the next one',
  description: `Only through a position linked to a level of a published track; otherwise the refusal says why in plain words. ${PUBLISHED_ONLY} `
    + 'The snapshot names the workbook (its spreadsheetId) and may list the employee in its Employees tab; its other tabs are not read. '
    + 'With employeeId, only admin and owner tokens (as for W/employees/{id}/expectations); with positionId, every role.',
  request: { body: body(InheritanceRequestSchema) },
  responses: {
    200: json(InheritanceSchema, 'The expectations at the level and the changes at the next level.'),
    404: json(InheritanceErrorBodySchema, 'employee-unknown or position-unknown (also for tracks never published here).'),
    422: json(InheritanceErrorBodySchema, 'position-not-linked or level-unknown.'),
    ...errorResponses(400, 401, 403, 413, 415),
  },
});

/** The employees a snapshot's Employees tab lists (its only tab these routes read). */
function employeesOf(snapshot: WorkbookSnapshot): Employee[] {
  const tab = findSheet(snapshot, EMPLOYEES_TAB.name);
  return tab ? parseWorkbook({ spreadsheetId: snapshot.spreadsheetId, sheets: [tab] }).workbook.employees : [];
}

/** The answer for an item on a track the token does not reach: the same as for an id that does not exist. */
const outOfReach = (code: InheritanceRefusal['code'], message: string): InheritanceRefusal => ({ code, message });
/** A track owner sees only the people and positions of their tracks; the others are unknown to it, whatever the reason. */
const hidden = (p: Principal, trackId: string | undefined) => p.tracks !== null && (trackId === undefined || !reachesTrack(p, trackId));
const employeeUnknown = (id: string) => outOfReach('employee-unknown', `No employee ${id} on the tracks this token reaches.`);
const positionUnknown = (id: string) => outOfReach('position-unknown', `No position ${id} on the tracks this token reaches.`);

/** Employees of a workbook and what they inherit and have left to learn, from the published versions of its tracks. */
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
      if (hidden(p, result.ok ? result.inheritance.track.id : undefined)) return c.json({ error: employeeUnknown(employeeId) }, 404);
      if (!result.ok) return statusOf(result.reason) === 404 ? c.json({ error: result.reason }, 404) : c.json({ error: result.reason }, 422);
      return c.json(result.inheritance, 200);
    })
    .openapi(positionRoute, async (c) => {
      const p = principalOf(c);
      const { spreadsheetId, positionId } = c.req.valid('param');
      const result = await positionExpectations(services, spreadsheetId, positionId);
      if (hidden(p, result.ok ? result.inheritance.track.id : undefined)) return c.json({ error: positionUnknown(positionId) }, 404);
      if (!result.ok) return statusOf(result.reason) === 404 ? c.json({ error: result.reason }, 404) : c.json({ error: result.reason }, 422);
      return c.json(result.inheritance, 200);
    })
    .openapi(employeePathRoute, async (c) => {
      const p = principalOf(c);
      const { spreadsheetId, employeeId } = c.req.valid('param');
      const completed = (c.req.valid('query').completed ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
      const result = await employeeNextSteps(services, spreadsheetId, employeeId, completed);
      if (hidden(p, result.ok ? result.next.trackId : undefined)) return c.json({ error: employeeUnknown(employeeId) }, 404);
      if (!result.ok) return statusOf(result.error) === 404 ? c.json({ error: result.error }, 404) : c.json({ error: result.error }, 422);
      return c.json(result.next, 200);
    })
    .openapi(snapshotEmployeePath, async (c) => {
      const p = principalOf(c);
      const { snapshot, employeeId, completedModuleIds } = c.req.valid('json');
      // The snapshot names the workbook: the token must reach it, as for a workbook in the URL.
      authorizeWorkbook(p, snapshot.spreadsheetId);
      const result = await employeeNextSteps(services, snapshot.spreadsheetId, employeeId, completedModuleIds, employeesOf(snapshot));
      if (hidden(p, result.ok ? result.next.trackId : undefined)) return c.json({ error: employeeUnknown(employeeId) }, 404);
      if (!result.ok) return statusOf(result.error) === 404 ? c.json({ error: result.error }, 404) : c.json({ error: result.error }, 422);
      return c.json(result.next, 200);
    })
    .openapi(snapshotInheritance, async (c) => {
      const p = principalOf(c);
      const { snapshot, employeeId, positionId } = c.req.valid('json');
      authorizeWorkbook(p, snapshot.spreadsheetId);
      // An employee is what W/employees/{id}/expectations answers: the same roles (a position is workbook.read).
      if (employeeId !== undefined) authorize(p, 'learners.read');
      const result = employeeId !== undefined
        ? await employeeExpectations(services, snapshot.spreadsheetId, employeeId, employeesOf(snapshot))
        : await positionExpectations(services, snapshot.spreadsheetId, positionId!);
      if (hidden(p, result.ok ? result.inheritance.track.id : undefined))
        return c.json({ error: employeeId !== undefined ? employeeUnknown(employeeId) : positionUnknown(positionId!) }, 404);
      if (!result.ok) return statusOf(result.reason) === 404 ? c.json({ error: result.reason }, 404) : c.json({ error: result.reason }, 422);
      return c.json(result.inheritance, 200);
    });
}
