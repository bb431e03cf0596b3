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
import { error, warning, type Finding } from '../findings';
import { ID_FORBIDDEN } from '../schemas';
import {
  caseBaseOf, DEFAULT_CASE_BASE_URI, derivedItemId, frameworkUuid, isUuid, itemKey, itemUri, sourceUuid, type ItemKind,
} from './case-identity';
import { formatLinks, type CaseLink } from './case-links';
import { readCasePackage } from './case-read';
import { CASE_COMPETENCY, CASE_GROUPING, CASE_LEVEL, CASE_TRACK, type CaseItem, type CaseLink as CaseRef, type CasePackage } from './case-schema';
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

type End = { kind: 'item'; index: number } | { kind: 'document' } | { kind: 'external'; link: Omit<CaseLink, 'type' | 'direction'> } | { kind: 'dangling' };

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
const UUID_TAIL = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

function sequence(v: string | undefined): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** Counts of one kind of notice, reported as one finding at the first place it occurs. */
class Tally {
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

class CaseImport {
  readonly findings: Finding[] = [];
  private readonly tally = new Tally();
  private readonly items: CaseItem[];
  private readonly byId = new Map<string, number>();
  private readonly byUri = new Map<string, number>();
  private readonly docId: string;
  private readonly docUri: string;
  private readonly typeTitles = new Map<string, string>();
  /** Chosen parent per item: -1 the document, -2 none, else an item index; with the isChildOf's sequence and index. */
  private parentOf: Int32Array;
  private seqOf: (number | undefined)[];
  private parentAt: number[];
  private readonly precedes: { from: number; to: number; at: number }[] = [];
  private readonly related: { from: number; to: number }[] = [];
  private readonly links = new Map<number, CaseLink[]>();
  private readonly sourceOf = new Map<number, string>();

  constructor(private readonly pkg: CasePackage, private readonly sheet: string, private readonly options: CaseImportOptions) {
    this.items = pkg.CFItems;
    this.docId = pkg.CFDocument.identifier.trim().toLowerCase();
    this.docUri = (pkg.CFDocument.uri ?? '').trim();
    const n = this.items.length;
    this.parentOf = new Int32Array(n).fill(-2);
    this.seqOf = Array(n).fill(undefined);
    this.parentAt = Array(n).fill(-1);
    for (const t of pkg.CFDefinitions?.CFItemTypes ?? []) if (t.identifier && t.title) this.typeTitles.set(t.identifier.toLowerCase(), t.title);
  }

  private err(at: string, code: string, message: string) { this.findings.push(error(this.sheet, at, code, message)); }

  typeOf(i: number): string {
    const it = this.items[i];
    return (it.CFItemType ?? '').trim() || (it.CFItemTypeURI?.title ?? '').trim() || this.typeTitles.get((it.CFItemTypeURI?.identifier ?? '').toLowerCase()) || '';
  }

  index(): void {
    this.items.forEach((it, i) => {
      const key = it.identifier.trim().toLowerCase();
      const first = this.byId.get(key);
      if (first !== undefined) this.err(`/CFItems/${i}/identifier`, 'case-duplicate-identifier', `Identifier ${it.identifier} is used by /CFItems/${first} too; each item needs its own.`);
      else this.byId.set(key, i);
      if (key === this.docId) this.err(`/CFItems/${i}/identifier`, 'case-duplicate-identifier', `Identifier ${it.identifier} is the CFDocument's own.`);
      const uri = (it.uri ?? '').trim();
      if (uri !== '' && !this.byUri.has(uri)) this.byUri.set(uri, i);
      if (!isUuid(it.identifier.trim())) this.tally.add('case-identifier-not-uuid', `/CFItems/${i}/identifier`);
    });
  }

