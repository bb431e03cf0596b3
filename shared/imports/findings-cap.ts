import { parseA1 } from '../cells';
import type { Finding } from '../findings';

/** How many findings an import answer lists; the total is always counted. */
export const LISTED_FINDINGS = 1000;

/** Findings of one import: the first `cap` kept (then sorted by row), every one counted. */
export class FindingsTally {
  private readonly kept: Finding[] = [];
  total = 0;
  errors = 0;

  constructor(private readonly cap = LISTED_FINDINGS) {}

  add(findings: readonly Finding[]): void {
    for (const f of findings) {
      this.total++;
      if (f.severity === 'error') this.errors++;
      if (this.kept.length < this.cap) this.kept.push(f);
    }
  }

  /** Listed findings in row order, then column. */
  list(): Finding[] {
    const pos = (cell: string) => {
      const at = parseA1(cell);
      return at ? at.row * 1e5 + at.col : 0;
    };
    return [...this.kept].sort((a, b) => pos(a.cell) - pos(b.cell));
  }
}
