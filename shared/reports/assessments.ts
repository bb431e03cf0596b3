/**
 * Assessment records kept as parallel typed arrays (group, evaluator, role, score, date): calibration needs every
 * evaluator's score beside the others' on the same learner and dimension, and which score is an evaluator's latest
 * is known only once every record is in. A group is one (learner, rubric dimension of a track).
 */
import { headerKey } from '../cells';
import { EVALUATOR_ROLES, type AssessmentRecord, type EvaluatorRole } from '../records';
import { ensureLength, Interner } from './grow';
import type { DimensionPlan, ReportPlan } from './plan';
import type { IgnoredReason } from './types';

const ROLE_INDEX = new Map<string, number>(EVALUATOR_ROLES.map((r, i) => [r, i]));
export const SELF_ROLE = ROLE_INDEX.get('self')!;
export const PEER_ROLE = ROLE_INDEX.get('peer')!;
export const roleName = (i: number): EvaluatorRole => EVALUATOR_ROLES[i];

/** One (learner, dimension) group after keeping each evaluator's latest score; arrays are scratch, valid during the call. */
export interface ScoredGroup {
  dimension: DimensionPlan;
  learner: number;
  count: number;
  evaluators: Int32Array;
  roles: Uint8Array;
  scores: Float64Array;
}

export interface GroupVisitor {
  /** Called with each Active track's groups, tracks in plan order, a learner's groups together. */
  group(g: ScoredGroup): void;
  endTrack(trackSlot: number): void;
}

export class AssessmentStore {
  readonly evaluators = new Interner();
  private readonly dates = new Interner();
  private readonly groupByKey = new Map<number, number>();
  private groupDim = new Uint32Array(0);
  private groupLearner = new Uint32Array(0);
  private groups = 0;
  private entGroup = new Uint32Array(0);
  private entEvaluator = new Uint32Array(0);
  private entRole = new Uint8Array(0);
  private entScore = new Float64Array(0);
  private entDate = new Uint32Array(0);
  private entries = 0;
  /** Per track: the dimension text as written in records -> its dimension (null: none). */
  private readonly dimensionCache: Map<string, DimensionPlan | null>[];
  read = 0;

  constructor(private readonly plan: ReportPlan) {
    this.dimensionCache = plan.tracks.map(() => new Map());
  }

  add(batch: readonly AssessmentRecord[], ignore: (reason: IgnoredReason) => void): void {
    const { plan } = this;
    const dimensionCount = plan.dimensions.length;
    for (const r of batch) {
      this.read++;
      const t = plan.trackSlotById.get(r.trackId);
      if (t === undefined) {
        ignore(plan.inactiveTrackIds.has(r.trackId) ? 'track-not-active' : 'unknown-track');
        continue;
      }
      const track = plan.tracks[t];
      if (track.rubric === null) {
        ignore('no-rubric');
        continue;
      }
      const cache = this.dimensionCache[t];
      let dim = cache.get(r.dimension);
      if (dim === undefined) cache.set(r.dimension, (dim = track.dimensionByKey.get(headerKey(r.dimension)) ?? null));
      if (dim === null) {
        ignore('unknown-dimension');
        continue;
      }
      if (dim.competencyId !== r.competencyId) {
        ignore('dimension-competency');
        continue;
      }
      const { scaleMin, scaleMax } = track.rubric;
      if (!(r.score >= scaleMin - 1e-9 && r.score <= scaleMax + 1e-9)) {
        ignore('score-off-scale');
        continue;
      }
      const learner = plan.employees.id(r.employeeId);
      const key = learner * dimensionCount + dim.slot;
      let g = this.groupByKey.get(key);
      if (g === undefined) {
        g = this.groups++;
        this.groupByKey.set(key, g);
        this.groupDim = ensureLength(this.groupDim, this.groups, Uint32Array);
        this.groupLearner = ensureLength(this.groupLearner, this.groups, Uint32Array);
        this.groupDim[g] = dim.slot;
        this.groupLearner[g] = learner;
      }
      const i = this.entries++;
      if (i >= this.entGroup.length) this.growEntries(i + 1);
      this.entGroup[i] = g;
      this.entEvaluator[i] = this.evaluators.id(r.evaluatorId);
      this.entRole[i] = ROLE_INDEX.get(r.evaluatorRole) ?? SELF_ROLE;
      this.entScore[i] = r.score;
      this.entDate[i] = this.dates.id(r.assessedAt);
    }
  }