  private resolve(ref: CaseRef): End {
    const id = (ref.identifier ?? '').trim();
    const uri = (ref.uri ?? '').trim();
    if (id !== '') {
      const i = this.byId.get(id.toLowerCase());
      if (i !== undefined) return { kind: 'item', index: i };
      if (id.toLowerCase() === this.docId) return { kind: 'document' };
      const sameUri = this.byUri.get(uri);
      // An item exported from a non-UUID source keeps that source as its uri: the exactMatchOf to it is no dangling.
      const ownSource = sameUri !== undefined && sourceUuid(id) === this.items[sameUri].identifier.trim().toLowerCase();
      if (uri !== '' && !ownSource && (sameUri !== undefined || uri === this.docUri)) return { kind: 'dangling' };
    } else {
      const i = this.byUri.get(uri);
      if (i !== undefined) return { kind: 'item', index: i };
      if (uri === this.docUri) return { kind: 'document' };
      const tail = UUID_TAIL.exec(uri)?.[1]?.toLowerCase();
      if (tail && this.byId.has(tail)) return { kind: 'item', index: this.byId.get(tail) ?? -1 };
      if (tail === this.docId) return { kind: 'document' };
    }
    return { kind: 'external', link: { identifier: id || uri, uri: uri || id, title: (ref.title ?? '').trim() } };
  }

  private addLink(item: number, link: CaseLink): void {
    const list = this.links.get(item);
    if (list) list.push(link);
    else this.links.set(item, [link]);
  }

  private asLink(i: number): Omit<CaseLink, 'type' | 'direction'> {
    const it = this.items[i];
    return { identifier: it.identifier.trim(), uri: (it.uri ?? '').trim() || it.identifier.trim(), title: (it.humanCodingScheme ?? '').trim() || (it.abbreviatedStatement ?? '').trim() || it.identifier.trim() };
  }

  associations(): void {
    this.pkg.CFAssociations.forEach((a, i) => {
      const at = `/CFAssociations/${i}`;
      const type = a.associationType.trim();
      const o = this.resolve(a.originNodeURI);
      const d = this.resolve(a.destinationNodeURI);
      const name = (r: CaseRef) => r.identifier ?? r.uri ?? '';
      if (o.kind === 'dangling') this.err(`${at}/originNodeURI/identifier`, 'case-dangling-association', `${at} starts at ${name(a.originNodeURI)}, which is not in the package although its uri names a node of it.`);
      if (d.kind === 'dangling') this.err(`${at}/destinationNodeURI/identifier`, 'case-dangling-association', `${at} points to ${name(a.destinationNodeURI)}, which is not in the package although its uri names a node of it.`);
      if (o.kind === 'dangling' || d.kind === 'dangling') return;
      if (type === 'isChildOf') {
        if (o.kind !== 'item') return this.err(`${at}/originNodeURI`, 'case-dangling-association', `${at} makes ${name(a.originNodeURI)} a child, but it is not an item of the package.`);
        if (d.kind !== 'item' && d.kind !== 'document') return this.err(`${at}/destinationNodeURI`, 'case-dangling-association', `${at} puts ${this.items[o.index].identifier} under ${name(a.destinationNodeURI)}, which is neither an item nor the document of the package.`);
        const parent = d.kind === 'document' ? -1 : d.index;
        if (this.parentOf[o.index] === -2) {
          this.parentOf[o.index] = parent;
          this.seqOf[o.index] = sequence(a.sequenceNumber);
          this.parentAt[o.index] = i;
        } else if (parent >= 0) {
          this.tally.add('case-second-parent', at);
          this.addLink(o.index, { type, direction: 'out', ...this.asLink(parent) });
        }
        return;
      }
      if (o.kind === 'item' && d.kind === 'item') {
        if (type === 'precedes') this.precedes.push({ from: o.index, to: d.index, at: i });
        else if (type === 'isRelatedTo') this.related.push({ from: o.index, to: d.index });
        else this.addLink(o.index, { type, direction: 'out', ...this.asLink(d.index) });
        return;
      }
      if (o.kind === 'item' && d.kind === 'external') {
        const own = this.items[o.index].identifier.trim().toLowerCase();
        if (type === 'exactMatchOf' && !this.sourceOf.has(o.index) && sourceUuid(d.link.identifier) === own) {
          this.sourceOf.set(o.index, d.link.identifier);
          return;
        }
        this.tally.add('case-external-reference', at, type);
        return this.addLink(o.index, { type, direction: 'out', ...d.link });
      }
      if (d.kind === 'item' && o.kind === 'external') {
        this.tally.add('case-external-reference', at, type);
        return this.addLink(d.index, { type, direction: 'in', ...o.link });
      }
      if (o.kind === 'document' || d.kind === 'document') return this.tally.add('case-document-association', at, type);
      this.err(at, 'case-dangling-association', `${at} (${type}) joins ${name(a.originNodeURI)} and ${name(a.destinationNodeURI)}, neither of which is in the package.`);
    });
  }

