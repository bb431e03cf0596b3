import type { Workbook } from './model';
import { indexWorkbook, type WorkbookIndex } from './workbook-index';

/** Above this share of competencies in common, two tracks look like one role split in two (the seed says 70-80%). */
export const OVERLAP_THRESHOLD = 0.75;

export interface TrackOverlap {
  a: string;
  b: string;
  /** Competencies both tracks require. */
  common: number;
  /** |A ∩ B| / |A ∪ B|: the share of the two tracks' competencies they have in common. */
  share: number;
}

/** Pairwise overlap of the competencies tracks require (tracks in Tracks-tab order, a before b). */
export function trackOverlaps(wb: Workbook, index: WorkbookIndex = indexWorkbook(wb)): TrackOverlap[] {
  const ids = [...index.trackById.keys()].filter((id) => index.requiredByTrack.has(id));
  const out: TrackOverlap[] = [];
  for (let i = 0; i < ids.length; i++) {
    const a = index.requiredByTrack.get(ids[i])!;
    for (let j = i + 1; j < ids.length; j++) {
      const b = index.requiredByTrack.get(ids[j])!;
      const [small, large] = a.size <= b.size ? [a, b] : [b, a];
      let common = 0;
      for (const c of small) if (large.has(c)) common++;
      const union = a.size + b.size - common;
      out.push({ a: ids[i], b: ids[j], common, share: union === 0 ? 0 : common / union });
    }
  }
  return out;
}

/** Pairs of tracks sharing more than the threshold: candidates for one shared foundation plus role-specific assessment. */
export function overSegmentedPairs(wb: Workbook, index?: WorkbookIndex, threshold = OVERLAP_THRESHOLD): TrackOverlap[] {
  return trackOverlaps(wb, index).filter((o) => o.share > threshold);
}
