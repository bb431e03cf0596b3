/**
 * Evaluator calibration within one track. For each (learner, dimension) scored by two evaluators or more (self
 * aside), an evaluator's offset is their score minus the mean of the others' scores; their mean offset over those
 * cases says whether they score above (lenient) or below (harsh) their colleagues on the same people.
 */
import { EVALUATOR_ROLES } from '../records';
import { roleName } from './assessments';
import { topRows } from './top-rows';
import type { ReportThresholds } from './thresholds';
import type { EvaluatorReport } from './types';

const EPS = 1e-9;
const ROLES = EVALUATOR_ROLES.length;
/** Added to a flagged evaluator's sort key so that every flagged one ranks above every other (offsets are points). */
const FLAGGED = 2 ** 20;

export interface CalibrationResult {
  evaluators: EvaluatorReport[];
  /** Evaluators left out by the row cap. */
  more: number;
  lenient: number;
  harsh: number;
  multiRated: number;
  agreeing: number;
}

/** Sort key: evaluators without shared cases come after every offset. */
const magnitude = (offset: number | null) => (offset === null ? -1 : Math.abs(offset));

export class EvaluatorTally {
  private readonly sumOffset: Float64Array;
  private readonly cases: Uint32Array;
  private readonly given: Uint32Array;
  private readonly sumGiven: Float64Array;
  private readonly roleCounts: Uint32Array;
  private readonly touched: number[] = [];
  multiRated = 0;
  agreeing = 0;

  constructor(evaluatorCount: number, private readonly thresholds: ReportThresholds) {
    this.sumOffset = new Float64Array(evaluatorCount);
    this.cases = new Uint32Array(evaluatorCount);
    this.given = new Uint32Array(evaluatorCount);
    this.sumGiven = new Float64Array(evaluatorCount);
    this.roleCounts = new Uint32Array(evaluatorCount * ROLES);
  }

  /** One evaluator's latest score in a group. */
  score(evaluator: number, role: number, score: number): void {
    if (this.given[evaluator] === 0) this.touched.push(evaluator);
    this.given[evaluator]++;
    this.sumGiven[evaluator] += score;
    this.roleCounts[evaluator * ROLES + role]++;
  }

  /** A group's scores other than self-assessments: those at indexes `picked` of the arrays. */
  group(evaluators: Int32Array, scores: Float64Array, picked: readonly number[]): void {
    const m = picked.length;
    if (m < 2) return;
    let sum = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (const i of picked) {
      sum += scores[i];
      lo = Math.min(lo, scores[i]);
      hi = Math.max(hi, scores[i]);
    }
    this.multiRated++;
    if (hi - lo <= this.thresholds.agreementSpan + EPS) this.agreeing++;
    for (const i of picked) {
      const ev = evaluators[i];
      this.sumOffset[ev] += scores[i] - (sum - scores[i]) / (m - 1);
      this.cases[ev]++;
    }
  }

  /**
   * The track's evaluators, flagged ones first (largest offset first), at most `maxRows` of them, and how many more
   * there are; resets the tally for the next track.
   */
  finish(names: readonly string[], maxRows: number): CalibrationResult {
    const { multiRated, agreeing, touched } = this;
    const { calibrationOffset, calibrationMinCases } = this.thresholds;
    let lenient = 0;
    let harsh = 0;
    const offsets = touched.map((ev) => (this.cases[ev] > 0 ? this.sumOffset[ev] / this.cases[ev] : null));
    const flags = touched.map((ev, i): EvaluatorReport['flag'] => {
      const offset = offsets[i];
      if (offset === null || this.cases[ev] < calibrationMinCases || Math.abs(offset) < calibrationOffset - EPS) return null;
      if (offset > 0) lenient++;
      else harsh++;
      return offset > 0 ? 'lenient' : 'harsh';
    });
    const order = topRows(touched.length, maxRows, (i) => (flags[i] !== null ? FLAGGED : 0) + magnitude(offsets[i]), (a, b) =>
      Number(flags[b] !== null) - Number(flags[a] !== null)
      || magnitude(offsets[b]) - magnitude(offsets[a])
      || this.cases[touched[b]] - this.cases[touched[a]]
      || (names[touched[a]] < names[touched[b]] ? -1 : names[touched[a]] > names[touched[b]] ? 1 : 0));
    const evaluators = order.map((i): EvaluatorReport => {
      const ev = touched[i];
      return { evaluatorId: names[ev], role: roleName(this.mainRole(ev)), scores: this.given[ev], meanScore: this.sumGiven[ev] / this.given[ev], sharedCases: this.cases[ev], meanOffset: offsets[i], flag: flags[i] };
    });
    for (const ev of touched) {
      this.sumOffset[ev] = 0;
      this.cases[ev] = 0;
      this.given[ev] = 0;
      this.sumGiven[ev] = 0;
      this.roleCounts.fill(0, ev * ROLES, (ev + 1) * ROLES);
    }
    const more = touched.length - evaluators.length;
    this.touched.length = 0;
    this.multiRated = 0;
    this.agreeing = 0;
    return { evaluators, more, lenient, harsh, multiRated, agreeing };
  }

  /** The role an evaluator scored in most often (ties: the first in EVALUATOR_ROLES). */
  private mainRole(ev: number): number {
    let role = 0;
    for (let r = 1; r < ROLES; r++) if (this.roleCounts[ev * ROLES + r] > this.roleCounts[ev * ROLES + role]) role = r;
    return role;
  }
}
