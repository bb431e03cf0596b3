/**
 * Menu "Add track": asks for the id, name and type, appends the track to the Tracks tab (owner = the user, status
 * Draft) and builds its matrix and rubric tabs.
 */
import { cellText, headerKey } from '../../shared/cells';
import { TRACKS_TAB, TRACK_TYPES, matrixTabName } from '../../shared/contract';
import { ID_FORBIDDEN } from '../../shared/schemas';
import { withDocumentLock } from './lock';
import { buildMatrixTabsIn, type MatrixTabsReport } from './matrix-tabs';
import { ensureSize, resolveFixedTabs } from './tabs';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface NewTrack {
  id: string;
  name: string;
  type: string;
}

/** One prompt; null when the user cancels or closes it. */
function ask(ui: GoogleAppsScript.Base.Ui, title: string, question: string): string | null {
  const answer = ui.prompt(title, question, ui.ButtonSet.OK_CANCEL);
  if (answer.getSelectedButton() !== ui.Button.OK) return null;
  return answer.getResponseText().trim();
}

/** The track type as the contract spells it, from what the user typed ("manager", "IC" ...). */
export function trackTypeOf(text: string): string | null {
  const key = headerKey(text);
  if (key === 'ic') return TRACK_TYPES[0];
  return TRACK_TYPES.find((t) => headerKey(t) === key || (key.length >= 3 && headerKey(t).startsWith(key))) ?? null;
}

export function promptForTrack(ui: GoogleAppsScript.Base.Ui): NewTrack | null {
  const id = ask(ui, 'Add track', 'Track ID (short, unique, e.g. ENG-IC). It names the tabs: Matrix <Track ID>.');
  if (id === null) return null;
  if (id === '' || ID_FORBIDDEN.test(id)) throw new Error(`Rungs: "${id}" cannot be a Track ID: it must be non-empty, without commas or semicolons.`);
  const name = ask(ui, 'Add track', 'Track name (what employees see).');
  if (name === null) return null;
  const typed = ask(ui, 'Add track', `Track type: ${TRACK_TYPES.join(' or ')}.`);
  if (typed === null) return null;
  const type = trackTypeOf(typed);
  if (type === null) throw new Error(`Rungs: "${typed}" is not a track type. Use ${TRACK_TYPES.join(' or ')}.`);
  return { id, name, type };
}

/** Appends the track (one getValues, one setValues) and builds its tabs. */
export function addTrackIn(ss: Spreadsheet, track: NewTrack, ownerEmail: string): MatrixTabsReport {
  return withDocumentLock(() => {
    const sheet = resolveFixedTabs(ss).byRole.get(TRACKS_TAB.role);
    if (!sheet) throw new Error('Rungs: the workbook has no Tracks tab. Run Rungs > Set up workbook first.');
    const values = sheet.getDataRange().getValues();
    const header = values[0].map(cellText);
    const col = (h: string) => header.findIndex((x) => headerKey(x) === headerKey(h));
    const idCol = col('Track ID');
    if (idCol < 0) throw new Error('Rungs: the Tracks tab has no "Track ID" column. Run Rungs > Set up workbook first.');
    if (values.slice(1).some((row) => cellText(row[idCol]) === track.id)) throw new Error(`Rungs: track ${track.id} already exists.`);
    const byKey: Record<string, string> = { id: track.id, name: track.name, type: track.type, ownerEmail, status: 'Draft' };
    const row = header.map(() => '');
    for (const c of TRACKS_TAB.columns) {
      const i = col(c.header);
      if (i >= 0 && byKey[c.key] !== undefined) row[i] = byKey[c.key];
    }
    // After the last row with content (blank rows at the end of the data range are reused).
    let last = values.length;
    while (last > 1 && values[last - 1].every((v) => cellText(v) === '')) last--;
    ensureSize(sheet, last + 1, row.length);
    sheet.getRange(last + 1, 1, 1, row.length).setValues([row]);
    return buildMatrixTabsIn(ss, track.id);
  });
}

export function addedTrackText(track: NewTrack): string {
  return `Rungs: track ${track.id} added to Tracks. Add its levels to the Levels tab, then run Build matrix tabs to fill ${matrixTabName(track.id)}.`;
}
