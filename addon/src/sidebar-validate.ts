/** Validate from the sidebar: the shared validation, findings grouped by tab in tab order, cells marked. */
import { countBySeverity, sortFindings, type Finding } from '../../shared/findings';
import { parseA1 } from '../../shared/cells';
import { validateSnapshot } from '../../shared/validate/index';
import { withDocumentLock } from './lock';
import { markFindings } from './marks';
import { SidebarFailure } from './results';
import { readWorkbook, todayIn } from './snapshot';
import type { FindingGroup, ValidationView } from './sidebar-api';
import { activeSpreadsheet } from './validate';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const plain = ({ sheet, cell, severity, code, message }: Finding): Finding => ({ sheet, cell, severity, code, message });

export function validateIn(ss: Spreadsheet): ValidationView {
  const timeZone = ss.getSpreadsheetTimeZone();
  const { snapshot, tabs, sheets } = readWorkbook(ss, timeZone);
  return showFindings(validateSnapshot(snapshot, { today: todayIn(timeZone) }), tabs, sheets);
}

/**
 * Findings named as a snapshot names tabs (validation's, or the server's for a draft), shown as the sidebar shows
 * them: tabs named as the person sees them, cells marked (the previous marks cleared), grouped by tab in tab order.
 */
export function showFindings(raw: readonly Finding[], tabs: ReadonlyMap<string, Sheet>, sheets: readonly Sheet[]): ValidationView {
  // The sidebar names tabs as the person sees them: a renamed fixed tab by its current name.
  const realName = new Map<string, string>();
  for (const [name, sheet] of tabs) realName.set(name, name === sheet.getName() ? name : sheet.getName());
  const findings = sortFindings(raw.map((f) => plain({ ...f, sheet: realName.get(f.sheet) ?? f.sheet })), sheets.map((s) => s.getName()));
  const byName = new Map(sheets.map((s) => [s.getName(), s] as const));
  const marks = withDocumentLock(() => markFindings(findings, (name) => byName.get(name), sheets));

  const groups: FindingGroup[] = [];
  for (const f of findings) {
    let group = groups[groups.length - 1];
    if (!group || group.sheet !== f.sheet) {
      group = { sheet: f.sheet, errors: 0, warnings: 0, findings: [] };
      groups.push(group);
    }
    group.findings.push(f);
    if (f.severity === 'error') group.errors++;
    else group.warnings++;
  }
  return { ...countBySeverity(findings), groups, marked: marks.marked, cleared: marks.cleared };
}

export function validateFromSidebarIn(): ValidationView {
  return validateIn(activeSpreadsheet());
}

/** Shows the finding's cell: activates its tab and selects it. */
export function selectCellIn(ss: Spreadsheet, sheetName: string, cell: string): { sheet: string; cell: string } {
  const sheet = ss.getSheetByName(sheetName);
  if (!sheet) throw new SidebarFailure({ code: 'bad-input', message: `There is no tab named "${sheetName}" any more. Validate again.` });
  if (!parseA1(cell)) throw new SidebarFailure({ code: 'bad-input', message: `"${cell}" is not a cell address.` });
  sheet.activate();
  sheet.getRange(cell).activate();
  return { sheet: sheet.getName(), cell };
}
