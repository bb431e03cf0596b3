import { describe, expect, it } from 'vitest';
import { analyzeTracks, FOUNDATION_CANDIDATE_SHARE, foundationCandidates, OVERLAP_THRESHOLD, overSegmentedPairs, trackOverlaps } from '../../shared/analysis';
import { workbookOf } from './builder';

// A = {X, Y, Z, W}, B = {X, Y, Z, V}, C = {X, Q}, D = {X, Y, Z, W, U}.
// Shares (common / union): A-B 3/5 = 0.6, A-C 1/5, A-D 4/5 = 0.8 (over 0.75), B-C 1/5, B-D 3/6 = 0.5, C-D 1/6.
// Required by at least half of the 4 tracks (2+): X (4), Y (3), Z (3), W (2).
const wb = workbookOf({
  tracks: {
    A: { levels: ['A1'], matrix: { X: 1, Y: 1, Z: 1, W: 1 } },
    B: { levels: ['B1'], matrix: { X: 1, Y: 1, Z: 1, V: 1 } },
    C: { levels: ['C1'], matrix: { X: 1, Q: 1 } },
    D: { levels: ['D1', 'D2'], matrix: { X: 1, Y: 1, Z: 1, W: 2, U: 2 } },
  },
  competencies: { X: { name: 'Org context', scope: 'Shared' }, Y: 'Writing', Z: 'Tooling', W: 'Debugging' },
});

describe('track analysis', () => {
  it('gives every pair its share and common count', () => {
    const shares = trackOverlaps(wb).map((o) => [o.a, o.b, o.common, Number(o.share.toFixed(3))]);
    expect(shares).toEqual([
      ['A', 'B', 3, 0.6], ['A', 'C', 1, 0.2], ['A', 'D', 4, 0.8], ['B', 'C', 1, 0.2], ['B', 'D', 3, 0.5], ['C', 'D', 1, 0.167],
    ]);
  });

  it('lists the shared foundation candidates with their tracks, most widely required first', () => {
    expect(FOUNDATION_CANDIDATE_SHARE).toBe(0.5);
    expect(foundationCandidates(wb).map((c) => [c.competencyId, c.name, c.scope, c.trackCount, c.trackIds])).toEqual([
      ['X', 'Org context', 'Shared', 4, ['A', 'B', 'C', 'D']],
      ['Y', 'Writing', 'Role', 3, ['A', 'B', 'D']],
      ['Z', 'Tooling', 'Role', 3, ['A', 'B', 'D']],
      ['W', 'Debugging', 'Role', 2, ['A', 'D']],
    ]);
  });

  it('flags over-segmentation with the same rule validation uses', () => {
    const analysis = analyzeTracks(wb);
    expect(analysis.overSegmented.map((o) => [o.a, o.b])).toEqual([['A', 'D']]);
    expect(analysis.overSegmented.map(({ a, b, common, share }) => ({ a, b, common, share }))).toEqual(overSegmentedPairs(wb));
    expect(analysis.overSegmented[0].message).toBe(
      'Tracks A and D share 80% of their competencies (4 in common): this looks like one role split in two. Consider one shared foundation with role-specific assessment instead of two separate tracks.',
    );
    expect(analysis.overlapThreshold).toBe(OVERLAP_THRESHOLD);
    expect(analysis.tracks).toEqual([
      { id: 'A', name: 'Track A', required: 4 },
      { id: 'B', name: 'Track B', required: 4 },
      { id: 'C', name: 'Track C', required: 2 },
      { id: 'D', name: 'Track D', required: 5 },
    ]);
    expect(analysis.overlaps).toHaveLength(6);
  });

  it('needs two tracks at least before calling anything a shared foundation', () => {
    const single = workbookOf({ tracks: { A: { levels: ['A1'], matrix: { X: 1 } } } });
    expect(foundationCandidates(single)).toEqual([]);
  });
});
