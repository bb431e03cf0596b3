/**
 * The add-on's entry: every function Apps Script calls by name, bound onto globalThis. build.ts adds a top-level
 * `function <name>() {}` declaration per name (so Apps Script lists and finds it) which this assignment replaces.
 */
import { ENTRY_POINT_NAMES, MENU, SEPARATOR, type EntryPointName } from './entry-points';
import { addedTrackText, addTrackIn, promptForTrack } from './add-track';
import { buildMatrixTabsIn, matrixAlertText } from './matrix-tabs';
import { setupAlertText, setUpWorkbookIn } from './setup';
import { activeSpreadsheet, validateActiveWorkbook } from './validate';

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

function comingSoon(what: string): void {
  SpreadsheetApp.getUi().alert(`Rungs: ${what} is coming soon.`);
}

export function openSidebar(): void {
  comingSoon('the sidebar');
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
export function refreshReports(): void {
  comingSoon('Refresh reports');
}
export function openSettings(): void {
  comingSoon('Settings');
}

/** Exactly the names of entry-points.ts: the compiler rejects a missing or an extra one. */
const ENTRY_POINTS: { readonly [K in EntryPointName]: (...args: never[]) => unknown } = {
  onInstall,
  onOpen,
  openSidebar,
  setUpWorkbook,
  addTrack,
  buildMatrixTabs,
  validateActiveWorkbook,
  refreshReports,
  openSettings,
};

const global = globalThis as unknown as Record<string, unknown>;
for (const name of ENTRY_POINT_NAMES) global[name] = ENTRY_POINTS[name];
