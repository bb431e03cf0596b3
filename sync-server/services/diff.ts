import { parseWorkbook } from '../../shared/parse/workbook';
import type { WorkbookSnapshot } from '../../shared/snapshot';
import { DIFF_SECTIONS, type Change, type DiffSection, type TrackDiff } from '../../shared/track-diff';
import { sectionRecords, type DiffRecord, type DiffValue, type SectionRecords } from './diff-records';

export type { DiffRecord, DiffValue };

export { DIFF_SECTIONS, type Change, type DiffSection, type TrackDiff };

/**
 * What publishing `after` would change in a track whose active content is `before` (null: never published).
 * Pure and deterministic: ids sorted by code unit, fields in header order. The Status column is not content
 * (publish writes it), and blank, missing and null values are the same thing.
 */
export function diffTrack(before: WorkbookSnapshot | null, after: WorkbookSnapshot, trackId: string): TrackDiff {
  const a = sectionRecords(before ? parseWorkbook(before).workbook : null, trackId);
  const b = sectionRecords(parseWorkbook(after).workbook, trackId);
  const counts = { added: 0, removed: 0, changed: 0 };
  const sections = {} as Record<DiffSection, Change[]>;
  for (const s of DIFF_SECTIONS) {
    sections[s] = diffMaps(a[s as keyof SectionRecords], b[s as keyof SectionRecords]);
    for (const c of sections[s]) counts[c.change]++;
  }
  return { trackId, counts, ...sections };
}

const blank = (v: DiffValue | undefined) => v === undefined || v === null || v === '';
const same = (x: DiffValue | undefined, y: DiffValue | undefined) => (blank(x) && blank(y)) || x === y;
const byCodeUnit = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

export function diffMaps(before: ReadonlyMap<string, DiffRecord>, after: ReadonlyMap<string, DiffRecord>): Change[] {
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort(byCodeUnit);
  const out: Change[] = [];
  for (const id of ids) {
    const x = before.get(id);
    const y = after.get(id);
    if (!x && y) out.push({ id, change: 'added', before: null, after: y, fields: Object.keys(y) });
    else if (x && !y) out.push({ id, change: 'removed', before: x, after: null, fields: Object.keys(x) });
    else if (x && y) {
      const fields = [...new Set([...Object.keys(y), ...Object.keys(x)])].filter((k) => !same(x[k], y[k]));
      if (fields.length > 0) out.push({ id, change: 'changed', before: x, after: y, fields });
    }
  }
  return out;
}
