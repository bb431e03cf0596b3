import { headerKey } from '../cells';
import {
  COMPETENCIES_TAB, EMPLOYEES_TAB, FIXED_TABS, LEVELS_TAB, MATRIX_PREFIX, MODULES_TAB, POSITIONS_TAB, REQUIRED_TABS,
  RUBRIC_PREFIX, TRACKS_TAB, type TabSpec,
} from '../contract';
import { error, type Finding } from '../findings';
import type { Workbook } from '../model';
import { competencyFields, employeeFields, levelFields, moduleFields, positionFields, trackFields } from '../schemas';
import type { SheetSnapshot, WorkbookSnapshot } from '../snapshot';
import { checkSheetText } from '../storable-text';
import { parseMatrix } from './matrix';
import { parseRubric } from './rubric';
import { readHeader, readRows, type FieldSchemas, type ParsedRow } from './table';

export interface ParseResult {
  workbook: Workbook;
  /** Structural findings: missing tabs and headers, cells that do not parse. */
  findings: Finding[];
}

/** Finds a tab by name the way a person would: ignoring case and surrounding spaces. */
export function findSheet(snapshot: WorkbookSnapshot, name: string): SheetSnapshot | undefined {
  const key = headerKey(name);
  return snapshot.sheets.find((s) => headerKey(s.name) === key);
}

/** Per-track tabs ("Matrix ENG", "Rubric ENG"): track id -> sheet, first one wins. */
export function perTrackSheets(snapshot: WorkbookSnapshot, prefix: string): Map<string, SheetSnapshot> {
  const out = new Map<string, SheetSnapshot>();
  const p = prefix.toLowerCase();
  for (const s of snapshot.sheets) {
    const name = s.name.trim();
    if (name.toLowerCase().startsWith(p)) {
      const id = name.slice(prefix.length).trim();
      if (id !== '' && !out.has(id)) out.set(id, s);
    }
  }
  return out;
}

function readTab<F extends FieldSchemas>(
  snapshot: WorkbookSnapshot,
  spec: TabSpec,
  fields: F,
  fallbacks: Partial<Record<keyof F, unknown>>,
  workbook: Workbook,
  findings: Finding[],
): ParsedRow<F>[] {
  const sheet = findSheet(snapshot, spec.name);
  if (!sheet) {
    if ((REQUIRED_TABS as readonly TabSpec[]).includes(spec))
      findings.push(error(spec.name, 'A1', 'missing-tab', `The workbook has no "${spec.name}" tab. ${spec.description} Use Rungs > Set up workbook to add it with its header row.`));
    return [];
  }
  checkSheetText(sheet, findings);
  const info = readHeader(sheet, spec, findings);
  workbook.tabs[spec.role] = info;
  return readRows(sheet, info, fields, fallbacks, findings);
}

/** Snapshot -> typed model in which every value knows its sheet and cell. Never throws on any grid of cells. */
export function parseWorkbook(snapshot: WorkbookSnapshot): ParseResult {
  const findings: Finding[] = [];
  const workbook: Workbook = {
    spreadsheetId: snapshot.spreadsheetId,
    sheetNames: snapshot.sheets.map((s) => s.name),
    tabs: {},
    tracks: [], levels: [], competencies: [], positions: [], modules: [], employees: [], matrices: [], rubrics: [],
  };
  workbook.tracks = readTab(snapshot, TRACKS_TAB, trackFields, { type: null, reviewBy: null, status: 'Draft' }, workbook, findings);
  workbook.levels = readTab(snapshot, LEVELS_TAB, levelFields, { order: null }, workbook, findings);
  workbook.competencies = readTab(snapshot, COMPETENCIES_TAB, competencyFields, { scope: null }, workbook, findings);
  workbook.positions = readTab(snapshot, POSITIONS_TAB, positionFields, {}, workbook, findings);
  workbook.modules = readTab(snapshot, MODULES_TAB, moduleFields, { gate: null, durationHours: null }, workbook, findings);
  workbook.employees = readTab(snapshot, EMPLOYEES_TAB, employeeFields, {}, workbook, findings);
  for (const [trackId, sheet] of perTrackSheets(snapshot, MATRIX_PREFIX)) {
    checkSheetText(sheet, findings);
    workbook.matrices.push(parseMatrix(sheet, trackId, findings));
  }
  for (const [trackId, sheet] of perTrackSheets(snapshot, RUBRIC_PREFIX)) {
    checkSheetText(sheet, findings);
    workbook.rubrics.push(parseRubric(sheet, trackId, findings));
  }
  return { workbook, findings };
}

export { FIXED_TABS };
