import { countBySeverity, type Finding } from '../../shared/findings';
import { validateSnapshot } from '../../shared/validate/index';
import { readSnapshot, todayIn } from './snapshot';

/** How many findings the alert lists before "... and N more" (the sidebar shows them all). */
const ALERT_LISTS = 5;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "2 errors, 1 warning". */
export function summarize(findings: readonly Finding[]): string {
  const { errors, warnings } = countBySeverity(findings);
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

export function alertText(findings: readonly Finding[]): string {
  const lines = [`Rungs validation: ${summarize(findings)}.`];
  if (findings.length > 0) lines.push('');
  for (const f of findings.slice(0, ALERT_LISTS)) lines.push(`${f.sheet}!${f.cell} (${f.severity}): ${f.message}`);
  if (findings.length > ALERT_LISTS) lines.push(`... and ${findings.length - ALERT_LISTS} more.`);
  return lines.join('\n');
}

export function activeSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (!ss) throw new Error('Rungs: there is no active spreadsheet. Open the workbook and run Rungs from its Extensions menu.');
  return ss;
}

/**
 * Menu "Validate" and google.script.run: reads the workbook, runs the shared validation with today's date in the
 * spreadsheet's time zone, shows a summary and returns the findings as plain JSON objects.
 */
export function validateActiveWorkbook(): Finding[] {
  const ss = activeSpreadsheet();
  const timeZone = ss.getSpreadsheetTimeZone();
  const snapshot = readSnapshot(ss, timeZone);
  const findings = validateSnapshot(snapshot, { today: todayIn(timeZone) });
  SpreadsheetApp.getUi().alert(alertText(findings));
  return findings.map(({ sheet, cell, severity, code, message }) => ({ sheet, cell, severity, code, message }));
}
