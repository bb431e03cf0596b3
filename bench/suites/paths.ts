/**
 * Learning paths and inheritance at product scale (50 tracks x 10 levels, 3,000 competencies, 1,000 modules,
 * 100,000 employees). Parsing is done once, outside the timings; each timing includes building its own indexes.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { analyzeTracks } from '../../shared/analysis';
import { createInheritanceIndex, expectationsForEmployee } from '../../shared/inheritance';
import type { Workbook } from '../../shared/model';
import { parseWorkbook } from '../../shared/parse/workbook';
import { createPlacementIndex } from '../../shared/inheritance';
import { createPathIndex, orderTrackPath, remainingPathForEmployee } from '../../shared/paths';
import { generateWorkbook } from '../../test/support/generate-workbook';
import { median, ms, timeRuns, type BenchRow, type BenchSuite } from '../lib';

const NEXT_STEPS_TARGET_MS = 250;

const EMPLOYEES = 100_000;
const RUNS = 9;
const WARMUP = 2;
const NEXT_STEP_EMPLOYEES = 10_000;
const ORDER_TARGET_MS = 50;
const INHERIT_TARGET_MS = 500;

/** Collects garbage between phases (generating and parsing 100,000 employees leaves plenty) without --expose-gc. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Orders every track; throws if one cannot be ordered (the generated workbook has no loops). */
function orderAllTracks(wb: Workbook): number {
  const index = createPathIndex(wb);
  let steps = 0;
  for (const track of wb.tracks) {
    const result = orderTrackPath(wb, track.id, index);
    if (!result.ok) throw new Error(`track ${track.id}: ${result.error.message}`);
    steps += result.path.steps.length;
  }
  return steps;
}

/** Each employee's remaining path to their next level (nothing completed yet), with shared indexes. */
function nextStepsFor(wb: Workbook, count: number): number {
  const path = createPathIndex(wb);
  // One index of the workbook for both (the placement index can share the path index's).
  const indexes = { path, placement: createPlacementIndex(wb, path.workbook) };
  let steps = 0;
  for (const e of wb.employees.slice(0, count)) {
    const result = remainingPathForEmployee(wb, e.id, [], indexes);
    if (result.ok) steps += result.next.steps.length;
  }
  return steps;
}

function inheritAll(wb: Workbook): number {
  const index = createInheritanceIndex(wb);
  let placed = 0;
  for (const e of wb.employees) if (expectationsForEmployee(wb, e.id, index).ok) placed++;
  return placed;
}

export const pathsSuite: BenchSuite = {
  name: 'paths',
  async run(): Promise<BenchRow[]> {
    const gc = exposeGc();
    const rows: BenchRow[] = [];
    const row = (kase: string, metric: string, value: string, target?: string, ok?: boolean) =>
      rows.push({ suite: 'paths', case: kase, metric, value, target, ok });

    const { workbook } = parseWorkbook(generateWorkbook({ employees: EMPLOYEES }));
    const steps = orderAllTracks(workbook);
    row('product scale', 'tracks / modules / path steps', `${workbook.tracks.length} / ${workbook.modules.length} / ${steps}`);

    gc();
    const ordering = timeRuns(() => orderAllTracks(workbook), RUNS, WARMUP);
    const orderingMedian = median(ordering);
    row(`order all ${workbook.tracks.length} tracks`, 'median', ms(orderingMedian), `< ${ORDER_TARGET_MS} ms`, orderingMedian < ORDER_TARGET_MS);
    row(`order all ${workbook.tracks.length} tracks`, 'p-max', ms(Math.max(...ordering)));

    gc();
    const placed = inheritAll(workbook);
    row(`inheritance, ${workbook.employees.length} employees`, 'placed (Active track, linked position)', String(placed));
    const inheriting = timeRuns(() => inheritAll(workbook), RUNS, WARMUP);
    const inheritMedian = median(inheriting);
    row(`inheritance, ${workbook.employees.length} employees`, 'median', ms(inheritMedian), `< ${INHERIT_TARGET_MS} ms`, inheritMedian < INHERIT_TARGET_MS);
    row(`inheritance, ${workbook.employees.length} employees`, 'p-max', ms(Math.max(...inheriting)));

    gc();
    const nextSteps = median(timeRuns(() => nextStepsFor(workbook, NEXT_STEP_EMPLOYEES), 3, 1));
    row(`next steps, ${NEXT_STEP_EMPLOYEES} employees (indexes built in the timing)`, 'median', ms(nextSteps), `< ${NEXT_STEPS_TARGET_MS} ms`, nextSteps < NEXT_STEPS_TARGET_MS);

    const analysis = timeRuns(() => analyzeTracks(workbook), RUNS, WARMUP);
    row('analyze tracks (overlap, foundation)', 'median', ms(median(analysis)));
    return rows;
  },
};
