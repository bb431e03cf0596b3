import { cellOf } from '../at';
import { overSegmentedPairs } from '../analysis';
import { warning } from '../findings';
import type { RuleContext } from './rules';

/** Tracks that share most of their competencies look like one role split in two (over-segmentation). */
export function checkOverlap(ctx: RuleContext): void {
  for (const pair of overSegmentedPairs(ctx.wb, ctx.index)) {
    const b = ctx.index.trackById.get(pair.b)!;
    const a = ctx.index.trackById.get(pair.a)!;
    const pct = Math.round(pair.share * 100);
    ctx.findings.push(warning(b.at.sheet, cellOf(b.at, 'id'), 'track-overlap', `Tracks "${a.name || a.id}" and "${b.name || b.id}" share ${pct}% of their competencies (${pair.common} in common). Separate tracks this similar are hard to keep current: consider one shared foundation for what they have in common, with role-specific modules and assessment only where they truly differ.`));
  }
}
