/**
 * The add-on's entry: every function Apps Script calls by name, bound onto globalThis. build.ts adds a top-level
 * `function <name>() {}` declaration per name (so Apps Script lists and finds it) which this assignment replaces.
 */
import { ENTRY_POINT_NAMES, MENU, SEPARATOR, type EntryPointName } from './entry-points';
import { addedTrackText, addTrackIn, promptForTrack } from './add-track';
import { buildMatrixTabsIn, matrixAlertText } from './matrix-tabs';
import { setupAlertText, setUpWorkbookIn } from './setup';
import { activeSpreadsheet, validateActiveWorkbook } from './validate';
import { hourlyRefresh, requestRefreshIn } from './reports';
import { applyPermissionsIn } from './permissions';
import { SidebarFailure } from './results';
import { loadConnection } from './settings';
import { include, showSidebar, sidebarApi } from './sidebar';

/**
 * Builds the Rungs menu. Runs in every AuthMode, including NONE (add-on not yet used in this document), where
 * document data may not be touched: this only builds the menu.
 */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const entry of MENU) {
    if (entry === SEPARATOR) menu.addSeparator();
    else menu.addItem(entry.label, entry.fn);
  }
  menu.addToUi();
}

/** Runs when the add-on is installed: the document is already open, so add the menu now. */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

/** Opens on Connect until a server and token are saved, then on Validate. */
export function openSidebar(): void {
  const c = loadConnection();
  showSidebar(c.serverUrl === '' || c.token === '' ? 'connect' : 'validate');
}
export function setUpWorkbook(): void {
  const report = setUpWorkbookIn(activeSpreadsheet());
  SpreadsheetApp.getUi().alert(setupAlertText(report));
}
export function addTrack(): void {
  const ss = activeSpreadsheet();
  const ui = SpreadsheetApp.getUi();
  const track = promptForTrack(ui);
  if (!track) return;
  const report = addTrackIn(ss, track, Session.getActiveUser().getEmail());
  ui.alert(`${addedTrackText(track)}\n\n${matrixAlertText(report)}`);
}
export function buildMatrixTabs(): void {
  const report = buildMatrixTabsIn(activeSpreadsheet());
  SpreadsheetApp.getUi().alert(matrixAlertText(report));
}
/** Menu "Apply track permissions": the same as the sidebar's, answered in an alert. */
export function protectTrackTabs(): void {
  const ui = SpreadsheetApp.getUi();
  const view = applyPermissionsIn(activeSpreadsheet());
  const lines = view.changes.length === 0 ? ['Rungs: track permissions already applied. Nothing was changed.'] : ['Rungs: track permissions applied.', '', ...view.changes];
  if (view.unchanged > 0 && view.changes.length > 0) lines.push('', `${view.unchanged} tab${view.unchanged === 1 ? '' : 's'} already protected as they should be.`);
  ui.alert(lines.join('\n'));
}
/** Menu "Refresh reports": the same request as the sidebar's Reports panel, answered in an alert. */
export function refreshReports(): void {
  const ui = SpreadsheetApp.getUi();
  try {
    ui.alert(`Rungs: ${requestRefreshIn(activeSpreadsheet()).message}`);
  } catch (e) {
    if (!(e instanceof SidebarFailure)) throw e;
    ui.alert(`Rungs: ${e.error.message}`);
  }
}
export function openSettings(): void {
  showSidebar('connect');
}
/** The hourly fallback: nobody watches it run, so a refused refresh is logged, not thrown (no failure emails). */
export function hourlyReportRefresh(e?: { triggerUid?: string }): void {
  try {
    hourlyRefresh(e);
  } catch (err) {
    if (!(err instanceof SidebarFailure)) throw err;
    console.warn(`Rungs hourly report refresh: ${err.error.message}`);
  }
}

/** Exactly the names of entry-points.ts: the compiler rejects a missing or an extra one. */
const ENTRY_POINTS: { readonly [K in EntryPointName]: (...args: never[]) => unknown } = {
  onInstall,
  onOpen,
  openSidebar,
  setUpWorkbook,
  addTrack,
  buildMatrixTabs,
  protectTrackTabs,
  validateActiveWorkbook,
  refreshReports,
  openSettings,
  hourlyReportRefresh,
  include,
  ...sidebarApi,
};

const global = globalThis as unknown as Record<string, unknown>;
for (const name of ENTRY_POINT_NAMES) global[name] = ENTRY_POINTS[name];
