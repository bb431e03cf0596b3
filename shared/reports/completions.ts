/**
 * Completion records folded into three bitsets per employee (modules with any record, completed, failed): memory
 * grows with employees x modules, never with the number of records, and a batch costs a few bit operations a row.
 */
import type { CompletionFacts } from '../records';
import { ensureLength } from './grow';
import type { ReportPlan } from './plan';
import type { IgnoredReason } from './types';

/** Per Active track: learner counts per step of its path, in path order. */
export interface TrackFunnelCounts {
  enrolled: number;
  completedPath: number;
  reached: Uint32Array;
  completed: Uint32Array;
  failed: Uint32Array;
  completedThrough: Uint32Array;
}

export class CompletionStore {
  private readonly words: number;
  private readonly stride: number;
  private bits = new Uint32Array(0);
  private touched = new Uint8Array(0);
  read = 0;

  constructor(private readonly plan: ReportPlan) {
    this.words = Math.max(1, Math.ceil(plan.modules.size / 32));
    this.stride = this.words * 3;
  }

  add(batch: readonly CompletionFacts[], ignore: (reason: IgnoredReason) => void): void {
    const { modules, employees } = this.plan;
    const { words, stride } = this;
    for (const r of batch) {
      this.read++;
      const m = modules.find(r.moduleId);
      if (m === undefined) {
        ignore('unknown-module');
        continue;
      }
      const e = employees.id(r.employeeId);
      if (e >= this.touched.length) {
        this.touched = ensureLength(this.touched, e + 1, Uint8Array);
        this.bits = ensureLength(this.bits, this.touched.length * stride, Uint32Array);
      }
      this.touched[e] = 1;
      const at = e * stride + (m >>> 5);
      const bit = 1 << (m & 31);
      this.bits[at] |= bit;
      if (r.status === 'completed') this.bits[at + words] |= bit;
      else if (r.status === 'failed') this.bits[at + 2 * words] |= bit;
    }
  }

  /**
   * The learners of each track and how far along its path they got. A learner of a track is an employee with a
   * record on one of the track's own modules, or who holds a position on the track and has a record on its path:
   * doing a Shared foundation module alone does not enrol someone in every track whose path holds it.
   */
  funnels(): TrackFunnelCounts[] {
    const { tracks, moduleRoleTrack, placements } = this.plan;
    const { words, stride, bits } = this;
    const out = tracks.map((t): TrackFunnelCounts => {
      const n = t.path.length;
      return { enrolled: 0, completedPath: 0, reached: new Uint32Array(n), completed: new Uint32Array(n), failed: new Uint32Array(n), completedThrough: new Uint32Array(n) };
    });
    const stamp = new Int32Array(tracks.length).fill(-1);
    const hit: number[] = [];
    for (let e = 0; e < this.touched.length; e++) {
      if (this.touched[e] === 0) continue;
      const base = e * stride;
      hit.length = 0;
      for (let w = 0; w < words; w++) {
        let word = bits[base + w];
        while (word !== 0) {
          const low = word & -word;
          const t = moduleRoleTrack[w * 32 + 31 - Math.clz32(low)];
          if (t >= 0 && stamp[t] !== e) {
            stamp[t] = e;
            hit.push(t);
          }
          word ^= low;
        }
      }
      const own = e < placements.length ? placements[e]?.trackSlot : undefined;
      if (own !== undefined && stamp[own] !== e && tracks[own].path.some((p) => (bits[base + (p.moduleIndex >>> 5)] & (1 << (p.moduleIndex & 31))) !== 0)) hit.push(own);
      for (const t of hit) this.walk(out[t], tracks[t].path, base);
    }
    return out;
  }

  private walk(counts: TrackFunnelCounts, path: ReportPlan['tracks'][number]['path'], base: number): void {
    const { words, bits } = this;
    counts.enrolled++;
    let through = true;
    for (let i = 0; i < path.length; i++) {
      const m = path[i].moduleIndex;
      const at = base + (m >>> 5);
      const bit = 1 << (m & 31);
      if ((bits[at] & bit) === 0) {
        through = false;
        continue;
      }
      counts.reached[i]++;
      if ((bits[at + words] & bit) !== 0) {
        counts.completed[i]++;
        if (through) counts.completedThrough[i]++;
      } else {
        through = false;
        if ((bits[at + 2 * words] & bit) !== 0) counts.failed[i]++;
      }
    }
    if (through) counts.completedPath++;
  }
}
