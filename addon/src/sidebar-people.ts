/**
 * The People panel: find an employee, see their view (what their level expects and what is met, the next level,
 * their path to it with progress, their gaps), compare two levels of a track, and select their row in their
 * manager's Team tab. The server decides who may see whom (an owner's token sees only employees on their tracks).
 */
import { z } from 'zod';
import { cellText } from '../../shared/cells';
import { LevelComparisonSchema, PersonMatchSchema, PersonViewSchema, TEAM_ID_HEADER, TEAM_TAB_KEY, normalizeEmail, type LevelComparison, type PersonMatch, type PersonView } from '../../shared/team';
import { SidebarFailure } from './results';
import { callServer } from './server-client';
import { loadConnection } from './settings';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const workbookPath = (ss: Spreadsheet) => `/v1/workbooks/${encodeURIComponent(ss.getId())}`;

export function findPeopleIn(ss: Spreadsheet, query: string): PersonMatch[] {
  const path = `${workbookPath(ss)}/people?q=${encodeURIComponent(query)}&limit=20`;
  return callServer(loadConnection(), { method: 'get', path, answer: z.object({ people: z.array(PersonMatchSchema) }) }).value.people;
}

export function personIn(ss: Spreadsheet, employeeId: string): PersonView {
  const path = `${workbookPath(ss)}/people/${encodeURIComponent(employeeId)}`;
  return callServer(loadConnection(), { method: 'get', path, answer: PersonViewSchema }).value;
}

export function compareIn(ss: Spreadsheet, trackId: string, from: string, to: string): LevelComparison {
  const path = `${workbookPath(ss)}/tracks/${encodeURIComponent(trackId)}/levels/compare?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  return callServer(loadConnection(), { method: 'get', path, answer: LevelComparisonSchema }).value;
}

/** The manager's Team tab: the tab Rungs marked with their email (whatever it is called now), else the tab named so. */
function teamTab(ss: Spreadsheet, managerEmail: string, title: string | null): Sheet | null {
  const email = normalizeEmail(managerEmail);
  for (const sheet of ss.getSheets()) {
    if (sheet.getDeveloperMetadata().some((m) => m.getKey() === TEAM_TAB_KEY && normalizeEmail(m.getValue() ?? '') === email)) return sheet;
  }
  return title ? ss.getSheetByName(title) : null;
}

/** Activates the manager's Team tab and selects the employee's row: found by their id in column A, below the table's header. */
export function selectTeamRowIn(ss: Spreadsheet, input: { employeeId: string; managerEmail: string; teamTab: string | null }): { sheet: string; row: number } {
  if (normalizeEmail(input.managerEmail) === '') {
    throw new SidebarFailure({ code: 'bad-input', message: 'This employee has no manager in the Employees tab, so they are on no Team tab.' });
  }
  const sheet = teamTab(ss, input.managerEmail, input.teamTab);
  if (!sheet) {
    throw new SidebarFailure({ code: 'bad-input', message: `There is no Team tab for ${input.managerEmail} in this spreadsheet yet. Refresh the reports (Reports panel), then try again.` });
  }
  const last = sheet.getLastRow();
  const ids = last > 0 ? sheet.getRange(1, 1, last, 1).getValues().map((r) => cellText(r[0])) : [];
  const header = ids.indexOf(TEAM_ID_HEADER);
  const end = header < 0 ? -1 : ids.indexOf('', header + 1);
  const at = header < 0 ? -1 : ids.slice(0, end < 0 ? ids.length : end).indexOf(input.employeeId, header + 1);
  if (at < 0) {
    throw new SidebarFailure({ code: 'bad-input', message: `${input.employeeId} is not on the tab "${sheet.getName()}" yet. Refresh the reports (Reports panel), then try again.` });
  }
  sheet.activate();
  sheet.getRange(at + 1, 1, 1, Math.max(1, sheet.getLastColumn())).activate();
  return { sheet: sheet.getName(), row: at + 1 };
}