  /** Item indexes in tree order (parents before children, siblings by sequenceNumber), or undefined on a loop. */
  treeOrder(): number[] | undefined {
    const n = this.items.length;
    const state = new Uint8Array(n); // 0 new, 1 on the current walk, 2 done
    for (let start = 0; start < n; start++) {
      const walk: number[] = [];
      let i = start;
      while (i >= 0 && state[i] === 0) { state[i] = 1; walk.push(i); i = this.parentOf[i]; }
      if (i >= 0 && state[i] === 1) {
        const loop = walk.slice(walk.indexOf(i));
        const names = loop.map((k) => (this.items[k].humanCodingScheme ?? '').trim() || this.items[k].identifier).join(' → ');
        this.err(`/CFAssociations/${this.parentAt[i]}`, 'case-hierarchy-cycle', `These items are each other's parents through isChildOf, so they form no tree: ${names} → back to the first.`);
        return undefined;
      }
      for (const k of walk) state[k] = 2;
    }
    const children: number[][] = Array.from({ length: n }, () => []);
    const top: number[] = [];
    const loose: number[] = [];
    for (let i = 0; i < n; i++) {
      const p = this.parentOf[i];
      if (p >= 0) children[p].push(i);
      else if (p === -1) top.push(i);
      else loose.push(i);
    }
    const bySequence = (a: number, b: number) => (this.seqOf[a] ?? Infinity) - (this.seqOf[b] ?? Infinity) || a - b;
    const order: number[] = [];
    const stack = [...loose].reverse().concat([...top].sort(bySequence).reverse());
    while (stack.length > 0) {
      const i = stack.pop() as number;
      order.push(i);
      const kids = children[i].sort(bySequence);
      for (let k = kids.length - 1; k >= 0; k--) stack.push(kids[k]);
    }
    this.children = children;
    return order;
  }

  children: number[][] = [];

  run(): ImportResult {
    this.index();
    this.associations();
    if (this.findings.length > 0) return failed(this.findings);
    const order = this.treeOrder();
    if (!order) return failed(this.findings);
    return this.rows(order);
  }

  private kinds(order: number[]): ItemKind[] {
    const groupingTypes = new Set((this.options.groupingTypes ?? GROUPING_TYPES).map(norm));
    const kinds: ItemKind[] = Array(this.items.length).fill('competency');
    for (const i of order) {
      const type = this.typeOf(i);
      const p = this.parentOf[i];
      if (type === CASE_TRACK && p < 0) kinds[i] = 'track';
      else if (type === CASE_LEVEL && p >= 0 && kinds[p] === 'track') kinds[i] = 'level';
      else if (groupingTypes.has(norm(type)) || (type === '' && this.children[i].length > 0)) kinds[i] = 'grouping';
    }
    return kinds;
  }

