/**
 * A report tab as a plain description: what goes in which cell, which ranges are formatted how, where the
 * charts are. The report domain (shared/reports) produces it; the Sheets connector (sync-server/sheets) turns
 * it into one spreadsheets.batchUpdate, and the add-on's fallback writes its values with setValues. Ranges are
 * 0-based, end-exclusive (the Sheets API GridRange convention), relative to the tab.
 */

export type ReportCell = string | number | boolean | null;

export interface GridRange {
  startRow: number;
  endRow: number;
  startColumn: number;
  endColumn: number;
}

export type NumberFormatKind = 'percent' | 'decimal' | 'integer' | 'date';

export interface NumberFormatSpec {
  range: GridRange;
  kind: NumberFormatKind;
}

/** A colour scale from `low` (at min) to `high` (at max), e.g. completion rates red -> green. */
export interface HeatmapSpec {
  range: GridRange;
  /** 'higher-is-better' paints high values green; 'lower-is-better' paints them red (e.g. drop-off). */
  direction: 'higher-is-better' | 'lower-is-better';
  /** Fixed scale ends (e.g. 0 and 1 for rates); omit for the data's min/max. */
  min?: number;
  max?: number;
}

export interface ChartSpec {
  /** Stable within the tab, e.g. 'funnel'. */
  key: string;
  title: string;
  type: 'column' | 'bar' | 'line';
  /** The category labels: one column (or row) of cells. */
  domain: GridRange;
  /** One range per series, same length as the domain. */
  series: GridRange[];
  /** Where the chart's top-left corner sits (0-based cell). */
  anchor: { row: number; column: number };
}

export interface ReportTab {
  /** e.g. "Report ENG" or "Report Overview". */
  title: string;
  /** Row-major cell values; rows may differ in length (the writer pads with nulls). */
  rows: ReportCell[][];
  /** Rows (0-based) to print bold: section titles and table headers. */
  boldRows: number[];
  numberFormats: NumberFormatSpec[];
  heatmaps: HeatmapSpec[];
  charts: ChartSpec[];
  /** Frozen header rows (usually 0 or the title block). */
  frozenRows: number;
  /** Who may edit the tab besides the admins every report tab is protected for (a Team tab: its manager). */
  editors?: string[];
  /** Developer metadata put on the tab (key -> value): how a later refresh finds the tabs Rungs made. */
  metadata?: Record<string, string>;
}
