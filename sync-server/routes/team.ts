import { createRoute, z } from '@hono/zod-openapi';
import { PersonMatchSchema, PersonViewSchema, TeamSchema, type Team } from '../../shared/team';
import { errorResponses, HttpError } from '../errors';
import type { ServiceContext } from '../services/context';
import { ServiceError } from '../services/errors';
import { canSeePerson, canSeeTeam, teamRefusal } from '../services/team-access';
import { findPeopleIn, teamIndexFor, teamIndexForPerson } from '../services/team';
import { getWorkbook } from '../services/workbooks';
import { principalOf } from './guard';
import { Id, json, requires } from './openapi-parts';
import { createRouter } from './router';

const base = '/v1/workbooks/{spreadsheetId}';
const Email = z.string().trim().min(3).max(320).openapi({ example: 'helen.park@acmecloud.com' });

const teamRoute = createRoute({
  method: 'get', path: `${base}/managers/{email}/team`, tags: ['team'], ...requires('reports.read'),
  summary: "A manager's direct reports: level, gaps, what the next level adds or raises, modules still ahead",
  description:
    'The same content as the manager\'s Team tab, from the published tracks, the Employees tab and the learner records. ' +
    "A manager token reads its own team only; admins read every team; a track owner reads the reports on their tracks.",
  request: { params: z.object({ spreadsheetId: Id, email: Email }) },
  responses: { 200: json(TeamSchema, 'The team (reports: [] with a note when nobody reports to this manager).'), ...errorResponses(401, 403, 404) },
});

const findRoute = createRoute({
  method: 'get', path: `${base}/people`, tags: ['team'], ...requires('reports.read'),
  summary: 'Find employees by name or id (only the ones this token may see)',
  request: {
    params: z.object({ spreadsheetId: Id }),
    query: z.object({ q: z.string().trim().min(1).max(200), limit: z.coerce.number().int().min(1).max(50).default(20) }),
  },
  responses: { 200: json(z.object({ people: z.array(PersonMatchSchema) }), 'Matches, exact ids first, then by name.'), ...errorResponses(400, 401, 403, 404) },
});

const personRoute = createRoute({
  method: 'get', path: `${base}/people/{employeeId}`, tags: ['team'], ...requires('reports.read'),
  summary: "One person's view: what their level expects (met or not), the next level, their path to it with progress",
  request: { params: z.object({ spreadsheetId: Id, employeeId: Id }) },
  responses: { 200: json(PersonViewSchema, "The person, their manager's Team tab and their track's levels."), ...errorResponses(401, 403, 404) },
});

/**
 * A team cut down to the reports an owner's tracks cover, saying how many were left out. The manager is named only
 * when the token sees one of their reports or the manager is on its tracks: an email must not reveal a person.
 */
function within(team: Team, tracks: readonly string[], managerTrack: string | null): Team {
  const reports = team.reports.filter((r) => r.track !== null && tracks.includes(r.track.id));
  const hidden = team.reports.length - reports.length;
  if (hidden === 0) return team;
  const named = reports.length > 0 || (managerTrack !== null && tracks.includes(managerTrack));
  const manager = named ? team.manager : { email: team.manager.email, name: null, employeeId: null };
  return { ...team, manager, tabTitle: named ? team.tabTitle : null, reports, note: `${hidden} direct report${hidden === 1 ? ' is' : 's are'} not on this token's tracks (${tracks.join(', ')}) and not shown.` };
}

/** Managers' teams and one person's view, over HTTP. */
export function teamRoutes({ services }: { services: ServiceContext }) {
  return createRouter()
    .openapi(teamRoute, async (c) => {
      const p = principalOf(c);
      const { spreadsheetId, email } = c.req.valid('param');
      await getWorkbook(services, spreadsheetId);
      const scope = canSeeTeam(p, spreadsheetId, email);
      if (scope === null) throw new ServiceError('forbidden', teamRefusal(p, spreadsheetId, email));
      const index = await teamIndexFor(services, spreadsheetId, email);
      const team = index.teamOf(email);
      if ('all' in scope) return c.json(team, 200);
      const managerTrack = team.manager.employeeId === null ? null : index.member(team.manager.employeeId)?.track?.id ?? null;
      return c.json(within(team, scope.tracks, managerTrack), 200);
    })
    .openapi(findRoute, async (c) => {
      const p = principalOf(c);
      const { spreadsheetId } = c.req.valid('param');
      const { q, limit } = c.req.valid('query');
      await getWorkbook(services, spreadsheetId);
      const people = await findPeopleIn(services, spreadsheetId, q, limit, (m) => canSeePerson(p, spreadsheetId, m));
      return c.json({ people }, 200);
    })
    .openapi(personRoute, async (c) => {
      const p = principalOf(c);
      const { spreadsheetId, employeeId } = c.req.valid('param');
      await getWorkbook(services, spreadsheetId);
      const index = await teamIndexForPerson(services, spreadsheetId, employeeId);
      const person = index.member(employeeId);
      // Someone this token may not see answers exactly like an id that does not exist (docs/security.md): a 403
      // would tell that the id exists, and whose report they are.
      if (!person || !canSeePerson(p, spreadsheetId, { trackId: person.track?.id ?? null, managerEmail: person.managerEmail })) {
        throw new HttpError(404, 'unknown-employee', `There is no employee "${employeeId}" in this workbook's Employees tab that this token may see.`);
      }
      return c.json({ person, teamTab: index.tabTitle(person.managerEmail), levels: person.track ? index.levelsOf(person.track.id) : [] }, 200);
    });
}
