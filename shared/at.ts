import { a1 } from './cells';
import type { RowAt } from './model';

/** The A1 cell of a field of a parsed row; the row's first cell when the tab has no such column. */
export function cellOf(at: RowAt, key: string): string {
  const col = at.cols[key];
  return a1(at.row, col !== undefined && col >= 0 ? col : 0);
}
