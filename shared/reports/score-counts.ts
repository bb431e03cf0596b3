import type { ScoreSummary } from './types';

/**
 * Scores kept as counts per distinct value: rubric scores are a handful of values however many records there are,
 * so medians and quartiles need no array of every score.
 */
export class ScoreCounts {
  private readonly counts = new Map<number, number>();
  n = 0;
  sum = 0;

  add(score: number): void {
    this.counts.set(score, (this.counts.get(score) ?? 0) + 1);
    this.n++;
    this.sum += score;
  }

  /** How many scores are at least `x` (with a tolerance for scores written as decimals). */
  atLeast(x: number): number {
    let out = 0;
    for (const [v, c] of this.counts) if (v >= x - 1e-9) out += c;
    return out;
  }

  /**
   * n, mean, min, quartiles, max; quartiles interpolate between closest ranks (h = (n - 1) p), as Sheets'
   * QUARTILE / QUARTILE.INC does. Null without scores.
   */
  summary(): ScoreSummary | null {
    if (this.n === 0) return null;
    const values = [...this.counts.keys()].sort((a, b) => a - b);
    const upTo: number[] = [];
    let running = 0;
    for (const v of values) upTo.push((running += this.counts.get(v)!));
    /** The score at 0-based rank k of the sorted scores. */
    const at = (k: number) => {
      let i = 0;
      while (upTo[i] <= k) i++;
      return values[i];
    };
    const quantile = (p: number) => {
      const h = (this.n - 1) * p;
      const lo = Math.floor(h);
      const low = at(lo);
      return h === lo ? low : low + (h - lo) * (at(lo + 1) - low);
    };
    return {
      n: this.n,
      mean: this.sum / this.n,
      min: values[0],
      q1: quantile(0.25),
      median: quantile(0.5),
      q3: quantile(0.75),
      max: values[values.length - 1],
    };
  }
}
