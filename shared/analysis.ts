import { z } from 'zod';
import type { Workbook } from './model';
import { indexWorkbook, type WorkbookIndex } from './workbook-index';

/** Above this share of competencies in common, two tracks look like one role split in two (the seed says 70-80%). */
export const OVERLAP_THRESHOLD = 0.75;

/** A competency required by at least this share of the tracks is a candidate for the shared foundation. */
export const FOUNDATION_CANDIDATE_SHARE = 0.5;

export const TrackOverlapSchema = z.object({
  a: z.string(),
  b: z.string(),
  /** Competencies both tracks require. */
  common: z.number().int(),
  /** |A ∩ B| / |A ∪ B|: the share of the two tracks' competencies they have in common. */
  share: z.number(),
});
export type TrackOverlap = z.infer<typeof TrackOverlapSchema>;

/** Pairwise overlap of the competencies tracks require (tracks in Tracks-tab order, a before b). */
export function trackOverlaps(wb: Workbook, index: WorkbookIndex = indexWorkbook(wb)): TrackOverlap[] {
  const ids = [...index.trackById.keys()].filter((id) => index.requiredByTrack.has(id));
  // Competency sets as bitsets: 1,225 pairs of 300-of-3,000 sets intersect in words, not in hash lookups.
  const bit = new Map<string, number>();
  for (const id of ids) for (const c of index.requiredByTrack.get(id)!) if (!bit.has(c)) bit.set(c, bit.size);
  const words = (bit.size + 31) >>> 5;
  const sets = ids.map((id) => {
    const set = new Uint32Array(words);
    for (const c of index.requiredByTrack.get(id)!) {
      const b = bit.get(c)!;
      set[b >>> 5] |= 1 << (b & 31);
    }
    return set;
  });
  const sizes = ids.map((id) => index.requiredByTrack.get(id)!.size);
  const out: TrackOverlap[] = [];
  for (let i = 0; i < ids.length; i++) {
    const a = sets[i];
    for (let j = i + 1; j < ids.length; j++) {
      const b = sets[j];
      let common = 0;
      for (let w = 0; w < words; w++) common += popcount(a[w] & b[w]);
      const union = sizes[i] + sizes[j] - common;
      out.push({ a: ids[i], b: ids[j], common, share: union === 0 ? 0 : common / union });
    }
  }
  return out;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Pairs of tracks sharing more than the threshold: candidates for one shared foundation plus role-specific assessment. */
export function overSegmentedPairs(wb: Workbook, index?: WorkbookIndex, threshold = OVERLAP_THRESHOLD): TrackOverlap[] {
  return trackOverlaps(wb, index).filter((o) => isOverSegmented(o, threshold));
}

/** The over-segmentation rule itself, shared by validation's warning and the analysis report. */
export function isOverSegmented(o: TrackOverlap, threshold = OVERLAP_THRESHOLD): boolean {
  return o.share > threshold;
}

export const AnalyzedTrackSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Competencies its matrix requires at one level at least. */
  required: z.number().int(),
});

export const FoundationCandidateSchema = z.object({
  competencyId: z.string(),
  name: z.string(),
  /** The competency's Scope today: a Role competency here may deserve to become Shared. */
  scope: z.enum(['Shared', 'Role']).nullable(),
  trackCount: z.number().int(),
  /** trackCount / the number of tracks with a matrix. */
  share: z.number(),
  trackIds: z.array(z.string()),
});
export type FoundationCandidate = z.infer<typeof FoundationCandidateSchema>;

export const OverSegmentationSchema = TrackOverlapSchema.extend({ message: z.string() });
export type OverSegmentation = z.infer<typeof OverSegmentationSchema>;

export const TrackAnalysisSchema = z
  .object({
    /** The tracks compared: those with a matrix, in Tracks-tab order. */
    tracks: z.array(AnalyzedTrackSchema),
    /** Every pair of those tracks. */
    overlaps: z.array(TrackOverlapSchema),
    overlapThreshold: z.number(),
    foundationCandidates: z.array(FoundationCandidateSchema),
    foundationShare: z.number(),
    overSegmented: z.array(OverSegmentationSchema),
  })
  .meta({ id: 'TrackAnalysis' });
export type TrackAnalysis = z.infer<typeof TrackAnalysisSchema>;

function comparedTrackIds(index: WorkbookIndex): string[] {
  return [...index.trackById.keys()].filter((id) => index.requiredByTrack.has(id));
}

/**
 * Competencies required by at least `share` of the tracks (and by two tracks at least: with one track every
 * competency would qualify), most widely required first, then by id.
 */
export function foundationCandidates(wb: Workbook, index: WorkbookIndex = indexWorkbook(wb), share = FOUNDATION_CANDIDATE_SHARE): FoundationCandidate[] {
  const ids = comparedTrackIds(index);
  const tracksRequiring = new Map<string, string[]>();
  for (const trackId of ids) {
    for (const c of index.requiredByTrack.get(trackId)!) {
      const list = tracksRequiring.get(c);
      if (list) list.push(trackId);
      else tracksRequiring.set(c, [trackId]);
    }
  }
  const needed = Math.max(2, Math.ceil(share * ids.length - 1e-9));
  const out: FoundationCandidate[] = [];
  for (const [competencyId, trackIds] of tracksRequiring) {
    if (trackIds.length < needed) continue;
    const competency = index.competencyById.get(competencyId);
    out.push({
      competencyId,
      name: competency?.name || competencyId,
      scope: competency?.scope ?? null,
      trackCount: trackIds.length,
      share: trackIds.length / ids.length,
      trackIds,
    });
  }
  return out.sort((x, y) => y.trackCount - x.trackCount || (x.competencyId < y.competencyId ? -1 : x.competencyId > y.competencyId ? 1 : 0));
}

export function overSegmentationMessage(o: TrackOverlap): string {
  return `Tracks ${o.a} and ${o.b} share ${Math.round(o.share * 100)}% of their competencies (${o.common} in common): this looks like one role split in two. Consider one shared foundation with role-specific assessment instead of two separate tracks.`;
}

/** The overlap table, the shared foundation candidates and the over-segmented pairs, from one pass over the tracks. */
export function analyzeTracks(wb: Workbook, index: WorkbookIndex = indexWorkbook(wb)): TrackAnalysis {
  const overlaps = trackOverlaps(wb, index);
  return {
    tracks: comparedTrackIds(index).map((id) => ({ id, name: index.trackById.get(id)!.name, required: index.requiredByTrack.get(id)!.size })),
    overlaps,
    overlapThreshold: OVERLAP_THRESHOLD,
    foundationCandidates: foundationCandidates(wb, index),
    foundationShare: FOUNDATION_CANDIDATE_SHARE,
    overSegmented: overlaps.filter((o) => isOverSegmented(o)).map((o) => ({ ...o, message: overSegmentationMessage(o) })),
  };
}
