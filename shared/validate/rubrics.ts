import { a1, headerKey } from '../cells';
import { RUBRIC_THRESHOLD_LABEL } from '../contract';
import { error, warning } from '../findings';
import type { Rubric } from '../model';
import type { RuleContext } from './rules';

/** Each track's rubric: a usable scale, a pass threshold, dimensions tied to the track, and not a copy of another's. */
export function checkRubrics(ctx: RuleContext): void {
  const { index, findings } = ctx;
  const distinct: Signed[] = [];
  for (const r of ctx.wb.rubrics) {
    if (index.rubricByTrack.get(r.trackId) !== r || !index.trackById.has(r.trackId)) continue;
    checkScale(ctx, r);
    const firstCol = Math.max(r.dimensionCol, 0);
    if (r.dimensions.length === 0)
      findings.push(error(r.sheet, a1(1, firstCol), 'rubric-empty', `This rubric has no dimensions. Add one row per dimension you assess, each tied to a competency of track ${r.trackId}.`));
    if (r.thresholdRow === null) {
      const after = Math.max(0, ...r.dimensions.map((d) => d.row)) + 1;
      findings.push(error(r.sheet, a1(after, firstCol), 'rubric-threshold-missing', `This rubric has no pass threshold. Add a row with "${RUBRIC_THRESHOLD_LABEL}" in the Dimension column and the pass mark in the Weight column, e.g. 70%.`));
    }
    const required = index.requiredByTrack.get(r.trackId) ?? new Set<string>();
    for (const d of r.dimensions) {
      if (r.competencyCol >= 0 && d.competencyId !== '' && index.competencyById.has(d.competencyId) && !required.has(d.competencyId))
        findings.push(error(r.sheet, a1(d.row, r.competencyCol), 'rubric-competency-outside-track', `Dimension "${d.name}" assesses "${index.competencyById.get(d.competencyId)!.name || d.competencyId}", which the ${r.trackId} matrix does not expect at any level. A role's rubric should assess what that role needs: tie it to one of the track's competencies.`));
      d.descriptors.forEach((text, i) => {
        if (text === '')
          findings.push(warning(r.sheet, a1(d.row, r.scale[i].col), 'rubric-descriptor-missing', `Dimension "${d.name}" has no descriptor for score ${r.scale[i].score}${r.scale[i].label ? ` (${r.scale[i].label})` : ''}. Evaluators need to know what that score looks like.`));
      });
    }
    // Identical rubrics across tracks: same dimensions and descriptors, whatever the competency ids.
    if (r.dimensions.length > 0) {
      const signed: Signed = { rubric: r, names: dimensionNames(r), full: null };
      const earlier = distinct.find((d) => sameSignature(d, signed));
      if (earlier !== undefined)
        findings.push(warning(r.sheet, 'A1', 'rubric-identical', `This rubric is identical to the rubric of track ${earlier.rubric.trackId}. When every track is assessed with the same criteria the role-based design is only cosmetic: assess what ${r.trackId} specifically has to demonstrate.`));
      else distinct.push(signed);
    }
  }
}

function checkScale(ctx: RuleContext, r: Rubric): void {
  const lastHeader = Math.max(r.dimensionCol, r.competencyCol, r.weightCol, ...r.scale.map((s) => s.col));
  if (r.scale.length < 2) {
    ctx.findings.push(error(r.sheet, a1(0, lastHeader + 1), 'rubric-scale', `A rubric needs a score scale of at least two columns after Weight, e.g. "1 Beginning", "2 Developing", "3 Proficient", "4 Exemplary".`));
    return;
  }
  for (let i = 1; i < r.scale.length; i++)
    if (r.scale[i].score <= r.scale[i - 1].score) {
      ctx.findings.push(error(r.sheet, a1(0, r.scale[i].col), 'rubric-scale', `Score columns must go up from left to right; score ${r.scale[i].score} comes after ${r.scale[i - 1].score}.`));
      return;
    }
}

/**
 * A rubric with its signature, made only when needed: rubrics whose dimension names differ cannot be identical, and
 * comparing names spares reading every descriptor (most of a rubric's text).
 */
interface Signed {
  rubric: Rubric;
  /** The sorted keys of its dimension names, or null when its text holds a separator of the signature (then only the signature tells). */
  names: string | null;
  full: string | null;
}

const SEPARATORS = /[\u0001\u0002]/;

function dimensionNames(r: Rubric): string | null {
  for (const d of r.dimensions) {
    if (SEPARATORS.test(d.name)) return null;
    for (const text of d.descriptors) if (SEPARATORS.test(text)) return null;
  }
  return r.dimensions.map((d) => headerKey(d.name)).sort().join('\u0002');
}

/** Whether two rubrics have one signature. Equal signatures of texts without separators have equal sorted names. */
function sameSignature(a: Signed, b: Signed): boolean {
  if (a.names !== null && b.names !== null && a.names !== b.names) return false;
  a.full ??= signature(a.rubric);
  b.full ??= signature(b.rubric);
  return a.full === b.full;
}

function signature(r: Rubric): string {
  return r.dimensions
    .map((d) => [headerKey(d.name), ...d.descriptors.map(headerKey)].join('\u0001'))
    .sort()
    .join('\u0002');
}
