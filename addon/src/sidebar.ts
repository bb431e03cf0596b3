/**
 * The sidebar: opening it (HtmlService template with its CSS and JS includes) and the functions it calls through
 * google.script.run, each answering a SidebarResult (see sidebar-api.ts).
 */
import { cellText } from '../../shared/cells';
import { AI_OPERATIONS } from '../../shared/ai/proposal';
import { LEVELS_TAB, TRACKS_TAB } from '../../shared/contract';
import { z } from 'zod';
import { saveConnectionIn, testConnectionIn } from './connect';
import { applyPermissionsIn } from './permissions';
import { lastReportRefresh, requestRefreshIn } from './reports';
import { answer, parseInput } from './results';
import { ProposalAnswer } from './server-answers';
import { connectionState, loadConnection } from './settings';
import type { LevelChoice, SidebarApi, SidebarState, TrackChoice } from './sidebar-api';
import { compareIn, findPeopleIn, personIn, selectTeamRowIn } from './sidebar-people';
import { applyIn, generateIn } from './sidebar-generate';
import { previewPublishIn, publishTrackIn } from './sidebar-publish';
import { selectCellIn, validateIn } from './sidebar-validate';
import { contractColumns, resolveFixedTabs } from './tabs';
import { activeSpreadsheet } from './validate';

export const PANELS = ['connect', 'validate', 'publish', 'generate', 'reports', 'people'] as const;
export type Panel = (typeof PANELS)[number];

/** Shows the sidebar, opened on `panel`. The template reads `initialPanel` and pulls its CSS and JS with include(). */
export function showSidebar(panel: Panel): void {
  const template = HtmlService.createTemplateFromFile('Sidebar');
  template.initialPanel = panel;
  SpreadsheetApp.getUi().showSidebar(template.evaluate().setTitle('Rungs'));
}

/** The template's `<?!= include('SidebarCss') ?>`: another project file's content, as is. */
export function include(name: string): string {
  return HtmlService.createHtmlOutputFromFile(name).getContent();
}

/** The Tracks tab's tracks (id, name, status) in sheet order: one read. */
export function trackChoices(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): TrackChoice[] {
  const sheet = resolveFixedTabs(ss).byRole.get(TRACKS_TAB.role);
  if (!sheet) return [];
  const values = sheet.getDataRange().getValues();
  const { id, name, status } = contractColumns(values[0], TRACKS_TAB);
  if (id < 0) return [];
  return values
    .slice(1)
    .map((row) => ({ trackId: cellText(row[id]), name: name < 0 ? '' : cellText(row[name]), status: status < 0 ? '' : cellText(row[status]) }))
    .filter((t) => t.trackId !== '');
}

/** The Levels tab's levels (track id, code, name), each track's sorted by Order: one read. */
export function levelChoices(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): LevelChoice[] {
  const sheet = resolveFixedTabs(ss).byRole.get(LEVELS_TAB.role);
  if (!sheet) return [];
  const values = sheet.getDataRange().getValues();
  const { trackId, code, name, order } = contractColumns(values[0], LEVELS_TAB);
  if (trackId < 0 || code < 0) return [];
  const rank = (row: unknown[]) => (order < 0 ? Infinity : Number(row[order]) || Infinity);
  return values
    .slice(1)
    .map((row, i) => ({ choice: { trackId: cellText(row[trackId]), code: cellText(row[code]), name: name < 0 ? '' : cellText(row[name]) }, rank: rank(row), i }))
    .filter((l) => l.choice.trackId !== '' && l.choice.code !== '')
    .sort((a, b) => (a.choice.trackId === b.choice.trackId ? a.rank - b.rank || a.i - b.i : a.i - b.i))
    .map((l) => l.choice);
}

const TrackInput = z.object({ trackId: z.string().trim().min(1).max(200) });
const Inputs = {
  saveConnection: z.object({ serverUrl: z.string().max(2000), token: z.string().max(2000) }),
  selectFindingCell: z.object({ sheet: z.string().min(1), cell: z.string().min(2).max(12) }),
  publishTrack: TrackInput.extend({ draftId: z.number().int().positive(), idempotencyKey: z.string().min(1).max(200) }),
  generateProposal: TrackInput.extend({
    operation: z.enum(AI_OPERATIONS),
    count: z.number().int().min(1).max(12).optional(),
    dimension: z.string().min(1).max(200).optional(),
    cells: z.array(z.string().max(20)).max(5000).optional(),
    regenerate: z.boolean().optional(),
  }),
  applyProposalItems: z.object({ proposal: ProposalAnswer, acceptedIds: z.array(z.string()).max(10000) }),
  findPeople: z.object({ query: z.string().trim().min(1, 'type a name or an employee ID').max(200) }),
  showPerson: z.object({ employeeId: z.string().trim().min(1).max(200) }),
  compareTrackLevels: TrackInput.extend({ from: z.string().trim().min(1).max(200), to: z.string().trim().min(1).max(200) }),
  selectTeamRow: z.object({ employeeId: z.string().min(1).max(200), managerEmail: z.string().max(320), teamTab: z.string().max(200).nullable() }),
};

export const sidebarApi: SidebarApi = {
  sidebarState: () =>
    answer((): SidebarState => {
      const ss = activeSpreadsheet();
      return { connection: connectionState(loadConnection()), tracks: trackChoices(ss), levels: levelChoices(ss), lastReportRefresh: lastReportRefresh(), spreadsheetName: ss.getName() };
    }),
  saveConnection: (input) => answer(() => saveConnectionIn(activeSpreadsheet(), parseInput(Inputs.saveConnection, input))),
  testConnection: () => answer(() => testConnectionIn(activeSpreadsheet())),
  validateFromSidebar: () => answer(() => validateIn(activeSpreadsheet())),
  selectFindingCell: (input) =>
    answer(() => {
      const { sheet, cell } = parseInput(Inputs.selectFindingCell, input);
      return selectCellIn(activeSpreadsheet(), sheet, cell);
    }),
  previewPublish: (input) => answer(() => previewPublishIn(activeSpreadsheet(), parseInput(TrackInput, input).trackId)),
  publishTrack: (input) => answer(() => publishTrackIn(activeSpreadsheet(), parseInput(Inputs.publishTrack, input))),
  generateProposal: (input) => answer(() => generateIn(activeSpreadsheet(), parseInput(Inputs.generateProposal, input))),
  applyProposalItems: (input) =>
    answer(() => {
      const { proposal, acceptedIds } = parseInput(Inputs.applyProposalItems, input);
      return applyIn(activeSpreadsheet(), proposal, acceptedIds);
    }),
  requestReportRefresh: () => answer(() => requestRefreshIn(activeSpreadsheet())),
  applyTrackPermissions: () => answer(() => applyPermissionsIn(activeSpreadsheet())),
  findPeople: (input) => answer(() => findPeopleIn(activeSpreadsheet(), parseInput(Inputs.findPeople, input).query)),
  showPerson: (input) => answer(() => personIn(activeSpreadsheet(), parseInput(Inputs.showPerson, input).employeeId)),
  compareTrackLevels: (input) =>
    answer(() => {
      const { trackId, from, to } = parseInput(Inputs.compareTrackLevels, input);
      return compareIn(activeSpreadsheet(), trackId, from, to);
    }),
  selectTeamRow: (input) => answer(() => selectTeamRowIn(activeSpreadsheet(), parseInput(Inputs.selectTeamRow, input))),
};
