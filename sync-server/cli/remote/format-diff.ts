import { DIFF_SECTIONS, type Change, type DiffSection, type TrackDiff } from '../../../shared/track-diff';

const SECTION_NAMES: Record<DiffSection, string> = {
  track: 'track row', competencies: 'competencies', levels: 'levels', cells: 'matrix cells', positions: 'positions', modules: 'modules', rubricRows: 'rubric rows',
};

/** How many changes of a section are listed one by one; the rest are counted. */
const LISTED = 8;
const MARK: Record<Change['change'], string> = { added: '+', removed: '-', changed: '~' };

function counts(changes: readonly Change[]): string {
  const n = (kind: Change['change']) => changes.filter((c) => c.change === kind).length;
  return (['added', 'removed', 'changed'] as const).filter((k) => n(k) > 0).map((k) => `${n(k)} ${k}`).join(', ');
}

/**
 * A draft's diff as text lines: one line per section that changes (counts), and, against an earlier version, the
 * first few changes of each by id. A first publish adds everything, so only the counts are worth printing.
 */
export function formatDiff(diff: TrackDiff, activeVersion: number): string[] {
  const sections = DIFF_SECTIONS.filter((s) => diff[s].length > 0);
  if (sections.length === 0) return [activeVersion > 0 ? `  No changes against active version ${activeVersion}.` : '  The draft is empty.'];
  const width = Math.max(...sections.map((s) => SECTION_NAMES[s].length));
  const lines = [activeVersion > 0 ? `  Changes against active version ${activeVersion}:` : '  First version: everything is new.'];
  for (const s of sections) {
    lines.push(`    ${SECTION_NAMES[s].padEnd(width)}  ${counts(diff[s])}`);
    if (activeVersion === 0) continue;
    for (const c of diff[s].slice(0, LISTED)) lines.push(`      ${MARK[c.change]} ${c.id}${c.change === 'changed' ? ` (${c.fields.join(', ')})` : ''}`);
    if (diff[s].length > LISTED) lines.push(`      ... and ${diff[s].length - LISTED} more`);
  }
  return lines;
}

/** True when publishing the draft would change nothing. */
export const isEmptyDiff = (diff: TrackDiff) => DIFF_SECTIONS.every((s) => diff[s].length === 0);
