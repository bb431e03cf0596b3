import type { CellValue } from './cells';
import {
  COMPETENCIES_TAB, EMPLOYEES_TAB, LEVELS_TAB, MATRIX_ID_HEADER, MATRIX_NAME_HEADER, MODULES_TAB, POSITIONS_TAB,
  RUBRIC_COMPETENCY_HEADER, RUBRIC_DIMENSION_HEADER, RUBRIC_THRESHOLD_LABEL, RUBRIC_WEIGHT_HEADER, TRACKS_TAB,
  type TabSpec,
} from './contract';
import type { ExtraCells, Gate, Matrix, Rubric, Workbook } from './model';
import type { SheetSnapshot, WorkbookSnapshot } from './snapshot';

type Writable = Record<string, unknown> & { extra?: ExtraCells };

/** A model value as a cell: lists joined with ", ", gates as their text, blanks as ''. */
function toCell(value: unknown): CellValue {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object') return (value as Gate).text ?? '';
  return value as CellValue;
}

/** Rows of a fixed tab: the contract's headers, then every extra header any row carries, in first-seen order. */
export function tabValues(spec: TabSpec, rows: readonly Writable[]): CellValue[][] {
  const extraHeaders: string[] = [];
  for (const r of rows) for (const h of Object.keys(r.extra ?? {})) if (!extraHeaders.includes(h)) extraHeaders.push(h);
  const header: CellValue[] = [...spec.columns.map((c) => c.header), ...extraHeaders];
  const body = rows.map((r) => [...spec.columns.map((c) => toCell(r[c.key])), ...extraHeaders.map((h) => r.extra?.[h] ?? '')]);
  return [header, ...body];
}

export function matrixValues(matrix: Pick<Matrix, 'levels' | 'rows'>): CellValue[][] {
  return [
    [MATRIX_ID_HEADER, MATRIX_NAME_HEADER, ...matrix.levels.map((l) => l.code)],
    ...matrix.rows.map((r) => [r.competencyId, r.name, ...r.expectations]),
  ];
}

export function rubricValues(rubric: Pick<Rubric, 'scale' | 'dimensions' | 'passThreshold'>): CellValue[][] {
  const scaleHeaders = rubric.scale.map((s) => (s.label ? `${s.score} ${s.label}` : String(s.score)));
  const blanks = scaleHeaders.map(() => '');
  return [
    [RUBRIC_DIMENSION_HEADER, RUBRIC_COMPETENCY_HEADER, RUBRIC_WEIGHT_HEADER, ...scaleHeaders],
    ...rubric.dimensions.map((d) => [d.name, d.competencyId, d.weight ?? '', ...d.descriptors]),
    [RUBRIC_THRESHOLD_LABEL, '', rubric.passThreshold === null ? '' : `${rubric.passThreshold}%`, ...blanks],
  ];
}

/** The whole model back to a snapshot, tab by tab, in contract order. */
export function workbookToSnapshot(wb: Workbook): WorkbookSnapshot {
  const sheets: SheetSnapshot[] = [
    { name: TRACKS_TAB.name, values: tabValues(TRACKS_TAB, wb.tracks as unknown as Writable[]) },
    { name: LEVELS_TAB.name, values: tabValues(LEVELS_TAB, wb.levels as unknown as Writable[]) },
    { name: COMPETENCIES_TAB.name, values: tabValues(COMPETENCIES_TAB, wb.competencies as unknown as Writable[]) },
    { name: POSITIONS_TAB.name, values: tabValues(POSITIONS_TAB, wb.positions as unknown as Writable[]) },
    { name: MODULES_TAB.name, values: tabValues(MODULES_TAB, wb.modules as unknown as Writable[]) },
  ];
  if (wb.tabs.employees) sheets.push({ name: EMPLOYEES_TAB.name, values: tabValues(EMPLOYEES_TAB, wb.employees as unknown as Writable[]) });
  for (const m of wb.matrices) sheets.push({ name: m.sheet, values: matrixValues(m) });
  for (const r of wb.rubrics) sheets.push({ name: r.sheet, values: rubricValues(r) });
  return { spreadsheetId: wb.spreadsheetId, sheets };
}
