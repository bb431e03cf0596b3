/**
 * 1EdTech CASE package (1.0 or 1.1, as real publishers write it) -> Rungs rows.
 *
 * - Hierarchy by isChildOf, siblings in sequenceNumber order (then file order); rows come out in that tree order.
 * - CFItems of type "Track" -> Tracks, "Job Level" under a Track -> Levels (what Rungs itself exports). Grouping types
 *   (Grade, Domain, Cluster, Strand, ... see GROUPING_TYPES) and untyped items that have children -> the Groupings
 *   tab. Every other item (standards, components, competencies...) -> Competencies.
 * - Row id = humanCodingScheme (else the identifier); a code taken twice or holding a comma keeps the identifier as
 *   id and the code in "CASE Code". Name = abbreviatedStatement, else fullStatement; description = fullStatement when
 *   there is an abbreviatedStatement. The parent's id goes to "Parent ID".
 * - precedes between competencies -> Depends On of the destination; isRelatedTo between items -> "Related"; any other
 *   association, and any association with one end outside the package (a warning, never an error) -> "CASE
 *   Associations" of the item, so export writes it again. Identity: "CASE Identifier" / "CASE URI" (see case-identity).
 * - Errors (nothing imported): not JSON, wrong shape, an identifier used twice, an isChildOf whose child or parent is
 *   not in the package, a reference whose identifier is unknown while its uri names a node of the package
 *   (dangling), loops of isChildOf. Findings name the place with a JSON pointer. A loop of precedes is a warning (the
 *   sheet's validation then points at the Depends On cells).
 */
import { describeCycle, findCycles } from '../graph';
import { warning, type Finding } from '../findings';
import { ID_FORBIDDEN } from '../schemas';
import {
  caseBaseOf, DEFAULT_CASE_BASE_URI, derivedItemId, frameworkUuid, isUuid, itemKey, itemUri, sourceUuid, type ItemKind,
} from './case-identity';
import { CaseGraph } from './case-graph';
import { formatLinks } from './case-links';
import { noticeFindings } from './case-notices';
import { readCasePackage } from './case-read';
import { CASE_COMPETENCY, CASE_GROUPING, CASE_LEVEL, CASE_TRACK, type CasePackage } from './case-schema';
import {
  CASE_ASSOCIATIONS_HEADER, CASE_CODE_HEADER, CASE_IDENTIFIER_HEADER, CASE_URI_HEADER, EDUCATION_LEVEL_HEADER,
  FRAMEWORK_ID_HEADER, ITEM_TYPE_HEADER, KEYWORDS_HEADER, LANGUAGE_HEADER, NOTES_HEADER, PARENT_ID_HEADER, RELATED_HEADER,
  SEQUENCE_HEADER,
} from './exchange-columns';
import {
  failed, importResult, type ExtraText, type ImportedCompetency, type ImportedFramework, type ImportedGrouping,
  type ImportedLevel, type ImportedTrack, type ImportResult,
} from './imported';

export const CASE_SHEET = 'CASE';

/** CFItemTypes kept as groupings (matched ignoring case and spaces). */
export const GROUPING_TYPES: readonly string[] = [
  'Grade', 'Grade Level', 'Grade Band', 'Grade/Course', 'Course', 'Domain', 'Cluster', 'Strand', 'Sub-Strand', 'Substrand',
  'Chapter', 'Subchapter', 'Section', 'Section Heading', 'Category', 'Conceptual Category', 'Subject', 'Topic', 'Unit',
  'Theme', 'Claim', 'Introduction', 'General Requirements', 'Implementation', 'Grouping', 'Folder',
];

export interface CaseImportOptions {
  /** The name findings use as their sheet (the file name); default "CASE". */
  fileName?: string;
  /** The framework identifier the rows will live under (the workbook merged into); default the package's document. */
  frameworkId?: string;
  /** The base of the item URIs Rungs derives in that workbook; default the package's. */
  baseUri?: string;
  /** CFItemTypes kept as groupings; default GROUPING_TYPES. */
  groupingTypes?: readonly string[];
}

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

class CaseImport {
  private readonly g: CaseGraph;
  private readonly findings: Finding[];

  constructor(private readonly pkg: CasePackage, private readonly sheet: string, private readonly options: CaseImportOptions) {
    this.g = new CaseGraph(pkg, sheet);
    this.findings = this.g.findings;
  }

  run(): ImportResult {
    const order = this.g.build();
    return order ? this.rows(order) : failed(this.findings);
  }

  private kinds(order: number[]): ItemKind[] {
    const groupingTypes = new Set((this.options.groupingTypes ?? GROUPING_TYPES).map(norm));
    const kinds: ItemKind[] = Array(this.g.items.length).fill('competency');
    for (const i of order) {
      const type = this.g.typeOf(i);
      const p = this.g.parentOf[i];
      if (type === CASE_TRACK && p < 0) kinds[i] = 'track';
      else if (type === CASE_LEVEL && p >= 0 && kinds[p] === 'track') kinds[i] = 'level';
      else if (groupingTypes.has(norm(type)) || (type === '' && this.g.children[i].length > 0)) kinds[i] = 'grouping';
    }
    return kinds;
  }

