/** Per-cell attributes (notes, formats, validation rules) stored as rectangles: the last one covering a cell wins. */
export interface Rect {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export function covers(rect: Rect, row: number, column: number): boolean {
  return row >= rect.row && row < rect.row + rect.numRows && column >= rect.column && column < rect.column + rect.numColumns;
}

/** Setting a range is O(1) whatever its size (a rule on 999 rows is one entry), reading a cell scans newest first. */
export class CellLayer<T> {
  private readonly entries: { rect: Rect; value: T }[] = [];

  constructor(private readonly blank: T) {}

  set(rect: Rect, value: T): void {
    // A rectangle that hides earlier ones entirely replaces them, so the layer does not grow on repeated runs.
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i].rect;
      if (covers(rect, e.row, e.column) && covers(rect, e.row + e.numRows - 1, e.column + e.numColumns - 1)) this.entries.splice(i, 1);
    }
    this.entries.push({ rect: { ...rect }, value });
  }

  get(row: number, column: number): T {
    for (let i = this.entries.length - 1; i >= 0; i--) if (covers(this.entries[i].rect, row, column)) return this.entries[i].value;
    return this.blank;
  }

  /** Back to blank everywhere. */
  reset(): void {
    this.entries.length = 0;
  }

  /** Shifts everything at or after `column` right by `count` (columns inserted). */
  insertColumns(column: number, count: number): void {
    for (const e of this.entries) if (e.rect.column >= column) e.rect.column += count;
  }

  insertRows(row: number, count: number): void {
    for (const e of this.entries) if (e.rect.row >= row) e.rect.row += count;
  }
}
