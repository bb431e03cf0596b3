import { competenciesTask, levelsTask } from '../../shared/ai/competencies';
import { matrixTasks, rubricTasks } from '../../shared/ai/matrix';
import type { AiOperation } from '../../shared/ai/proposal';
import { GenerationInputError, type GenerationTask } from '../../shared/ai/task';
import { parseWorkbook } from '../../shared/parse/workbook';
import type { WorkbookSnapshot } from '../../shared/snapshot';
import { indexWorkbook } from '../../shared/workbook-index';
import { HttpError } from '../errors';

export type GenerationAsk =
  | { operation: 'competencies'; count?: number }
  | { operation: 'levels' }
  | { operation: 'matrix'; cells?: string[] }
  | { operation: 'rubric'; dimension: string; scores?: number[] };

/** The model calls a generation needs, from the snapshot the add-on sent; a request that cannot be served is an HttpError. */
export function buildTasks(snapshot: WorkbookSnapshot, trackId: string, ask: GenerationAsk): { operation: AiOperation; tasks: GenerationTask[] } {
  const { workbook } = parseWorkbook(snapshot);
  const index = indexWorkbook(workbook);
  const track = index.trackById.get(trackId);
  if (!track) throw new HttpError(404, 'unknown-track', `The workbook's Tracks tab has no track ${trackId}.`);
  try {
    switch (ask.operation) {
      case 'competencies': return { operation: ask.operation, tasks: [competenciesTask(workbook, track, ask.count)] };
      case 'levels': return { operation: ask.operation, tasks: [levelsTask(index, track)] };
      case 'matrix': return { operation: ask.operation, tasks: matrixTasks(index, track, ask.cells) };
      case 'rubric': return { operation: ask.operation, tasks: rubricTasks(index, track, ask.dimension, ask.scores) };
    }
  } catch (e) {
    if (e instanceof GenerationInputError) throw new HttpError(e.status, e.code, e.message);
    throw e;
  }
}
