import { a1, headerKey } from '../cells';
import { error, warning } from '../findings';
import type { Level, Matrix } from '../model';
import { levelColumnsInOrder } from '../workbook-index';
import type { RuleContext } from './rules';

/** Matrix headers against the track's levels, expectations that vanish, and dependencies the track cannot satisfy. */
export function checkMatrices(ctx: RuleContext): void {
  for (const m of ctx.wb.matrices) {
    if (ctx.index.matrixByTrack.get(m.trackId) !== m || !ctx.index.trackById.has(m.trackId)) continue;
    const levels = ctx.index.levelsByTrack.get(m.trackId) ?? [];
    if (levels.length > 0 && m.idCol >= 0) checkHeaders(ctx, m, levels);
    checkRows(ctx, m, levels);
  }
}

function checkHeaders(ctx: RuleContext, m: Matrix, levels: Level[]): void {
  const expected = levels.map((l) => l.code);
  const expectedKeys = new Set(expected.map(headerKey));
  const seen = new Set<string>();
  const known: { code: string; col: number }[] = [];
  for (const col of m.levels) {
    const k = headerKey(col.code);
    if (seen.has(k)) {
      ctx.findings.push(error(m.sheet, a1(0, col.col), 'duplicate-header', `Level "${col.code}" has two columns in this matrix. Keep one.`));
      continue;
    }
    seen.add(k);
    if (!expectedKeys.has(k))
      ctx.findings.push(error(m.sheet, a1(0, col.col), 'matrix-level-unknown', `Column "${col.code}" is not a level of track ${m.trackId}, whose levels are ${expected.join(', ')}. Rename the column or add the level to the Levels tab.`));
    else known.push(col);
  }
  let nextFree = Math.max(m.idCol, m.nameCol, ...m.levels.map((l) => l.col)) + 1;
  for (const code of expected)
    if (!seen.has(headerKey(code)))
      ctx.findings.push(error(m.sheet, a1(0, nextFree++), 'matrix-level-missing', `Level "${code}" of track ${m.trackId} has no column in this matrix. Add a column headed "${code}" (Rungs > Build matrix tabs does it for you).`));
  const order = expected.map(headerKey).filter((k) => seen.has(k));
  for (let i = 0; i < known.length; i++)
    if (headerKey(known[i].code) !== order[i]) {
      ctx.findings.push(error(m.sheet, a1(0, known[i].col), 'matrix-level-order', `The level columns are out of order: "${known[i].code}" stands where "${expected.find((c) => headerKey(c) === order[i])}" should. Put the columns in level order: ${expected.join(', ')}.`));
      break;
    }
}

function checkRows(ctx: RuleContext, m: Matrix, levels: Level[]): void {
  const { findings, index } = ctx;
  const columns = levelColumnsInOrder(m, levels);
  // First level (position in `levels`) at which each competency is expected.
  const firstLevel = new Map<string, number>();
  for (const row of m.rows) {
    let first = -1;
    let lastFilled = -1;
    let dropped = false;
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i];
      if (c < 0) continue;
      const filled = row.expectations[c] !== '';
      if (filled) {
        if (first < 0) first = i;
        lastFilled = i;
      } else if (lastFilled >= 0 && !dropped) {
        dropped = true;
        findings.push(warning(m.sheet, a1(row.row, m.levels[c].col), 'expectation-dropped', `"${label(ctx, row.competencyId)}" is expected at level ${levels[lastFilled].code} but blank at the higher level ${levels[i].code}. Someone promoted to ${levels[i].code} would stop being expected to show it: write what ${levels[i].code} expects, or say why it no longer applies.`));
      }
    }
    if (first >= 0) firstLevel.set(row.competencyId, first);
    else if (row.expectations.every((e) => e === '') && columns.some((c) => c >= 0))
      findings.push(warning(m.sheet, a1(row.row, m.idCol), 'matrix-row-empty', `"${label(ctx, row.competencyId)}" is listed in this matrix but expected at no level. Fill in the levels that need it, or remove the row.`));
  }
  for (const row of m.rows) {
    const level = firstLevel.get(row.competencyId);
    const comp = index.competencyById.get(row.competencyId);
    if (level === undefined || !comp) continue;
    for (const dep of comp.dependsOn) {
      if (!index.competencyById.has(dep) || dep === row.competencyId) continue;
      const depLevel = firstLevel.get(dep);
      if (depLevel === undefined)
        findings.push(warning(m.sheet, a1(row.row, m.idCol), 'dependency-outside-track', `"${label(ctx, row.competencyId)}" depends on "${label(ctx, dep)}", but this matrix never expects "${label(ctx, dep)}", so the track's learning path will not develop it first. Add it to the matrix.`));
      else if (depLevel > level)
        findings.push(warning(m.sheet, a1(row.row, m.idCol), 'dependency-level', `"${label(ctx, row.competencyId)}" is expected from level ${levels[level].code}, but it depends on "${label(ctx, dep)}", which is only expected from ${levels[depLevel].code}. Expect "${label(ctx, dep)}" at ${levels[level].code} too, or start "${label(ctx, row.competencyId)}" later.`));
    }
  }
}

function label(ctx: RuleContext, competencyId: string): string {
  return ctx.index.competencyById.get(competencyId)?.name || competencyId;
}
