import { cellOf } from '../at';
import { a1 } from '../cells';
import { error, type Finding } from '../findings';
import type { Employee, RowAt } from '../model';
import type { RuleContext } from './rules';

interface Where { sheet: string; cell: string; row: number }

function duplicates<T>(findings: Finding[], items: readonly T[], key: (t: T) => string, at: (t: T) => Where, label: string) {
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
    findings.push(error(where.sheet, where.cell, 'duplicate-id', `${label} "${k}" is used again here; it is already used in row ${seen + 1}. Each one must be unique, so give this row its own id or remove it.`));
  }
}

const field = (key: string) => (t: { at: RowAt }): Where => ({ sheet: t.at.sheet, cell: cellOf(t.at, key), row: t.at.row });

/** Duplicate ids: tracks, levels within a track, competencies, positions, modules, employees, matrix rows, rubric dimensions. */
export function checkDuplicates(ctx: RuleContext): void {
  const { wb, findings } = ctx;
  duplicates(findings, wb.tracks, (t) => t.id, field('id'), 'Track ID');
  duplicates(findings, wb.levels, (l) => (l.trackId === '' || l.code === '' ? '' : `${l.trackId} ${l.code}`), field('code'), 'Level');
  duplicates(findings, wb.competencies, (c) => c.id, field('id'), 'Competency ID');
  duplicates(findings, wb.positions, (p) => p.id, field('id'), 'Position ID');
  duplicates(findings, wb.modules, (m) => m.id, field('id'), 'Module ID');
  duplicateEmployees(wb.employees, findings);
  for (const m of wb.matrices)
    duplicates(findings, m.rows, (r) => r.competencyId, (r) => ({ sheet: m.sheet, cell: a1(r.row, m.idCol), row: r.row }), 'Competency');
  for (const r of wb.rubrics)
    duplicates(findings, r.dimensions, (d) => d.name.toLowerCase(), (d) => ({ sheet: r.sheet, cell: a1(d.row, Math.max(r.dimensionCol, 0)), row: d.row }), 'Dimension');
}

/** Employee IDs used twice (also how the server checks an Employees tab sent on its own). */
export function duplicateEmployees(employees: readonly Employee[], findings: Finding[]): void {
  duplicates(findings, employees, (e) => e.id, field('id'), 'Employee ID');
}