  private growEntries(length: number): void {
    this.entGroup = ensureLength(this.entGroup, length, Uint32Array);
    this.entEvaluator = ensureLength(this.entEvaluator, length, Uint32Array);
    this.entRole = ensureLength(this.entRole, length, Uint8Array);
    this.entScore = ensureLength(this.entScore, length, Float64Array);
    this.entDate = ensureLength(this.entDate, length, Uint32Array);
  }

  /** Dates compare as ISO text; rank[date id] orders them. */
  private dateRanks(): Uint32Array {
    const order = this.dates.values.map((_, i) => i).sort((a, b) => (this.dates.values[a] < this.dates.values[b] ? -1 : this.dates.values[a] > this.dates.values[b] ? 1 : 0));
    const rank = new Uint32Array(order.length);
    order.forEach((id, r) => (rank[id] = r));
    return rank;
  }

  /** Entry indexes grouped by group, arrival order kept inside a group (a counting sort). */
  private entriesByGroup(): { start: Uint32Array; order: Uint32Array } {
    const start = new Uint32Array(this.groups + 1);
    for (let i = 0; i < this.entries; i++) start[this.entGroup[i] + 1]++;
    for (let g = 0; g < this.groups; g++) start[g + 1] += start[g];
    const next = start.slice(0, this.groups);
    const order = new Uint32Array(this.entries);
    for (let i = 0; i < this.entries; i++) order[next[this.entGroup[i]]++] = i;
    return { start, order };
  }

  /** Groups ordered by track (plan order), then learner, then dimension. */
  private groupOrder(): Float64Array {
    const learners = Math.max(1, this.plan.employees.size);
    const width = Math.max(1, ...this.plan.tracks.map((t) => t.dimensions.length));
    const keys = new Float64Array(this.groups);
    for (let g = 0; g < this.groups; g++) {
      const dim = this.plan.dimensions[this.groupDim[g]];
      keys[g] = ((dim.trackSlot * learners + this.groupLearner[g]) * width + dim.local) * this.groups + g;
    }
    return keys.sort();
  }

  /** Visits every group with each evaluator's latest score (on equal dates, the record read last). */
  visit(visitor: GroupVisitor): void {
    const rank = this.dateRanks();
    const { start, order } = this.entriesByGroup();
    const keys = this.groupOrder();
    let widest = 0;
    for (let g = 0; g < this.groups; g++) widest = Math.max(widest, start[g + 1] - start[g]);
    const slotOf = new Int32Array(this.evaluators.size);
    const stampOf = new Int32Array(this.evaluators.size).fill(-1);
    const dates = new Uint32Array(widest);
    const scratch: ScoredGroup = {
      dimension: this.plan.dimensions[0], learner: 0, count: 0,
      evaluators: new Int32Array(widest), roles: new Uint8Array(widest), scores: new Float64Array(widest),
    };
    let k = 0;
    for (let t = 0; t < this.plan.tracks.length; t++) {
      for (; k < keys.length; k++) {
        const g = keys[k] % this.groups;
        const dim = this.plan.dimensions[this.groupDim[g]];
        if (dim.trackSlot !== t) break;
        scratch.dimension = dim;
        scratch.learner = this.groupLearner[g];
        let n = 0;
        for (let j = start[g]; j < start[g + 1]; j++) {
          const i = order[j];
          const ev = this.entEvaluator[i];
          const date = rank[this.entDate[i]];
          let s = stampOf[ev] === g ? slotOf[ev] : -1;
          if (s < 0) {
            s = n++;
            stampOf[ev] = g;
            slotOf[ev] = s;
          } else if (date < dates[s]) continue;
          dates[s] = date;
          scratch.evaluators[s] = ev;
          scratch.roles[s] = this.entRole[i];
          scratch.scores[s] = this.entScore[i];
        }
        scratch.count = n;
        visitor.group(scratch);
      }
      visitor.endTrack(t);
    }
  }
}
