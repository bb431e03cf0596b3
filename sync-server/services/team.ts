/**
 * Managers' teams and one person's view over what is stored: the published framework, the workbook's employees and
 * their learner records. A refresh computes every Team tab from the records the reports read; a request about one
 * team or one person reads only those people's records (by the records' primary key).
 */
import type { Workbook } from '../../shared/model';
import { renderTeamTabs } from '../../shared/reports/render-team';
import { createPlacementIndex } from '../../shared/inheritance/placement';
import { createTeamIndex, createTeamRecords, findPeople, normalizeEmail, type PersonMatch, type TeamIndex, type TeamRecordsAccumulator } from '../../shared/team';
import { today, type ServiceContext } from './context';
import { publishedFramework, publishedWorkbook } from './published';
import type { TabProducer } from '../reports/tab-producers';
import { ASSESSMENT_COLUMNS, assessmentOf, COMPLETION_COLUMNS, completionOf } from './records-read';

/** Ids per query when reading some people's records: far below both engines' bind-parameter limits. */
const IDS_PER_QUERY = 500;

async function readRecordsOf(ctx: ServiceContext, spreadsheetId: string, employeeIds: readonly string[], acc: TeamRecordsAccumulator): Promise<void> {
  for (let i = 0; i < employeeIds.length; i += IDS_PER_QUERY) {
    const ids = employeeIds.slice(i, i + IDS_PER_QUERY);
    const completions = await ctx.store.db.selectFrom('learner_completions').select(COMPLETION_COLUMNS)
      .where('workbook_id', '=', spreadsheetId).where('employee_id', 'in', ids).execute();
    acc.addCompletions(completions.map(completionOf));
    const assessments = await ctx.store.db.selectFrom('learner_assessments').select(ASSESSMENT_COLUMNS)
      .where('workbook_id', '=', spreadsheetId).where('employee_id', 'in', ids).execute();
    acc.addAssessments(assessments.map(assessmentOf));
  }
}

/** The team index of a workbook with the records of the people `pick` names (a team, one person). */
async function teamIndex(ctx: ServiceContext, spreadsheetId: string, pick: (wb: Workbook) => string[]): Promise<TeamIndex> {
  const { union: workbook, tracks: own } = await publishedFramework(ctx, spreadsheetId);
  const members = pick(workbook);
  const acc = createTeamRecords(workbook, { members: new Set(members), own });
  await readRecordsOf(ctx, spreadsheetId, members, acc);
  return createTeamIndex(workbook, acc.finish(), { asOf: today(ctx), framework: 'published', own });
}

/**
 * Every manager's Team tab, beside the report tabs of a refresh: fed the record batches the reports read (one read
 * of the records for both), rendered after the last batch. Paths come from each track's own published version.
 */
export const teamTabProducer: TabProducer = {
  name: 'Team tabs',
  start(_ctx, framework, { today: asOf }) {
    const records = createTeamRecords(framework.union, { own: framework.tracks });
    return {
      addCompletions: (batch) => records.addCompletions(batch),
      addAssessments: (batch) => records.addAssessments(batch),
      finish: () => renderTeamTabs(createTeamIndex(framework.union, records.finish(), { asOf, framework: 'published', own: framework.tracks }).teams()),
    };
  },
};

/** The team index with the records of one manager's direct reports. */
export function teamIndexFor(ctx: ServiceContext, spreadsheetId: string, managerEmail: string): Promise<TeamIndex> {
  const email = normalizeEmail(managerEmail);
  return teamIndex(ctx, spreadsheetId, (wb) => wb.employees.filter((e) => normalizeEmail(e.managerEmail) === email).map((e) => e.id));
}

/** The team index with one person's records (the People panel). */
export function teamIndexForPerson(ctx: ServiceContext, spreadsheetId: string, employeeId: string): Promise<TeamIndex> {
  return teamIndex(ctx, spreadsheetId, () => [employeeId]);
}

/** People whose name or id contains the text, among those `visible` lets through (no records needed). */
export async function findPeopleIn(ctx: ServiceContext, spreadsheetId: string, text: string, limit: number, visible: (match: PersonMatch) => boolean): Promise<PersonMatch[]> {
  return findPeople(createPlacementIndex(await publishedWorkbook(ctx, spreadsheetId)), text, limit, visible);
}
