/** AI from the sidebar: ask the server for a proposal, then write the items the editor accepted. */
import { parseA1 } from '../../shared/cells';
import { applyProposal } from '../../shared/ai/apply';
import type { CellWrite, Proposal } from '../../shared/ai/proposal';
import { withDocumentLock } from './lock';
import { callServer } from './server-client';
import { ProposalAnswer } from './server-answers';
import { loadConnection } from './settings';
import type { ApplyView, GenerateRequest } from './sidebar-api';
import { readSnapshot, readWorkbook } from './snapshot';
import { trackPath } from './sidebar-publish';
import { ensureSize } from './tabs';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export function generateIn(ss: Spreadsheet, request: GenerateRequest): Proposal {
  const snapshot = readSnapshot(ss);
  const body: Record<string, unknown> = { snapshot };
  if (request.operation === 'competencies' && request.count !== undefined) body.count = request.count;
  if (request.operation === 'matrix' && request.cells !== undefined) body.cells = request.cells;
  if (request.operation === 'rubric') body.dimension = request.dimension ?? '';
  if (request.regenerate) body.regenerate = true;
  const path = `${trackPath(snapshot.spreadsheetId, request.trackId)}/ai/${request.operation}`;
  return callServer(loadConnection(), { method: 'post', path, body, answer: ProposalAnswer }).value;
}

/**
 * Applies the accepted items against the workbook as it is now (a person's edit since the proposal wins and comes
 * back as a conflict). Per tab, the writes land with one setValues over the rectangle they span; cells of that
 * rectangle that were not proposed are written back as they were (formulas as formulas).
 */
export function applyIn(ss: Spreadsheet, proposal: Proposal, acceptedIds: readonly string[]): ApplyView {
  return withDocumentLock(() => {
    const { snapshot, tabs } = readWorkbook(ss);
    const accepted = new Set(acceptedIds);
    const { writes, conflicts } = applyProposal(snapshot, proposal.items.filter((i) => accepted.has(i.id)));
    const bySheet = new Map<string, CellWrite[]>();
    for (const w of writes) bySheet.set(w.sheet, [...(bySheet.get(w.sheet) ?? []), w]);
    let written = 0;
    for (const [name, list] of bySheet) {
      const sheet = tabs.get(name);
      if (sheet) written += writeCells(sheet, list);
    }
    return { written, conflicts: conflicts.map((c) => ({ itemId: c.itemId, sheet: c.sheet, cell: c.cell, reason: c.reason, current: c.current, proposed: c.proposed })) };
  });
}

function writeCells(sheet: Sheet, writes: readonly CellWrite[]): number {
  const cells = writes.map((w) => ({ at: parseA1(w.cell), value: w.value })).filter((c): c is { at: { row: number; col: number }; value: string } => c.at !== undefined);
  if (cells.length === 0) return 0;
  const top = Math.min(...cells.map((c) => c.at.row));
  const left = Math.min(...cells.map((c) => c.at.col));
  const bottom = Math.max(...cells.map((c) => c.at.row));
  const right = Math.max(...cells.map((c) => c.at.col));
  ensureSize(sheet, bottom + 1, right + 1);
  const box = sheet.getRange(top + 1, left + 1, bottom - top + 1, right - left + 1);
  const values: unknown[][] = box.getValues();
  const formulas = box.getFormulas();
  for (let r = 0; r < values.length; r++) for (let c = 0; c < values[r].length; c++) if (formulas[r][c] !== '') values[r][c] = formulas[r][c];
  // A leading apostrophe keeps proposed text that looks like a formula as text.
  for (const { at, value } of cells) values[at.row - top][at.col - left] = /^[=+\-@]/.test(value) ? `'${value}` : value;
  box.setValues(values);
  return cells.length;
}