  private ids(order: number[], kinds: ItemKind[]): string[] {
    const ids: string[] = Array(this.g.items.length).fill('');
    const shared = new Set<string>();
    const tracks = new Set<string>();
    const levels = new Map<number, Set<string>>();
    for (const i of order) {
      const it = this.g.items[i];
      const code = (it.humanCodingScheme ?? '').trim();
      let space = shared;
      if (kinds[i] === 'track') space = tracks;
      else if (kinds[i] === 'level') {
        space = levels.get(this.g.parentOf[i]) ?? new Set<string>();
        levels.set(this.g.parentOf[i], space);
      }
      // An item Rungs exported from a source identifier that is not a UUID comes back under that source identifier.
      const own = this.g.sourceOf.get(i) ?? it.identifier.trim();
      let id = code !== '' && !ID_FORBIDDEN.test(code) && !space.has(code) ? code : own;
      if (space.has(id)) id = `${own}#${i}`;
      if (code !== '' && id !== code) this.g.tally.add('case-code-kept-aside', `/CFItems/${i}/humanCodingScheme`);
      space.add(id);
      ids[i] = id;
    }
    return ids;
  }

  private rows(order: number[]): ImportResult {
    const kinds = this.kinds(order);
    const ids = this.ids(order, kinds);
    const isCompetency = (i: number) => kinds[i] === 'competency';
    const dependsOn = new Map<number, string[]>();
    for (const p of this.g.precedes) {
      if (isCompetency(p.from) && isCompetency(p.to)) {
        const list = dependsOn.get(p.to) ?? [];
        if (!list.includes(ids[p.from])) list.push(ids[p.from]);
        dependsOn.set(p.to, list);
      } else {
        this.g.tally.add('case-precedes-kept', `/CFAssociations/${p.at}`);
        this.g.addLink(p.from, { type: 'precedes', direction: 'out', ...this.g.asLink(p.to) });
      }
    }
    const ring = order.filter(isCompetency).map((i) => ids[i]);
    const indexOfId = new Map(order.filter(isCompetency).map((i) => [ids[i], i]));
    for (const cycle of findCycles(ring, (id) => dependsOn.get(indexOfId.get(id) ?? -1) ?? [])) {
      const edge = this.g.precedes.find((p) => ids[p.to] === cycle.path[0] && ids[p.from] === cycle.path[1]) ?? this.g.precedes[0];
      // Kept as written: validation reports the loop in the sheet, at the Depends On cells to fix.
      this.findings.push(warning(this.sheet, `/CFAssociations/${edge.at}`, 'case-precedes-cycle', `These competencies precede each other in a loop, so no order exists: ${describeCycle(cycle)}. They are imported as written; fix their Depends On.`));
    }
    const related = new Map<number, string[]>();
    for (const r of this.g.related) {
      const list = related.get(r.from) ?? [];
      if (!list.includes(ids[r.to])) list.push(ids[r.to]);
      related.set(r.from, list);
    }

    const doc = this.pkg.CFDocument;
    const frameworkId = this.options.frameworkId ?? frameworkUuid(doc.identifier);
    const base = this.options.baseUri ?? caseBaseOf((this.pkg.CFDocument.uri ?? '').trim(), doc.identifier.trim()) ?? DEFAULT_CASE_BASE_URI;
    const identity = (i: number, key: string): ExtraText => {
      const raw = this.g.items[i].identifier.trim();
      const derived = derivedItemId(frameworkId, key);
      const source = this.g.sourceOf.get(i) ?? raw;
      const kept = isUuid(source) && source.toLowerCase() === derived && !this.g.sourceOf.has(i) ? '' : source;
      const exported = kept === '' ? derived : isUuid(kept) ? kept : sourceUuid(kept);
      const uri = (this.g.items[i].uri ?? '').trim();
      return { [CASE_IDENTIFIER_HEADER]: kept, [CASE_URI_HEADER]: uri === itemUri(base, exported) ? '' : uri };
    };

    // Export lists a parent's groupings before its competencies. Where a competency comes before a grouping under the
    // same parent, the two tabs cannot show that order: the position among the siblings is kept in Sequence.
    const isRow = (i: number) => kinds[i] === 'grouping' || kinds[i] === 'competency';
    const rowParent = (i: number) => (this.g.parentOf[i] >= 0 && isRow(this.g.parentOf[i]) ? this.g.parentOf[i] : -1);
    const mixed = new Set<number>();
    const competencyFirst = new Set<number>();
    const position = new Map<number, number>();
    const seen = new Map<number, number>();
    for (const i of order) {
      if (!isRow(i)) continue;
      const p = rowParent(i);
      if (kinds[i] === 'competency') competencyFirst.add(p);
      else if (competencyFirst.has(p)) mixed.add(p);
      const nth = (seen.get(p) ?? 0) + 1;
      seen.set(p, nth);
      position.set(i, nth);
    }

    const tracks: ImportedTrack[] = [];
    const levels: ImportedLevel[] = [];
    const groupings: ImportedGrouping[] = [];
    const competencies: ImportedCompetency[] = [];
    const counts = new Map<string, Map<string, number>>();
    const siblingsSeen = new Map<number, number>();
    for (const i of order) {
      const it = this.g.items[i];
      const kind = kinds[i];
      const type = this.g.typeOf(i);
      const dest = kind === 'track' ? 'Tracks' : kind === 'level' ? 'Levels' : kind === 'grouping' ? 'Groupings' : 'Competencies';
      const byDest = counts.get(type) ?? new Map<string, number>();
      byDest.set(dest, (byDest.get(dest) ?? 0) + 1);
      counts.set(type, byDest);
      const abbreviated = (it.abbreviatedStatement ?? '').trim();
      const full = (it.fullStatement ?? '').trim();
      const name = abbreviated || full;
      const description = abbreviated ? full : '';
      const p = this.g.parentOf[i];
      const code = (it.humanCodingScheme ?? '').trim();
      const key = itemKey(kind, ids[i], kind === 'level' ? ids[p] : '');
      const links = this.g.links.get(i) ?? [];
      if (kind === 'track' || kind === 'level') {
        const extra = { [RELATED_HEADER]: (related.get(i) ?? []).join(', '), ...identity(i, key), [CASE_ASSOCIATIONS_HEADER]: formatLinks(links) };
        if (kind === 'track') tracks.push({ id: ids[i], name, description, extra });
        else {
          const nth = (siblingsSeen.get(p) ?? 0) + 1;
          siblingsSeen.set(p, nth);
          const listed = Number.parseInt(it.listEnumeration ?? '', 10);
          levels.push({ trackId: ids[p], code: ids[i], name, order: this.g.seqOf[i] ?? (Number.isFinite(listed) ? listed : nth), description, extra });
        }
        continue;
      }
      const keywords = it.conceptKeywords ?? [];
      const scopeWord = keywords.find((k) => /^(shared|role)$/i.test(k));
      const parentIsRow = p >= 0 && (kinds[p] === 'grouping' || kinds[p] === 'competency');
      if (p >= 0 && !parentIsRow) links.push({ type: 'isChildOf', direction: 'out', ...this.g.asLink(p) });
      const extra: ExtraText = {
        [PARENT_ID_HEADER]: parentIsRow ? ids[p] : '',
        ...(mixed.has(rowParent(i)) ? { [SEQUENCE_HEADER]: String(position.get(i)) } : {}),
        [RELATED_HEADER]: (related.get(i) ?? []).join(', '),
        [ITEM_TYPE_HEADER]: (kind === 'competency' && type === CASE_COMPETENCY) || (kind === 'grouping' && type === CASE_GROUPING) ? '' : type,
        [EDUCATION_LEVEL_HEADER]: (it.educationLevel ?? it.educationalLevel ?? []).join(', '),
        [LANGUAGE_HEADER]: (it.language ?? '').trim(),
        [NOTES_HEADER]: (it.notes ?? '').trim(),
        [KEYWORDS_HEADER]: keywords.filter((k) => k !== scopeWord).join(', '),
        [CASE_CODE_HEADER]: code !== '' && code !== ids[i] ? code : '',
        ...identity(i, key),
        [CASE_ASSOCIATIONS_HEADER]: formatLinks(links),
      };
      if (kind === 'grouping') groupings.push({ id: ids[i], name, description, extra });
      else {
        const scope = scopeWord === undefined ? undefined : /^role$/i.test(scopeWord) ? 'Role' : 'Shared';
        competencies.push({ id: ids[i], name, ...(scope ? { scope } : {}), dependsOn: dependsOn.get(i) ?? [], description, extra });
      }
    }
    this.findings.push(...noticeFindings(this.g.tally, this.sheet, this.pkg.CFRubrics?.length ?? 0, tracks.length));
    const summary = [...counts].map(([type, byDest]) => `${type || '(no item type)'}: ${[...byDest].map(([d, n]) => `${n} → ${d}`).join(', ')}`);
    return importResult({ framework: this.framework(), tracks, levels, competencies, groupings }, this.findings, summary);
  }

  private framework(): ImportedFramework {
    const d = this.pkg.CFDocument;
    const f: ImportedFramework = { [FRAMEWORK_ID_HEADER]: d.identifier.trim() };
    const set = (h: keyof ImportedFramework, v: string | undefined) => { if (v !== undefined && v.trim() !== '') f[h] = v.trim(); };
    set('Title', d.title);
    set('Description', d.description);
    set('Creator', d.creator);
    set('Publisher', d.publisher);
    set('Language', d.language);
    set('Subject', d.subject?.join(', '));
    set('Version', d.version);
    set('Adoption Status', d.adoptionStatus);
    set('Official Source URL', d.officialSourceURL);
    set('Notes', d.notes);
    set('URI', d.uri);
    return f;
  }
}

export function importCase(input: string | unknown, options: CaseImportOptions = {}): ImportResult {
  const sheet = options.fileName ?? CASE_SHEET;
  const findings: Finding[] = [];
  const pkg = readCasePackage(input, sheet, findings);
  if (!pkg) return failed(findings);
  return new CaseImport(pkg, sheet, options).run();
}
