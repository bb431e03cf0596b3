/**
 * "Apply track permissions" (F9): each track's Matrix and Rubric tabs editable by its owner and the admins only,
 * report tabs by the admins only (the server writes them), each Team tab by its manager and the admins. Admins are the user running this plus the emails in
 * the document property `rungs.adminEmails` (comma-separated). Idempotent: a second run changes nothing.
 */
import { cellText, headerKey, splitList } from '../../shared/cells';
import { REPORT_PREFIX, TRACKS_TAB, matrixTabName, rubricTabName } from '../../shared/contract';
import { TEAM_TAB_KEY } from '../../shared/team/tab-title';
import { withDocumentLock } from './lock';
import type { PermissionsView } from './sidebar-api';
import { contractColumns, resolveFixedTabs } from './tabs';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const ADMIN_EMAILS_KEY = 'rungs.adminEmails';
const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

const norm = (email: string) => email.trim().toLowerCase();

export function adminEmails(): string[] {
  const me = norm(Session.getEffectiveUser().getEmail());
  const listed = splitList(PropertiesService.getDocumentProperties().getProperty(ADMIN_EMAILS_KEY) ?? '').map(norm);
  return [...new Set([me, ...listed])].filter((e) => EMAIL.test(e));
}

interface Target {
  sheet: Sheet;
  editors: string[];
  description: string;
  /** "ana@acme.com + 2 admins". */
  who: string;
}

const admins = (n: number) => `${n} admin${n === 1 ? '' : 's'}`;

export function applyPermissionsIn(ss: Spreadsheet): PermissionsView {
  return withDocumentLock(() => {
    const sheets = ss.getSheets();
    const byName = new Map(sheets.map((s) => [headerKey(s.getName()), s] as const));
    const adminList = adminEmails();
    const targets: Target[] = [];

    const tracksTab = resolveFixedTabs(ss, sheets).byRole.get(TRACKS_TAB.role);
    const values = tracksTab ? tracksTab.getDataRange().getValues() : [[]];
    const { id: idCol, ownerEmail: ownerCol } = contractColumns(values[0], TRACKS_TAB);
    for (const row of idCol < 0 ? [] : values.slice(1)) {
      const trackId = cellText(row[idCol]);
      if (trackId === '') continue;
      const owner = ownerCol < 0 ? '' : norm(cellText(row[ownerCol]));
      const ownerOk = EMAIL.test(owner);
      const editors = [...new Set([...(ownerOk ? [owner] : []), ...adminList])];
      const who = ownerOk ? `${owner} + ${admins(adminList.filter((a) => a !== owner).length)}` : `${admins(adminList.length)} (the track has no valid owner email)`;
      for (const name of [matrixTabName(trackId), rubricTabName(trackId)]) {
        const sheet = byName.get(headerKey(name));
        if (sheet) targets.push({ sheet, editors, description: `Rungs: track ${trackId}, owner ${ownerOk ? owner : 'missing'}`, who });
      }
    }
    for (const sheet of sheets) {
      if (sheet.getName().startsWith(REPORT_PREFIX))
        targets.push({ sheet, editors: adminList, description: 'Rungs: report tab, written by the sync server', who: admins(adminList.length) });
      const manager = teamManager(sheet);
      if (manager !== null) {
        const ok = EMAIL.test(manager);
        targets.push({
          sheet, editors: [...new Set([...(ok ? [manager] : []), ...adminList])], description: `Rungs: Team tab of ${manager}, written by the sync server`,
          who: ok ? `${manager} + ${admins(adminList.filter((a) => a !== manager).length)}` : admins(adminList.length),
        });
      }
    }

    const view: PermissionsView = { changes: [], unchanged: 0 };
    for (const t of targets) {
      const line = protect(t);
      if (line) view.changes.push(line);
      else view.unchanged++;
    }
    return view;
  });
}

/** The manager a Team tab belongs to (its developer metadata, written with the tab), or null for other tabs. */
function teamManager(sheet: Sheet): string | null {
  const found = sheet.getDeveloperMetadata().find((m) => m.getKey() === TEAM_TAB_KEY);
  return found ? norm(found.getValue() ?? '') : null;
}

/** Makes the tab's protection match; answers the line describing the change, or null when it already matched. */
function protect(t: Target): string | null {
  const name = t.sheet.getName();
  const existing = t.sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
  const protection = existing ?? t.sheet.protect();
  const changed: string[] = existing ? [] : ['protected'];
  if (protection.getDescription() !== t.description) {
    protection.setDescription(t.description);
    if (existing) changed.push('description updated');
  }
  if (protection.isWarningOnly()) {
    protection.setWarningOnly(false);
    changed.push('no longer warning-only');
  }
  const before = protection.getEditors().map((u) => norm(u.getEmail()));
  const missing = t.editors.filter((e) => !before.includes(e));
  const extra = before.filter((e) => !t.editors.includes(e));
  if (missing.length > 0) protection.addEditors(missing);
  // The spreadsheet's owner can never be removed: only a list that really changed counts as a change.
  if (extra.length > 0) protection.removeEditors(extra);
  const after = missing.length + extra.length > 0 ? protection.getEditors().map((u) => norm(u.getEmail())) : before;
  const same = after.length === before.length && after.every((e) => before.includes(e));
  if (!same) changed.push(`editors set to ${t.who}`);
  if (changed.length === 0) return null;
  return `${name}: ${changed.join(', ')}`;
}
