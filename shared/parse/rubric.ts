import { a1, cellText, headerKey } from '../cells';
import { RUBRIC_COMPETENCY_HEADER, RUBRIC_DIMENSION_HEADER, RUBRIC_THRESHOLD_LABEL, RUBRIC_WEIGHT_HEADER } from '../contract';
import { error, type Finding } from '../findings';
import type { Rubric, RubricDimension, RubricScore } from '../model';
import { ID_FORBIDDEN, parsePercent } from '../schemas';
import type { SheetSnapshot } from '../snapshot';
import { isNoteHeader } from './matrix';
import { isBlankRow } from './table';

const SCORE_HEADER = /^(\d+(?:\.\d+)?)\s*(?:[-–:.)]\s*)?(.*)$/;

/**
 * Reads a `Rubric <Track ID>` tab. Layout: header row `Dimension`, `Competency ID`, `Weight`, then one column per
 * score of the scale (`1 Beginning` .. `4 Exemplary`); one row per dimension; a `Pass Threshold` row whose Weight
 * cell holds the pass mark as a percent of the maximum weighted score (e.g. 70%).
 */
export function parseRubric(sheet: SheetSnapshot, trackId: string, findings: Finding[]): Rubric {
  const headers = (sheet.values[0] ?? []).map(cellText);
  const find = (label: string) => headers.findIndex((h) => headerKey(h) === headerKey(label));
  const dimensionCol = find(RUBRIC_DIMENSION_HEADER);
  const competencyCol = find(RUBRIC_COMPETENCY_HEADER);
  const weightCol = find(RUBRIC_WEIGHT_HEADER);
  let nextFree = headers.length;
  for (const [col, label] of [
    [dimensionCol, RUBRIC_DIMENSION_HEADER],
    [competencyCol, RUBRIC_COMPETENCY_HEADER],
    [weightCol, RUBRIC_WEIGHT_HEADER],
  ] as const) {
    if (col < 0) findings.push(error(sheet.name, a1(0, nextFree++), 'missing-header', `The ${sheet.name} tab has no "${label}" column. A rubric's header row is Dimension, Competency ID, Weight, then one column per score (e.g. "1 Beginning").`));
  }
  const scale: RubricScore[] = [];
  headers.forEach((h, col) => {
    if (h === '' || col === dimensionCol || col === competencyCol || col === weightCol || isNoteHeader(h)) return;
    const m = SCORE_HEADER.exec(h);
    if (!m) {
      findings.push(error(sheet.name, a1(0, col), 'rubric-scale', `Column "${h}" is not a score of the scale. Score columns start with their score, e.g. "1 Beginning", "2 Developing".`));
      return;
    }
    scale.push({ score: Number(m[1]), label: m[2].trim(), col });
  });
  const dimensions: RubricDimension[] = [];
  let passThreshold: number | null = null;
  let thresholdRow: number | null = null;
  const { values } = sheet;
  const thresholdKey = headerKey(RUBRIC_THRESHOLD_LABEL);
  for (let r = 1; r < values.length; r++) {
    const row = values[r];
    if (isBlankRow(row)) continue;
    const name = dimensionCol >= 0 ? cellText(row[dimensionCol]) : '';
    const weightText = weightCol >= 0 ? cellText(row[weightCol]) : '';
    if (headerKey(name) === thresholdKey) {
      thresholdRow = r;
      passThreshold = parsePercent(weightText);
      if (passThreshold === null && weightCol >= 0)
        findings.push(error(sheet.name, a1(r, weightCol), 'bad-number', `The pass threshold "${weightText}" is not a percent from 0% to 100% (e.g. 70%).`));
      continue;
    }
    const competencyId = competencyCol >= 0 ? cellText(row[competencyCol]) : '';
    if (dimensionCol >= 0 && name === '') findings.push(error(sheet.name, a1(r, dimensionCol), 'missing-value', 'This rubric row has no Dimension name.'));
    if (competencyCol >= 0 && competencyId === '') findings.push(error(sheet.name, a1(r, competencyCol), 'missing-value', `Dimension "${name}" is not tied to a competency. Write the Competency ID it assesses.`));
    else if (ID_FORBIDDEN.test(competencyId)) findings.push(error(sheet.name, a1(r, competencyCol), 'bad-id', `A dimension is tied to exactly one competency; "${competencyId}" holds several.`));
    let weight: number | null = null;
    if (weightCol >= 0) {
      const n = Number(weightText.replace(/%$/, ''));
      if (weightText === '' || !Number.isFinite(n) || n <= 0)
        findings.push(error(sheet.name, a1(r, weightCol), weightText === '' ? 'missing-value' : 'bad-number', `The weight of "${name}" should be a number above 0${weightText === '' ? '' : `, not "${weightText}"`}.`));
      else weight = n;
    }
    dimensions.push({ name, competencyId, weight, descriptors: scale.map((s) => cellText(row[s.col])), row: r });
  }
  return { trackId, sheet: sheet.name, dimensionCol, competencyCol, weightCol, scale, dimensions, passThreshold, thresholdRow };
}
