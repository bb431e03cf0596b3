import { createRoute, z } from '@hono/zod-openapi';
import { ReportTabSchema } from '../../shared/reports/layout-schema';
import { errorResponses } from '../errors';
import { can } from '../services/access';
import type { ServiceContext } from '../services/context';
import { lastReportTabs, refreshState, requestRefresh } from '../services/report-refresh';
import { getWorkbook } from '../services/workbooks';
import { reportTrackId } from '../reports/tab-names';
import { canSeeTeamTab } from '../services/team-access';
import { TEAM_TAB_KEY } from '../../shared/team/tab-title';
import { principalOf } from './guard';
import { Id, json, requires } from './openapi-parts';
import { createRouter } from './router';

const Params = z.object({ spreadsheetId: Id });
const base = '/v1/workbooks/{spreadsheetId}/reports';

const RefreshAnswer = z.object({
  jobId: z.string(), requestedAt: z.string(),
  coalesced: z.boolean().openapi({ description: 'A queued refresh that had not started yet serves this request too.' }),
}).openapi('RefreshRequested');

const ReportTabDoc = ReportTabSchema.extend({}).openapi('ReportTab');

const StateDoc = z.object({
  spreadsheetId: z.string(), requestedAt: z.string().nullable(), running: z.boolean(),
  lastStartedAt: z.string().nullable(), lastFinishedAt: z.string().nullable(),
  lastOutcome: z.enum(['pushed', 'computed', 'failed']).nullable().openapi({ description: 'pushed = written to Google Sheets; computed = rendered only (Sheets not configured or unreachable); failed.' }),
  lastError: z.string().nullable(),
  summary: z.record(z.string(), z.number()).nullable(),
}).openapi('ReportRefreshState');

const refreshRoute = createRoute({
  method: 'post', path: `${base}/refresh`, tags: ['reports'], ...requires('reports.read'),
  summary: "Refresh the workbook's report tabs now (through the job queue)",
  request: { params: Params },
  responses: { 202: json(RefreshAnswer, 'Queued.'), ...errorResponses(401, 403, 404) },
});

const getRoute = createRoute({
  method: 'get', path: base, tags: ['reports'], ...requires('reports.read'),
  summary: 'The last refresh and the report tabs it rendered (the ones this token may read)',
  description: "The add-on's hourly fallback writes these tabs itself when the server cannot reach Google.",
  request: { params: Params },
  responses: { 200: json(z.object({ state: StateDoc, tabs: z.array(ReportTabDoc) }), 'State and tabs ([] before the first refresh).'), ...errorResponses(401, 403, 404) },
});

/** F8: report refreshes on request, and the last rendered reports. */
export function reportRoutes({ services }: { services: ServiceContext }) {
  return createRouter()
    .openapi(refreshRoute, async (c) => {
      const { spreadsheetId } = c.req.valid('param');
      await getWorkbook(services, spreadsheetId);
      const r = await requestRefresh(services, spreadsheetId);
      return c.json({ jobId: String(r.jobId), requestedAt: r.requestedAt, coalesced: r.coalesced }, 202);
    })
    .openapi(getRoute, async (c) => {
      const p = principalOf(c);
      const { spreadsheetId } = c.req.valid('param');
      await getWorkbook(services, spreadsheetId);
      const tabs = (await lastReportTabs(services, spreadsheetId)) ?? [];
      // A track owner reads their tracks' tabs; the overview compares every track, so it goes to unscoped tokens only.
      const visible = tabs.filter((t) => {
        const manager = t.metadata?.[TEAM_TAB_KEY];
        if (manager !== undefined) return canSeeTeamTab(p, spreadsheetId, manager);
        const trackId = reportTrackId(t.title);
        return trackId === null ? p.tracks === null : can(p, 'reports.read', trackId);
      });
      return c.json({ state: await refreshState(services, spreadsheetId), tabs: visible }, 200);
    });
}
