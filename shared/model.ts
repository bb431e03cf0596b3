import type { CellValue } from './cells';
import type { GateKind, Scope, TrackStatus, TrackType } from './contract';

/** Where a parsed row lives: its sheet, its 0-based row index in `values`, and the column index of each field. */
export interface RowAt {
  sheet: string;
  row: number;
  /** Field key -> 0-based column; -1 when the tab has no such column. Shared by every row of a tab. */
  cols: Readonly<Record<string, number>>;
}

/** Columns the contract does not know, kept as header -> value so writers never drop them. */
export type ExtraCells = Record<string, CellValue>;

export interface Track {
  id: string;
  name: string;
  type: TrackType | null;
  ownerEmail: string;
  status: TrackStatus;
  /** ISO date YYYY-MM-DD, or null when blank or invalid. */
  reviewBy: string | null;
  description: string;
  at: RowAt;
  extra: ExtraCells;
}

export interface Level {
  trackId: string;
  code: string;
  name: string;
  /** 1..n within the track; null when blank or not a whole number. */
  order: number | null;
  description: string;
  at: RowAt;
  extra: ExtraCells;
}

export interface Competency {
  id: string;
  name: string;
  scope: Scope | null;
  dependsOn: string[];
  description: string;
  at: RowAt;
  extra: ExtraCells;
}

export interface Position {
  id: string;
  title: string;
  trackId: string;
  levelCode: string;
  at: RowAt;
  extra: ExtraCells;
}

export interface Gate {
  kind: GateKind;
  /** Percent, 0..100. */
  minPercent: number;
  text: string;
}

export interface Module {
  id: string;
  title: string;
  /** A track id, or "Shared". */
  trackId: string;
  develops: string[];
  prerequisites: string[];
  gate: Gate | null;
  durationHours: number | null;
  at: RowAt;
  extra: ExtraCells;
}

export interface Employee {
  id: string;
  name: string;
  email: string;
  positionId: string;
  managerEmail: string;
  at: RowAt;
  extra: ExtraCells;
}

export interface MatrixLevelColumn {
  code: string;
  col: number;
}

export interface MatrixRow {
  competencyId: string;
  name: string;
  /** 0-based row index in the matrix tab. */
  row: number;
  /** Expectation text per level column, aligned with `Matrix.levels`; '' = not required at that level. */
  expectations: string[];
}

export interface Matrix {
  trackId: string;
  sheet: string;
  idCol: number;
  nameCol: number;
  /** The level columns as the tab's header row has them, left to right. */
  levels: MatrixLevelColumn[];
  rows: MatrixRow[];
}

export interface RubricScore {
  score: number;
  label: string;
  col: number;
}

export interface RubricDimension {
  name: string;
  competencyId: string;
  weight: number | null;
  /** Descriptor per score, aligned with `Rubric.scale`. */
  descriptors: string[];
  row: number;
}

export interface Rubric {
  trackId: string;
  sheet: string;
  dimensionCol: number;
  competencyCol: number;
  weightCol: number;
  scale: RubricScore[];
  dimensions: RubricDimension[];
  /** Percent 0..100 of the maximum weighted score; null when the Pass Threshold row is missing or invalid. */
  passThreshold: number | null;
  /** 0-based row of the Pass Threshold row, or null. */
  thresholdRow: number | null;
}

/** A tab as found in the snapshot: its header row and which columns the contract did not claim. */
export interface TabInfo {
  name: string;
  headers: string[];
  cols: Readonly<Record<string, number>>;
  extraCols: number[];
}

export interface Workbook {
  spreadsheetId: string;
  /** Sheet names in snapshot order. */
  sheetNames: string[];
  /** Tab info by contract role ('tracks', 'levels', ...) for the fixed tabs that exist. */
  tabs: Partial<Record<string, TabInfo>>;
  tracks: Track[];
  levels: Level[];
  competencies: Competency[];
  positions: Position[];
  modules: Module[];
  employees: Employee[];
  matrices: Matrix[];
  rubrics: Rubric[];
}