  private ids(order: number[], kinds: ItemKind[]): string[] {
    const ids: string[] = Array(this.items.length).fill('');
    const shared = new Set<string>();
    const tracks = new Set<string>();
    const levels = new Map<number, Set<string>>();
    for (const i of order) {
      const it = this.items[i];
      const code = (it.humanCodingScheme ?? '').trim();
      let space = shared;
      if (kinds[i] === 'track') space = tracks;
      else if (kinds[i] === 'level') {
        space = levels.get(this.parentOf[i]) ?? new Set<string>();
        levels.set(this.parentOf[i], space);
      }
      let id = code !== '' && !ID_FORBIDDEN.test(code) && !space.has(code) ? code : it.identifier.trim();
      if (space.has(id)) id = `${it.identifier.trim()}#${i}`;
      if (code !== '' && id !== code) this.tally.add('case-code-kept-aside', `/CFItems/${i}/humanCodingScheme`);
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
    for (const p of this.precedes) {
      if (isCompetency(p.from) && isCompetency(p.to)) {
        const list = dependsOn.get(p.to) ?? [];
        if (!list.includes(ids[p.from])) list.push(ids[p.from]);
        dependsOn.set(p.to, list);
      } else {
        this.tally.add('case-precedes-kept', `/CFAssociations/${p.at}`);
        this.addLink(p.from, { type: 'precedes', direction: 'out', ...this.asLink(p.to) });
      }
    }
    const ring = order.filter(isCompetency).map((i) => ids[i]);
    const indexOfId = new Map(order.filter(isCompetency).map((i) => [ids[i], i]));
    for (const cycle of findCycles(ring, (id) => dependsOn.get(indexOfId.get(id) ?? -1) ?? [])) {
      const edge = this.precedes.find((p) => ids[p.to] === cycle.path[0] && ids[p.from] === cycle.path[1]) ?? this.precedes[0];
      // Kept as written: validation reports the loop in the sheet, at the Depends On cells to fix.
      this.findings.push(warning(this.sheet, `/CFAssociations/${edge.at}`, 'case-precedes-cycle', `These competencies precede each other in a loop, so no order exists: ${describeCycle(cycle)}. They are imported as written; fix their Depends On.`));
    }
    const related = new Map<number, string[]>();
    for (const r of this.related) {
      const list = related.get(r.from) ?? [];
      if (!list.includes(ids[r.to])) list.push(ids[r.to]);
      related.set(r.from, list);
    }

    const doc = this.pkg.CFDocument;
    const frameworkId = this.options.frameworkId ?? frameworkUuid(doc.identifier);
    const base = this.options.baseUri ?? caseBaseOf(this.docUri, doc.identifier.trim()) ?? DEFAULT_CASE_BASE_URI;
    const identity = (i: number, key: string): ExtraText => {
      const raw = this.items[i].identifier.trim();
      const derived = derivedItemId(frameworkId, key);
      const source = this.sourceOf.get(i) ?? raw;
      const kept = isUuid(source) && source.toLowerCase() === derived && !this.sourceOf.has(i) ? '' : source;
      const exported = kept === '' ? derived : isUuid(kept) ? kept : sourceUuid(kept);
      const uri = (this.items[i].uri ?? '').trim();
      return { [CASE_IDENTIFIER_HEADER]: kept, [CASE_URI_HEADER]: uri === itemUri(base, exported) ? '' : uri };
    };

    // Export lists a parent's groupings before its competencies. Where a competency comes before a grouping under the
    // same parent, the two tabs cannot show that order: the position among the siblings is kept in Sequence.
    const isRow = (i: number) => kinds[i] === 'grouping' || kinds[i] === 'competency';
    const rowParent = (i: number) => (this.parentOf[i] >= 0 && isRow(this.parentOf[i]) ? this.parentOf[i] : -1);
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
      const it = this.items[i];
      const kind = kinds[i];
      const type = this.typeOf(i);
      const dest = kind === 'track' ? 'Tracks' : kind === 'level' ? 'Levels' : kind === 'grouping' ? 'Groupings' : 'Competencies';
      const byDest = counts.get(type) ?? new Map<string, number>();
      byDest.set(dest, (byDest.get(dest) ?? 0) + 1);
      counts.set(type, byDest);
      const abbreviated = (it.abbreviatedStatement ?? '').trim();
      const full = (it.fullStatement ?? '').trim();
      const name = abbreviated || full;
      const description = abbreviated ? full : '';
      const p = this.parentOf[i];
      const code = (it.humanCodingScheme ?? '').trim();
      const key = itemKey(kind, ids[i], kind === 'level' ? ids[p] : '');
      const links = this.links.get(i) ?? [];
      if (kind === 'track' || kind === 'level') {
        const extra = { [RELATED_HEADER]: (related.get(i) ?? []).join(', '), ...identity(i, key), [CASE_ASSOCIATIONS_HEADER]: formatLinks(links) };
        if (kind === 'track') tracks.push({ id: ids[i], name, description, extra });
        else {
          const nth = (siblingsSeen.get(p) ?? 0) + 1;
          siblingsSeen.set(p, nth);
          const listed = Number.parseInt(it.listEnumeration ?? '', 10);
          levels.push({ trackId: ids[p], code: ids[i], name, order: this.seqOf[i] ?? (Number.isFinite(listed) ? listed : nth), description, extra });
        }
        continue;
      }
      const keywords = it.conceptKeywords ?? [];
      const scopeWord = keywords.find((k) => /^(shared|role)$/i.test(k));
      const parentIsRow = p >= 0 && (kinds[p] === 'grouping' || kinds[p] === 'competency');
      if (p >= 0 && !parentIsRow) links.push({ type: 'isChildOf', direction: 'out', ...this.asLink(p) });
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
    this.notices(tracks.length);
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

  private notices(trackCount: number): void {
    const w = (code: string, message: (count: number, detail: string) => string) => {
      const t = this.tally.get(code);
      if (t) this.findings.push(warning(this.sheet, t.at, code, message(t.count, detailText(t.detail))));
    };
    const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
    w('case-identifier-not-uuid', (c) => `${n(c, 'item has an identifier', 'items have identifiers')} that ${c === 1 ? 'is' : 'are'} not a UUID (CASE 1.1 requires UUIDs). ${c === 1 ? 'It is' : 'They are'} kept in the CASE Identifier column; export writes a UUID derived from each, with an exactMatchOf association to the original.`);
    w('case-external-reference', (c, d) => `${n(c, 'association links', 'associations link')} an item to something outside this package (${d}). ${c === 1 ? 'It is' : 'They are'} kept as external references in the CASE Associations column, and exported again.`);
    w('case-second-parent', (c) => `${n(c, 'item is', 'items are')} the child of more than one parent. Rungs keeps the first parent in Parent ID and the others in the CASE Associations column.`);
    w('case-code-kept-aside', (c) => `${n(c, 'human coding scheme is', 'human coding schemes are')} used twice or hold a comma, so ${c === 1 ? 'that item is' : 'those items are'} identified by ${c === 1 ? 'its' : 'their'} CASE identifier; the code is kept in the CASE Code column.`);
    w('case-precedes-kept', (c) => `${n(c, 'precedes association joins', 'precedes associations join')} items that are not both competencies (a grouping takes part), so ${c === 1 ? 'it is' : 'they are'} kept in the CASE Associations column rather than in Depends On.`);
    w('case-document-association', (c, d) => `${n(c, 'association involves', 'associations involve')} the framework document itself (${d}); Rungs has no place for ${c === 1 ? 'it' : 'them'} and does not import ${c === 1 ? 'it' : 'them'}.`);
    const rubrics = this.pkg.CFRubrics?.length ?? 0;
    if (rubrics > 0) this.findings.push(warning(this.sheet, '/CFRubrics', 'case-rubrics-not-imported', `${n(rubrics, 'CASE rubric is', 'CASE rubrics are')} not imported: Rungs rubrics are written per track in the Rubric tabs.`));
    if (trackCount > 0) this.findings.push(warning(this.sheet, '/CFItems', 'case-track-incomplete', `${n(trackCount, 'track')} imported without Track Type and Owner Email (CASE has no such fields); fill them in.`));
  }
}

export function importCase(input: string | unknown, options: CaseImportOptions = {}): ImportResult {
  const sheet = options.fileName ?? CASE_SHEET;
  const findings: Finding[] = [];
  const pkg = readCasePackage(input, sheet, findings);
  if (!pkg) return failed(findings);
  return new CaseImport(pkg, sheet, options).run();
}
