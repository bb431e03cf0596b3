/**
 * Plans the new content of one `Matrix <Track ID>` tab from what it holds now and the track's levels and the
 * competency catalogue. Pure: no Apps Script call.
 *
 * Layout: Competency ID, Competency Name, then the track's level codes in Order. Every existing cell is kept:
 * - existing rows stay where they are, with every cell they had (matched by competency id, whatever the column
 *   order was); new competencies are appended as rows at the bottom, in catalogue order;
 * - level columns are rearranged into the track's order (cells move with their header); new levels become new
 *   columns; every other existing column (a level no longer in Levels, a Notes column, an unnamed one) is kept,
 *   in its old order, at the right end under its old header;
 * - rows of competencies no longer in Competencies stay where they are.
 * Removed levels and competencies are listed for the user, never deleted. The plan never has fewer rows or
 * columns than the tab had, so one setValues of the plan's rectangle leaves no stale cell behind.
 */
import { cellText, headerKey } from '../../shared/cells';
import { MATRIX_ID_HEADER, MATRIX_NAME_HEADER } from '../../shared/contract';
import type { Finding } from '../../shared/findings';
import { parseMatrix } from '../../shared/parse/matrix';

export interface CatalogueEntry {
  id: string;
  name: string;
}

export interface MatrixPlan {
  /** The whole rectangle to write; null when the tab is not a matrix (no Competency ID column) and is left alone. */
  values: unknown[][] | null;
  /** false when the plan equals what the tab holds: nothing to write. */
  changed: boolean;
  addedLevels: string[];
  addedCompetencies: string[];
  /** Level columns kept although the level is no longer in Levels for this track. */
  removedLevels: string[];
  /** Rows kept although the competency is no longer in Competencies. */
  removedCompetencies: string[];
}

const isBlank = (row: readonly unknown[] | undefined) => !row || row.every((v) => cellText(v) === '');

/** Dates are recognised by their tag: a Date from another realm (the sheet service) is still one. */
const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

function sameCell(a: unknown, b: unknown): boolean {
  if (isDate(a) && isDate(b)) return a.getTime() === b.getTime();
  return a === b;
}

export function planMatrix(existing: readonly (readonly unknown[])[] | null, trackId: string, levelCodes: readonly string[], catalogue: readonly CatalogueEntry[]): MatrixPlan {
  const plan: MatrixPlan = { values: null, changed: true, addedLevels: [], addedCompetencies: [], removedLevels: [], removedCompetencies: [] };
  // A tab with nothing in it is built from scratch; one with content but no Competency ID header is left alone.
  const old = existing && existing.some((row) => !isBlank(row)) ? existing : null;
  const oldWidth = old ? Math.max(...old.map((r) => r.length)) : 0;
  const oldHeader = old ? old[0].map(cellText) : [];
  const findings: Finding[] = [];
  const parsed = parseMatrix({ name: 'matrix', values: [oldHeader] }, trackId, findings);
  if (old && parsed.idCol < 0) return { ...plan, changed: false };

  // New column -> old column it comes from (-1: new), and its header.
  const sources: number[] = [old ? parsed.idCol : -1, old ? parsed.nameCol : -1];
  const headers: unknown[] = [MATRIX_ID_HEADER, MATRIX_NAME_HEADER];
  for (const code of levelCodes) {
    const from = parsed.levels.find((l) => headerKey(l.code) === headerKey(code) && !sources.includes(l.col));
    sources.push(from ? from.col : -1);
    headers.push(from ? old?.[0][from.col] : code);
    if (old && !from) plan.addedLevels.push(code);
  }
  const levelKeys = new Set(levelCodes.map(headerKey));
  for (let col = 0; col < oldWidth; col++) {
    if (sources.includes(col)) continue;
    sources.push(col);
    headers.push(old?.[0][col] ?? '');
    if (parsed.levels.some((l) => l.col === col) && !levelKeys.has(headerKey(oldHeader[col]))) plan.removedLevels.push(oldHeader[col]);
  }
  if (old && parsed.nameCol >= 0) headers[1] = old[0][parsed.nameCol];
  if (old) headers[0] = old[0][parsed.idCol];

  const nameOf = new Map(catalogue.map((c) => [c.id, c.name]));
  const values: unknown[][] = [headers];
  const present = new Set<string>();
  for (let r = 1; old && r < old.length; r++) {
    const row: unknown[] = sources.map((src) => (src < 0 ? '' : (old[r][src] ?? '')));
    const id = cellText(row[0]);
    if (id !== '') {
      present.add(id);
      if (!nameOf.has(id)) plan.removedCompetencies.push(id);
      else if (cellText(row[1]) === '') row[1] = nameOf.get(id);
    }
    values.push(row);
  }
  for (const c of catalogue) {
    if (present.has(c.id)) continue;
    present.add(c.id);
    values.push([c.id, c.name, ...new Array<unknown>(sources.length - 2).fill('')]);
    if (old) plan.addedCompetencies.push(c.id);
  }
  plan.values = values;
  plan.changed = !old || values.length !== old.length || values.some((row, r) => row.some((v, c) => !sameCell(v, old[r][c] ?? '')));
  return plan;
}
