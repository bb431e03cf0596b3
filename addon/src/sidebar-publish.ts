/**
 * Publish from the sidebar: save the workbook as the track's draft, show the diff against the active version,
 * publish with the sidebar's Idempotency-Key, and write every track's status back into the Tracks tab.
 */
import { cellText } from '../../shared/cells';
import type { z } from 'zod';
import { TRACKS_TAB } from '../../shared/contract';
import { diffLines } from './diff-lines';
import { withDocumentLock } from './lock';
import { SidebarFailure } from './results';
import { callServer } from './server-client';
import { DiffAnswer, PublishAnswer, SavedDraftAnswer } from './server-answers';
import { loadConnection } from './settings';
import type { DiffView, PublishView } from './sidebar-api';
import { readWorkbook, snapshotTabs } from './snapshot';
import { showFindings } from './sidebar-validate';
import { contractColumns, resolveFixedTabs } from './tabs';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type TrackStatus = PublishView['statuses'][number];

export const trackPath = (spreadsheetId: string, trackId: string) =>
  `/v1/workbooks/${encodeURIComponent(spreadsheetId)}/tracks/${encodeURIComponent(trackId)}`;

export function previewPublishIn(ss: Spreadsheet, trackId: string): DiffView {
  const connection = loadConnection();
  const { snapshot, tabs, sheets } = readWorkbook(ss);
  const base = trackPath(snapshot.spreadsheetId, trackId);
  const draft = callServer(connection, { method: 'post', path: `${base}/drafts`, body: snapshot, answer: SavedDraftAnswer }).value;
  // The server names the cells of the person's sheet: they are marked as Validate marks its own findings.
  const shown = showFindings(draft.findings, tabs, sheets);
  const { value } = callServer(connection, { method: 'get', path: `${base}/diff?draftId=${draft.draftId}`, answer: DiffAnswer });
  const { lines, more } = diffLines(value.diff, value.shared);
  return {
    groups: shown.groups,
    marked: shown.marked,
    trackId,
    draftId: value.draft.draftId,
    baseVersion: value.draft.baseVersion,
    activeVersion: value.activeVersion,
    stale: value.stale,
    counts: value.diff.counts,
    lines,
    more,
    errors: draft.errors,
    warnings: draft.warnings,
  };
}

export function publishTrackIn(ss: Spreadsheet, input: { trackId: string; draftId: number; idempotencyKey: string }): PublishView {
  const connection = loadConnection();
  const base = trackPath(ss.getId(), input.trackId);
  let value: z.infer<typeof PublishAnswer>;
  try {
    value = callServer(connection, {
      method: 'post', path: `${base}/publish`, body: { draftId: input.draftId }, idempotencyKey: input.idempotencyKey, answer: PublishAnswer,
    }).value;
  } catch (e) {
    // Refused for what the workbook holds: the cells the server names are marked, as Validate marks them.
    if (e instanceof SidebarFailure && e.error.findings) {
      const { tabs, sheets } = snapshotTabs(ss);
      showFindings(e.error.findings, tabs, sheets);
    }
    throw e;
  }
  const written = withDocumentLock(() => writeStatuses(ss, value.statuses));
  return { trackId: input.trackId, version: value.version, statuses: value.statuses, statusCellsWritten: written };
}

/** The note on a Status cell: which version is active (the Status column itself holds only Draft / Active). */
export const versionNote = (s: TrackStatus) => (s.version === null ? '' : `Active version: ${s.version} (published with Rungs).`);
const isVersionNote = (note: string) => note === '' || note.startsWith('Active version:');

/**
 * Writes the server's statuses into the Tracks tab's Status column: one read of the tab, one setValues and one
 * setNotes on the Status cells of the data rows. Tracks the server does not know keep their cell. Answers how many
 * Status cells changed.
 */
export function writeStatuses(ss: Spreadsheet, statuses: readonly TrackStatus[]): number {
  const sheet = resolveFixedTabs(ss).byRole.get(TRACKS_TAB.role);
  if (!sheet) throw new SidebarFailure({ code: 'bad-input', message: 'The workbook has no Tracks tab. Run Rungs > Set up workbook first.' });
  const values = sheet.getDataRange().getValues();
  const { id: idCol, status: statusCol } = contractColumns(values[0], TRACKS_TAB);
  if (idCol < 0 || statusCol < 0 || values.length < 2) return 0;
  const byId = new Map(statuses.map((s) => [s.trackId, s] as const));
  const column = sheet.getRange(2, statusCol + 1, values.length - 1, 1);
  const notes = column.getNotes();
  let changed = 0;
  const next = values.slice(1).map((row, i) => {
    const s = byId.get(cellText(row[idCol]));
    if (!s) return [row[statusCol]];
    if (cellText(row[statusCol]) !== s.status) changed++;
    if (isVersionNote(String(notes[i][0] ?? ''))) notes[i][0] = versionNote(s);
    return [s.status];
  });
  column.setValues(next);
  column.setNotes(notes);
  return changed;
}
