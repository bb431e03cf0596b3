import { parseA1 } from '../cells';
import type { Finding } from '../findings';

/** How many findings an import answer lists; the total is always counted. */
export const LISTED_FINDINGS = 1000;

/**
 * Findings of one import: the `cap` first in row order kept (findings may arrive out of row order: duplicates are
 * found per batch, or once the whole file is in), every one counted.
 */
export class FindingsTally {
  private kept: Finding[] = [];
  total = 0;
  errors = 0;

  constructor(private readonly cap = LISTED_FINDINGS) {}

  add(findings: readonly Finding[]): void {
    for (const f of findings) {
      this.total++;
      if (f.severity === 'error') this.errors++;
      this.kept.push(f);
      if (this.kept.length >= 2 * this.cap) this.trim();
    }
  }

  /** Listed findings in row order, then column. */
  list(): Finding[] {
    this.trim();
    return [...this.kept];
  }

  /** Sorted by cell (stable: same-cell findings keep their order), the first `cap` kept. */
  private trim(): void {
    const pos = (cell: string) => {
      const at = parseA1(cell);
      return at ? at.row * 1e5 + at.col : 0;
    };
    this.kept = this.kept.map((f) => ({ f, p: pos(f.cell) })).sort((a, b) => a.p - b.p).slice(0, this.cap).map((x) => x.f);
  }
}
