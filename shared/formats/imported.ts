/**
 * What a format import gives: rows for the Tracks, Levels and Competencies tabs (extra columns kept), findings,
 * and ok = no error finding. Nothing half-imported: when ok is false every row list is empty.
 */
import { COMPETENCIES_TAB, LEVELS_TAB, MODULES_TAB, POSITIONS_TAB, TRACKS_TAB } from '../contract';
import { hasErrors, type Finding } from '../findings';
import type { SheetSnapshot, WorkbookSnapshot } from '../snapshot';
import { tabValues } from '../write';

export type ExtraText = Record<string, string>;

export type ImportedTrack = {
  id: string;
  name: string;
  type: string;
  ownerEmail: string;
  status: string;
  reviewBy: string;
  description: string;
  extra: ExtraText;
};

export type ImportedLevel = {
  trackId: string;
  code: string;
  name: string;
  order: number;
  description: string;
  extra: ExtraText;
};

export type ImportedCompetency = {
  id: string;
  name: string;
  scope: 'Shared' | 'Role';
  dependsOn: string[];
  description: string;
  extra: ExtraText;
};

export interface ImportResult {
  ok: boolean;
  tracks: ImportedTrack[];
  levels: ImportedLevel[];
  competencies: ImportedCompetency[];
  findings: Finding[];
}

/** Extra columns formats use to carry what the contract has no column for. */
export const PARENT_ID_HEADER = 'Parent ID';
export const FRAMEWORK_HEADER = 'Framework';
export const RELATED_HEADER = 'Related';

/** Builds the result, dropping every row when any finding is an error. */
export function importResult(rows: Pick<ImportResult, 'tracks' | 'levels' | 'competencies'>, findings: Finding[]): ImportResult {
  if (hasErrors(findings)) return { ok: false, tracks: [], levels: [], competencies: [], findings };
  return { ok: true, ...rows, findings };
}

export function failed(findings: Finding[]): ImportResult {
  return { ok: false, tracks: [], levels: [], competencies: [], findings };
}

/** The imported rows as the three tabs they belong to. */
export function importedSheets(result: ImportResult): SheetSnapshot[] {
  return [
    { name: TRACKS_TAB.name, values: tabValues(TRACKS_TAB, result.tracks) },
    { name: LEVELS_TAB.name, values: tabValues(LEVELS_TAB, result.levels) },
    { name: COMPETENCIES_TAB.name, values: tabValues(COMPETENCIES_TAB, result.competencies) },
  ];
}

/** A whole workbook snapshot made of the imported tabs plus empty Positions and Modules tabs. */
export function importedSnapshot(result: ImportResult, spreadsheetId: string): WorkbookSnapshot {
  return {
    spreadsheetId,
    sheets: [
      ...importedSheets(result),
      { name: POSITIONS_TAB.name, values: [POSITIONS_TAB.columns.map((c) => c.header)] },
      { name: MODULES_TAB.name, values: [MODULES_TAB.columns.map((c) => c.header)] },
    ],
  };
}
