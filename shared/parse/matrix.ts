import { a1, cellText, headerKey } from '../cells';
import { MATRIX_ID_HEADER, MATRIX_NAME_HEADER, NOTE_HEADERS } from '../contract';
import { error, type Finding } from '../findings';
import type { Matrix, MatrixRow } from '../model';
import type { SheetSnapshot } from '../snapshot';
import { ID_FORBIDDEN } from '../schemas';
import { isBlankRow } from './table';

export function isNoteHeader(text: string): boolean {
  const k = headerKey(text);
  return k.startsWith('#') || NOTE_HEADERS.includes(k);
}

/** Reads a `Matrix <Track ID>` tab: Competency ID, optional Competency Name, then one column per level code. */
export function parseMatrix(sheet: SheetSnapshot, trackId: string, findings: Finding[]): Matrix {
  const headers = (sheet.values[0] ?? []).map(cellText);
  let idCol = -1;
  let nameCol = -1;
  const levels: Matrix['levels'] = [];
  headers.forEach((h, col) => {
    const k = headerKey(h);
    if (k === '' || isNoteHeader(h)) return;
    if (k === headerKey(MATRIX_ID_HEADER) && idCol < 0) idCol = col;
    else if (k === headerKey(MATRIX_NAME_HEADER) && nameCol < 0) nameCol = col;
    else levels.push({ code: h, col });
  });
  if (idCol < 0) {
    findings.push(error(sheet.name, 'A1', 'missing-header', `The ${sheet.name} tab has no "${MATRIX_ID_HEADER}" column. Its first column should be "${MATRIX_ID_HEADER}", then one column per level code of track ${trackId}.`));
  }
  const rows: MatrixRow[] = [];
  const { values } = sheet;
  // Without its id column a matrix row cannot be tied to a competency: the header finding says so once.
  for (let r = 1; idCol >= 0 && r < values.length; r++) {
    const row = values[r];
    if (isBlankRow(row)) continue;
    const competencyId = cellText(row[idCol]);
    const expectations = levels.map((l) => cellText(row[l.col]));
    if (competencyId === '') {
      findings.push(error(sheet.name, a1(r, idCol), 'missing-value', `This matrix row has expectations but no Competency ID, so Rungs cannot tell which competency they belong to.`));
      continue;
    }
    if (ID_FORBIDDEN.test(competencyId)) {
      findings.push(error(sheet.name, a1(r, idCol), 'bad-id', `Competency ID "${competencyId}" contains a comma or semicolon; a matrix row holds exactly one competency.`));
      continue;
    }
    rows.push({ competencyId, name: nameCol >= 0 ? cellText(row[nameCol]) : '', row: r, expectations });
  }
  return { trackId, sheet: sheet.name, idCol, nameCol, levels, rows };
}
