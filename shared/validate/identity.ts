import { cellOf } from '../at';
import { a1 } from '../cells';
import { error } from '../findings';
import type { RowAt } from '../model';
import type { RuleContext } from './rules';

interface Where { sheet: string; cell: string; row: number }

function duplicates<T>(ctx: RuleContext, items: readonly T[], key: (t: T) => string, at: (t: T) => Where, label: string) {
  const first = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    if (k === '') continue;
    const seenItem = first.get(k);
    if (seenItem === undefined) {
      first.set(k, item);
      continue;
    }
    const where = at(item);
    const seen = at(seenItem).row;
    ctx.findings.push(error(where.sheet, where.cell, 'duplicate-id', `${label} "${k}" is used again here; it is already used in row ${seen + 1}. Each one must be unique, so give this row its own id or remove it.`));
  }
}

const field = (key: string) => (t: { at: RowAt }): Where => ({ sheet: t.at.sheet, cell: cellOf(t.at, key), row: t.at.row });

/** Duplicate ids: tracks, levels within a track, competencies, positions, modules, employees, matrix rows, rubric dimensions. */
export function checkDuplicates(ctx: RuleContext): void {
  const { wb } = ctx;
  duplicates(ctx, wb.tracks, (t) => t.id, field('id'), 'Track ID');
  duplicates(ctx, wb.levels, (l) => (l.trackId === '' || l.code === '' ? '' : `${l.trackId} ${l.code}`), field('code'), 'Level');
  duplicates(ctx, wb.competencies, (c) => c.id, field('id'), 'Competency ID');
  duplicates(ctx, wb.positions, (p) => p.id, field('id'), 'Position ID');
  duplicates(ctx, wb.modules, (m) => m.id, field('id'), 'Module ID');
  duplicates(ctx, wb.employees, (e) => e.id, field('id'), 'Employee ID');
  for (const m of wb.matrices)
    duplicates(ctx, m.rows, (r) => r.competencyId, (r) => ({ sheet: m.sheet, cell: a1(r.row, m.idCol), row: r.row }), 'Competency');
  for (const r of wb.rubrics)
    duplicates(ctx, r.dimensions, (d) => d.name.toLowerCase(), (d) => ({ sheet: r.sheet, cell: a1(d.row, Math.max(r.dimensionCol, 0)), row: d.row }), 'Dimension');
}
