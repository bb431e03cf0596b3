/**
 * Managers' teams and one person's view (F11) over what is stored: the published framework, the workbook's
 * employees and their learner records. A refresh computes every Team tab from all records; a request about one
 * team or one person reads only those people's records (by the records' primary key).
 */
import type { Workbook } from '../../shared/model';
import { renderTeamTabs } from '../../shared/reports/render-team';
import type { ReportTab } from '../../shared/reports/layout';
import { createTeamIndex, createTeamRecords, normalizeEmail, type TeamIndex, type TeamRecordsAccumulator } from '../../shared/team';
import { today, type ServiceContext } from './context';
import { publishedWorkbook } from './published';
import { ASSESSMENT_COLUMNS, assessmentOf, COMPLETION_COLUMNS, completionOf, forEachAssessment, forEachCompletion } from './records-read';

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

/**
 * The team index of a workbook. `pick` names the people whose records are read (a team, one person); without it
 * every record of the workbook is streamed.
 */
async function teamIndex(ctx: ServiceContext, spreadsheetId: string, pick?: (wb: Workbook) => string[]): Promise<TeamIndex> {
  const workbook = await publishedWorkbook(ctx, spreadsheetId);
  const members = pick?.(workbook);
  const acc = createTeamRecords(workbook, members ? { members: new Set(members) } : {});
  if (members) await readRecordsOf(ctx, spreadsheetId, members, acc);
  else {
    await forEachCompletion(ctx, spreadsheetId, (batch) => acc.addCompletions(batch));
    await forEachAssessment(ctx, spreadsheetId, (batch) => acc.addAssessments(batch));
  }
  return createTeamIndex(workbook, acc.finish(), { asOf: today(ctx), framework: 'published' });
}

/** Every manager's Team tab: a producer of the report refresh, beside the report tabs. */
export async function computeTeamTabs(ctx: ServiceContext, spreadsheetId: string): Promise<ReportTab[]> {
  return renderTeamTabs((await teamIndex(ctx, spreadsheetId)).teams());
}

/** The team index with the records of one manager's direct reports. */
export function teamIndexFor(ctx: ServiceContext, spreadsheetId: string, managerEmail: string): Promise<TeamIndex> {
  const email = normalizeEmail(managerEmail);
  return teamIndex(ctx, spreadsheetId, (wb) => wb.employees.filter((e) => normalizeEmail(e.managerEmail) === email).map((e) => e.id));
}

/** The team index with one person's records (the People panel). */
export function teamIndexForPerson(ctx: ServiceContext, spreadsheetId: string, employeeId: string): Promise<TeamIndex> {
  return teamIndex(ctx, spreadsheetId, () => [employeeId]);
}

/** The team index without records: enough to find people by name or id. */
export function peopleIndex(ctx: ServiceContext, spreadsheetId: string): Promise<TeamIndex> {
  return teamIndex(ctx, spreadsheetId, () => []);
}
