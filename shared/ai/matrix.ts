import { a1, parseA1 } from '../cells';
import { MATRIX_ID_HEADER, RUBRIC_DIMENSION_HEADER } from '../contract';
import type { Track } from '../model';
import { levelColumnsInOrder, type WorkbookIndex } from '../workbook-index';
import { matrixRowPrompt, rubricPrompt } from './prompts';
import type { ProposalItem } from './proposal';
import { matrixRowSchema, rubricSchema, type MatrixRowOutput, type RubricOutput } from './schemas';
import { competencyBrief, GenerationInputError, levelBrief, task, trackBrief, type GenerationTask } from './task';

/**
 * One task per matrix row that has a target cell: the blank level cells, or only the `selected` A1 cells when given.
 * The model writes the whole row (so levels build on each other); only target cells become proposal items.
 */
export function matrixTasks(index: WorkbookIndex, track: Track, selected?: readonly string[]): GenerationTask[] {
  const matrix = index.matrixByTrack.get(track.id);
  if (!matrix) throw new GenerationInputError('no-matrix', 422, `The workbook has no "Matrix ${track.id}" tab.`);
  const levels = index.levelsByTrack.get(track.id) ?? [];
  const cols = levelColumnsInOrder(matrix, levels);
  const present = levels.map((l, i) => ({ level: l, at: cols[i] })).filter((x) => x.at >= 0);
  if (present.length === 0) throw new GenerationInputError('no-levels', 422, `Track ${track.id} has no levels that are columns of its matrix.`);
  const codes = present.map((x) => x.level.code);
  const picked = selected ? new Set(selected.map((ref) => parseA1(ref)).filter((p) => p !== undefined).map((p) => a1(p.row, p.col))) : null;

  return matrix.rows.flatMap((row) => {
    const current: Record<string, string> = {};
    present.forEach((x) => { current[x.level.code] = row.expectations[x.at] ?? ''; });
    const targets = present.filter((x) => {
      const cell = a1(row.row, matrix.levels[x.at].col);
      return picked ? picked.has(cell) : current[x.level.code] === '';
    });
    if (targets.length === 0 || row.competencyId === '') return [];
    const competency = index.competencyById.get(row.competencyId);
    return [task<MatrixRowOutput>({
      messages: matrixRowPrompt({
        track: trackBrief(track), levels: present.map((x) => levelBrief(x.level)), current,
        competency: competency ? competencyBrief(competency) : { id: row.competencyId, name: row.name, description: '' },
      }),
      schemaName: 'matrix_row',
      schema: matrixRowSchema(codes),
      toItems: (v) => targets.map((x): ProposalItem => ({
        kind: 'cell', id: `cell:${matrix.sheet}!${row.competencyId}/${x.level.code}`, sheet: matrix.sheet,
        rowHeader: MATRIX_ID_HEADER, rowKey: row.competencyId, column: matrix.levels[x.at].code,
        cell: a1(row.row, matrix.levels[x.at].col), value: v.expectations[x.level.code], basedOn: current[x.level.code],
      })),
    })];
  });
}

/** Descriptors per score for one rubric dimension: the blank ones, or the `scores` asked for. */
export function rubricTasks(index: WorkbookIndex, track: Track, dimension: string, scores?: readonly number[]): GenerationTask[] {
  const rubric = index.rubricByTrack.get(track.id);
  if (!rubric) throw new GenerationInputError('no-rubric', 422, `The workbook has no "Rubric ${track.id}" tab.`);
  const dim = rubric.dimensions.find((d) => d.name.trim().toLowerCase() === dimension.trim().toLowerCase());
  if (!dim) throw new GenerationInputError('unknown-dimension', 404, `"Rubric ${track.id}" has no dimension "${dimension}".`);
  const targets = rubric.scale.map((s, i) => ({ s, current: dim.descriptors[i] ?? '' }))
    .filter((x) => (scores ? scores.includes(x.s.score) : x.current === ''));
  if (targets.length === 0) return [];
  const competency = index.competencyById.get(dim.competencyId);
  return [task<RubricOutput>({
    messages: rubricPrompt({ track: trackBrief(track), dimension: dim.name, competency: competency ? competencyBrief(competency) : null, scale: rubric.scale }),
    schemaName: 'rubric_descriptors',
    schema: rubricSchema(rubric.scale.map((s) => s.score)),
    toItems: (v) => targets.map((x): ProposalItem => ({
      kind: 'cell', id: `cell:${rubric.sheet}!${dim.name}/${x.s.score}`, sheet: rubric.sheet,
      rowHeader: RUBRIC_DIMENSION_HEADER, rowKey: dim.name, column: x.s.label ? `${x.s.score} ${x.s.label}` : String(x.s.score),
      cell: a1(dim.row, x.s.col), value: v.descriptors[String(x.s.score)], basedOn: x.current,
    })),
  })];
}
