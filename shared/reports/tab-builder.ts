/** Builds a ReportTab row by row, keeping the ranges of formats, heatmaps and charts in step with the rows. */
import type { ChartSpec, GridRange, HeatmapSpec, NumberFormatKind, ReportCell, ReportTab } from './layout';

export interface TableColumn {
  header: string;
  format?: NumberFormatKind;
}

export interface PlacedTable {
  headerRow: number;
  /** First and end (exclusive) data rows. */
  startRow: number;
  endRow: number;
  /** The range of one column's data cells. */
  column(index: number): GridRange;
}

export class TabBuilder {
  private readonly rows: ReportCell[][] = [];
  private readonly boldRows: number[] = [];
  private readonly tab: Pick<ReportTab, 'numberFormats' | 'heatmaps' | 'charts'> = { numberFormats: [], heatmaps: [], charts: [] };

  get nextRow(): number {
    return this.rows.length;
  }

  row(cells: ReportCell[], bold = false): number {
    const at = this.rows.push(cells) - 1;
    if (bold) this.boldRows.push(at);
    return at;
  }

  blank(): void {
    this.rows.push([]);
  }

  format(range: GridRange, kind: NumberFormatKind): void {
    if (range.endRow > range.startRow) this.tab.numberFormats.push({ range, kind });
  }

  /** A label in column A and a value in B (with its format), an optional note in C. */
  line(label: string, value: ReportCell, format?: NumberFormatKind, note?: string): number {
    const at = this.row(note === undefined ? [label, value] : [label, value, note]);
    if (format && typeof value === 'number') this.format({ startRow: at, endRow: at + 1, startColumn: 1, endColumn: 2 }, format);
    return at;
  }

  /** A bold header row, then the data rows; columns with a format get it over their data cells. */
  table(columns: readonly TableColumn[], data: readonly ReportCell[][]): PlacedTable {
    const headerRow = this.row(columns.map((c) => c.header), true);
    for (const r of data) this.row(r);
    const startRow = headerRow + 1;
    const endRow = startRow + data.length;
    const column = (index: number): GridRange => ({ startRow, endRow, startColumn: index, endColumn: index + 1 });
    columns.forEach((c, i) => c.format && this.format(column(i), c.format));
    return { headerRow, startRow, endRow, column };
  }

  heatmap(spec: HeatmapSpec): void {
    if (spec.range.endRow > spec.range.startRow) this.tab.heatmaps.push(spec);
  }

  chart(spec: ChartSpec): void {
    if (spec.domain.endRow > spec.domain.startRow) this.tab.charts.push(spec);
  }

  build(title: string, frozenRows: number): ReportTab {
    return { title, rows: this.rows, boldRows: this.boldRows, ...this.tab, frozenRows };
  }
}
