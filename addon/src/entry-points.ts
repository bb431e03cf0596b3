/**
 * The one list of functions Apps Script calls by name: simple triggers, menu items and (later) the sidebar's
 * google.script.run calls. Pure data: imported by main.ts (which binds each name to its function on globalThis)
 * and by build.ts (which writes a top-level `function <name>() {}` declaration per name so Apps Script finds it).
 * Names ending in "_" cannot be called from the client, so none do.
 */
import { SIDEBAR_FUNCTIONS } from './sidebar-api';

export interface MenuItem {
  readonly label: string;
  readonly fn: string;
}
export const SEPARATOR = '---';

/** The add-on menu (shown under Extensions > Rungs; the caption is the add-on's name), top to bottom. */
export const MENU = [
  { label: 'Open sidebar', fn: 'openSidebar' },
  SEPARATOR,
  { label: 'Set up workbook', fn: 'setUpWorkbook' },
  { label: 'Add track', fn: 'addTrack' },
  { label: 'Build matrix tabs', fn: 'buildMatrixTabs' },
  { label: 'Apply track permissions', fn: 'protectTrackTabs' },
  SEPARATOR,
  { label: 'Validate', fn: 'validateActiveWorkbook' },
  { label: 'Refresh reports', fn: 'refreshReports' },
  SEPARATOR,
  { label: 'Settings', fn: 'openSettings' },
] as const satisfies readonly (MenuItem | typeof SEPARATOR)[];

/** Functions Apps Script itself runs: simple triggers of an editor add-on, and the hourly time-driven trigger. */
export const TRIGGER_FUNCTIONS = ['onInstall', 'onOpen', 'hourlyReportRefresh'] as const;

/**
 * Functions the sidebar calls through google.script.run (in addition to menu handlers, which it may call too), and
 * `include`, which the sidebar's HTML template calls while it is evaluated.
 */
export const CLIENT_FUNCTIONS = ['validateActiveWorkbook', 'include', ...SIDEBAR_FUNCTIONS] as const;

export type MenuFunction = Extract<(typeof MENU)[number], MenuItem>['fn'];
export type EntryPointName = (typeof TRIGGER_FUNCTIONS)[number] | MenuFunction | (typeof CLIENT_FUNCTIONS)[number];

/** Every name, once, in a stable order. */
export const ENTRY_POINT_NAMES: readonly EntryPointName[] = [
  ...new Set<EntryPointName>([...TRIGGER_FUNCTIONS, ...MENU.flatMap((e): MenuFunction[] => (e === SEPARATOR ? [] : [e.fn])), ...CLIENT_FUNCTIONS]),
];
