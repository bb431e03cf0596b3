/** Notices of a CASE import that repeat (thousands of external links...), each reported once with its count. */
import { warning, type Finding } from '../findings';

/** Counts of one kind of notice, reported as one finding at the first place it occurs. */
export class Tally {
  private readonly seen = new Map<string, { count: number; at: string; detail: Map<string, number> }>();
  add(code: string, at: string, detail = ''): void {
    const t = this.seen.get(code) ?? { count: 0, at, detail: new Map<string, number>() };
    t.count++;
    if (detail !== '') t.detail.set(detail, (t.detail.get(detail) ?? 0) + 1);
    this.seen.set(code, t);
  }
  get(code: string) { return this.seen.get(code); }
}

const detailText = (d: Map<string, number>) => [...d].map(([k, n]) => `${n} ${k}`).join(', ');


/** The tallied notices as findings, at the first place each occurs. */
export function noticeFindings(tally: Tally, sheet: string, rubrics: number, trackCount: number): Finding[] {
  const findings: Finding[] = [];
  const w = (code: string, message: (count: number, detail: string) => string) => {
    const t = tally.get(code);
    if (t) findings.push(warning(sheet, t.at, code, message(t.count, detailText(t.detail))));
  };
  const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  w('case-identifier-not-uuid', (c) => `${n(c, 'item has an identifier', 'items have identifiers')} that ${c === 1 ? 'is' : 'are'} not a UUID (CASE 1.1 requires UUIDs). ${c === 1 ? 'It is' : 'They are'} kept in the CASE Identifier column; export writes a UUID derived from each, with an exactMatchOf association to the original.`);
  w('case-item-repeated', (c) => `${n(c, 'item is', 'items are')} listed again, exactly as before, under the same identifier; each is imported once.`);
  w('case-external-reference', (c, d) => `${n(c, 'association links', 'associations link')} an item to something outside this package (${d}). ${c === 1 ? 'It is' : 'They are'} kept as external references in the CASE Associations column, and exported again.`);
  w('case-second-parent', (c) => `${n(c, 'item is', 'items are')} the child of more than one parent. Rungs keeps the first parent in Parent ID and the others in the CASE Associations column.`);
  w('case-code-kept-aside', (c) => `${n(c, 'human coding scheme is', 'human coding schemes are')} used twice or hold a comma, so ${c === 1 ? 'that item is' : 'those items are'} identified by ${c === 1 ? 'its' : 'their'} CASE identifier; the code is kept in the CASE Code column.`);
  w('case-precedes-kept', (c) => `${n(c, 'precedes association joins', 'precedes associations join')} items that are not both competencies (a grouping takes part), so ${c === 1 ? 'it is' : 'they are'} kept in the CASE Associations column rather than in Depends On.`);
  w('case-document-association', (c, d) => `${n(c, 'association involves', 'associations involve')} the framework document itself (${d}); Rungs has no place for ${c === 1 ? 'it' : 'them'} and does not import ${c === 1 ? 'it' : 'them'}.`);
  if (rubrics > 0) findings.push(warning(sheet, '/CFRubrics', 'case-rubrics-not-imported', `${n(rubrics, 'CASE rubric is', 'CASE rubrics are')} not imported: Rungs rubrics are written per track in the Rubric tabs.`));
  if (trackCount > 0) findings.push(warning(sheet, '/CFItems', 'case-track-incomplete', `${n(trackCount, 'track')} imported without Track Type and Owner Email (CASE has no such fields); fill them in.`));
  return findings;
}
