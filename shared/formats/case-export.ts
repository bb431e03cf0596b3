/**
 * Rungs workbook -> 1EdTech CASE 1.1 package (CFDocument, CFItems, CFAssociations), valid against 1EdTech's official
 * CFPackage JSON schema. Deterministic: the same workbook and time give the same bytes.
 *
 * - Framework tab -> the CFDocument (identifier = the framework identifier, see case-identity.ts).
 * - Tracks -> CFItems "Track" (isChildOf the document); Levels -> "Job Level" (isChildOf their track, sequenceNumber =
 *   Order); Groupings tab rows -> their item type; Competencies -> "Competency" (or their Item Type). Scope is written
 *   as the concept keyword "Shared" / "Role".
 * - Parent ID -> isChildOf (top-level rows: isChildOf the document), sequenceNumber = position among siblings;
 *   Depends On -> precedes (the prerequisite precedes the dependent); Related -> isRelatedTo; CASE Associations ->
 *   those associations again; a source identifier that is not a UUID -> exactMatchOf to it.
 * - Not carried, reported as one warning: matrix expectations, track type / owner / status / review-by, positions,
 *   modules, rubrics, employees.
 */
import { splitList } from '../cells';
import { warning, type Finding } from '../findings';
import type { Workbook } from '../model';
import {
  caseBaseOf, DEFAULT_CASE_BASE_URI, derivedItemId, isUuid, itemKey, itemUri, sourceUuid,
} from './case-identity';
import { parseLinks } from './case-links';
import { nodesOf, type Node } from './case-nodes';
import { ASSOCIATION_TYPES, type CFAssociation, type CFDocument, type CFItem, type CFPackage, type LinkUri } from './case-schema';
import {
  CASE_ASSOCIATIONS_HEADER, CASE_CODE_HEADER, CASE_IDENTIFIER_HEADER, CASE_URI_HEADER, EDUCATION_LEVEL_HEADER, KEYWORDS_HEADER, LANGUAGE_HEADER, NOTES_HEADER, PARENT_ID_HEADER, RELATED_HEADER, SEQUENCE_HEADER,
} from './exchange-columns';
import type { ExchangeSource } from './exchange-tabs';
import { extraText } from './extra';

export { DEFAULT_CASE_BASE_URI };

/** What a CASE export reads: the parsed workbook, its Framework tab and its Groupings rows. */
export type CaseSource = ExchangeSource;

export interface CaseExportOptions {
  /** The framework identifier (a UUID): namespace of every derived identifier. */
  frameworkId: string;
  /** The CFDocument identifier; default the framework identifier. */
  documentId?: string;
  /** ISO 8601 date-time with a zone, written as every lastChangeDateTime. */
  lastChangeDateTime: string;
  /** Base of the URIs Rungs derives; default the Framework tab's URI base, else a placeholder. */
  baseUri?: string;
  /** Title when the Framework tab has none. */
  title?: string;
  adoptionStatus?: string;
}

export interface CaseExport {
  json: CFPackage;
  findings: Finding[];
}

const STANDARD_TYPES = new Set<string>(ASSOCIATION_TYPES);
/** A type CASE 1.1 does not define, as an extension name (letters, digits, . - _). */
const associationType = (t: string) => (STANDARD_TYPES.has(t) || t.startsWith('ext:') ? t : `ext:${t.replace(/[^A-Za-z0-9._-]/g, '_')}`);

class CaseWriter {
  readonly findings: Finding[] = [];
  readonly items: CFItem[] = [];
  readonly associations: CFAssociation[] = [];
  private readonly used = new Set<string>();
  private readonly base: string;
  private readonly doc: LinkUri;

  constructor(private readonly src: CaseSource, private readonly options: CaseExportOptions, private readonly nodes: Node[]) {
    const fw = src.framework;
    const documentId = options.documentId ?? options.frameworkId;
    const fwUri = documentId === options.frameworkId ? fw?.URI : undefined;
    this.base = (options.baseUri ?? (fw?.URI ? caseBaseOf(fw.URI, options.frameworkId) : null) ?? DEFAULT_CASE_BASE_URI).replace(/\/+$/, '');
    this.doc = { title: this.title(), identifier: documentId, uri: fwUri ?? `${this.base}/CFDocuments/${documentId}` };
  }

  title(): string {
    return this.src.framework?.Title || this.options.title || this.src.workbook.spreadsheetId || 'Rungs framework';
  }

  document(): CFDocument {
    const fw = this.src.framework;
    const optional = (field: keyof CFDocument, value: string | string[] | undefined) => (value === undefined || value === '' ? {} : { [field]: value });
    return {
      identifier: this.doc.identifier, uri: this.doc.uri, caseVersion: '1.1', creator: fw?.Creator || 'Rungs', title: this.doc.title,
      lastChangeDateTime: this.options.lastChangeDateTime,
      ...optional('description', fw?.Description),
      ...optional('publisher', fw?.Publisher),
      ...optional('language', fw?.Language),
      ...optional('subject', fw?.Subject ? splitList(fw.Subject) : undefined),
      ...optional('version', fw?.Version),
      ...optional('adoptionStatus', fw?.['Adoption Status'] || this.options.adoptionStatus),
      ...optional('officialSourceURL', fw?.['Official Source URL']),
      ...optional('notes', fw?.Notes),
    };
  }

  /** Identifier and URI of every node: kept from the source, else derived; never twice the same. */
  identify(): void {
    for (const n of this.nodes) {
      const kept = n.get(CASE_IDENTIFIER_HEADER);
      let id = kept === '' ? '' : isUuid(kept) ? kept : sourceUuid(kept);
      if (id !== '' && this.used.has(id.toLowerCase())) {
        const at = n.at(CASE_IDENTIFIER_HEADER);
        this.findings.push(warning(at.sheet, at.cell, 'case-identifier-taken', `CASE Identifier ${kept} is used by another row too; "${n.id}" is exported with an identifier of its own.`));
        id = '';
      }
      n.source = id !== '' && !isUuid(kept) ? kept : '';
      if (id === '') {
        // A row id used twice (a validation error the export still copes with) must not give one identifier twice.
        const key = itemKey(n.kind, n.id, n.trackId);
        id = derivedItemId(this.options.frameworkId, key);
        for (let k = 2; this.used.has(id.toLowerCase()); k++) id = derivedItemId(this.options.frameworkId, `${key}#${k}`);
      }
      n.identifier = id;
      this.used.add(n.identifier.toLowerCase());
      n.uri = n.get(CASE_URI_HEADER) || itemUri(this.base, n.identifier);
    }
  }

  link(n: Node): LinkUri {
    return { title: n.get(CASE_CODE_HEADER) || n.id, identifier: n.identifier, uri: n.uri };
  }

  item(n: Node): CFItem {
    const code = n.get(CASE_CODE_HEADER) || (n.id === n.get(CASE_IDENTIFIER_HEADER) ? '' : n.id);
    const keywords = [...(n.scope ? [n.scope] : []), ...splitList(n.get(KEYWORDS_HEADER))];
    const levels = splitList(n.get(EDUCATION_LEVEL_HEADER));
    const language = n.get(LANGUAGE_HEADER);
    const notes = n.get(NOTES_HEADER);
    return {
      identifier: n.identifier,
      uri: n.uri,
      ...(n.type !== '' ? { CFItemType: n.type } : {}),
      ...(code !== '' ? { humanCodingScheme: code } : {}),
      ...(n.description !== '' ? { abbreviatedStatement: n.name } : {}),
      fullStatement: n.description || n.name,
      ...(n.kind === 'level' && n.order !== null ? { listEnumeration: String(n.order) } : {}),
      ...(keywords.length > 0 ? { conceptKeywords: keywords } : {}),
      ...(levels.length > 0 ? { educationLevel: levels } : {}),
      ...(language !== '' ? { language } : {}),
      ...(notes !== '' ? { notes } : {}),
      lastChangeDateTime: this.options.lastChangeDateTime,
    };
  }

  associate(type: string, origin: LinkUri, destination: LinkUri, sequenceNumber?: number): void {
    let identifier = derivedItemId(this.options.frameworkId, `association/${type}/${origin.identifier}/${destination.identifier}`);
    for (let k = 2; this.used.has(identifier); k++) identifier = derivedItemId(this.options.frameworkId, `association/${type}/${origin.identifier}/${destination.identifier}/${k}`);
    this.used.add(identifier);
    this.associations.push({
      identifier, uri: `${this.base}/CFAssociations/${identifier}`, associationType: associationType(type), originNodeURI: origin, destinationNodeURI: destination,
      ...(sequenceNumber !== undefined ? { sequenceNumber } : {}),
      lastChangeDateTime: this.options.lastChangeDateTime,
    });
  }

  write(): CFPackage {
    this.identify();
    const competencies = new Map<string, Node>();
    const rows = new Map<string, Node>();
    const tracks = new Map<string, Node>();
    const bySource = new Map<string, Node>();
    for (const n of this.nodes) {
      if (n.kind === 'competency' && !competencies.has(n.id)) competencies.set(n.id, n);
      if ((n.kind === 'competency' || n.kind === 'grouping') && !rows.has(n.id)) rows.set(n.id, n);
      if (n.kind === 'track') tracks.set(n.id, n);
      const kept = n.get(CASE_IDENTIFIER_HEADER).toLowerCase();
      if (kept !== '' && !bySource.has(kept)) bySource.set(kept, n);
    }
    const levelsByCode = new Map<string, Node>();
    for (const n of this.nodes) if (n.kind === 'level' && !levelsByCode.has(n.id)) levelsByCode.set(n.id, n);
    const parentOf = (n: Node): Node | undefined => {
      if (n.kind === 'track') return undefined;
      if (n.kind === 'level') return tracks.get(n.trackId);
      return n.parentId === '' ? undefined : rows.get(n.parentId);
    };
    const placed: { n: Node; parent: Node | undefined }[] = [];
    for (const n of this.nodes) {
      this.items.push(this.item(n));
      let parent = parentOf(n);
      if (n.parentId !== '' && !parent && n.kind !== 'level') {
        const at = n.at(PARENT_ID_HEADER);
        this.findings.push(warning(at.sheet, at.cell, 'case-parent-not-found', `Parent "${n.parentId}" of "${n.id}" is neither a competency nor a grouping of the workbook; "${n.id}" is exported at the top level.`));
      }
      if (parent && this.inLoop(n, parentOf)) {
        const at = n.at(PARENT_ID_HEADER);
        this.findings.push(warning(at.sheet, at.cell, 'case-parent-loop', `"${n.id}" sits in a loop of parents; it is exported at the top level.`));
        parent = undefined;
      }
      if (n.kind === 'level' && !parent) continue;
      placed.push({ n, parent });
    }
    const sequence = siblingSequence(placed);
    for (const { n, parent } of placed) {
      this.associate('isChildOf', this.link(n), parent ? this.link(parent) : this.doc, n.kind === 'level' && n.order !== null ? n.order : sequence.get(n));
    }
    for (const n of this.nodes) {
      for (const dep of n.kind === 'competency' ? n.dependsOn : []) {
        const pre = competencies.get(dep);
        if (pre) this.associate('precedes', this.link(pre), this.link(n));
        else {
          const at = n.at('Depends On');
          this.findings.push(warning(at.sheet, at.cell, 'case-dependency-dropped', `"${n.id}" depends on "${dep}", which is not a competency of the workbook; that link is not exported.`));
        }
      }
      for (const rel of n.related) {
        const other = rows.get(rel) ?? levelsByCode.get(rel) ?? tracks.get(rel);
        if (other) this.associate('isRelatedTo', this.link(n), this.link(other));
        else {
          const at = n.at(RELATED_HEADER);
          this.findings.push(warning(at.sheet, at.cell, 'case-related-dropped', `"${n.id}" is related to "${rel}", which is not in the workbook; that link is not exported.`));
        }
      }
      if (n.source !== '') this.associate('exactMatchOf', this.link(n), { title: n.source, identifier: n.source, uri: /^[a-z][a-z0-9+.-]*:/i.test(n.source) ? n.source : n.uri });
      this.extraLinks(n, bySource);
    }
    return { CFDocument: this.document(), CFItems: this.items, CFAssociations: this.associations };
  }

  /** True when walking up from n's parent comes back to n. */
  private inLoop(n: Node, parentOf: (n: Node) => Node | undefined): boolean {
    const seen = new Set<Node>();
    for (let p = parentOf(n); p; p = parentOf(p)) {
      if (p === n) return true;
      if (seen.has(p)) return false;
      seen.add(p);
    }
    return false;
  }

  private extraLinks(n: Node, bySource: Map<string, Node>): void {
    const text = n.get(CASE_ASSOCIATIONS_HEADER);
    if (text === '') return;
    const { links, bad } = parseLinks(text);
    if (bad.length > 0) {
      const at = n.at(CASE_ASSOCIATIONS_HEADER);
      this.findings.push(warning(at.sheet, at.cell, 'case-association-unreadable', `${bad.length} line${bad.length === 1 ? '' : 's'} of CASE Associations of "${n.id}" cannot be read as "<type> → <uri> | <identifier> | <title>" and ${bad.length === 1 ? 'is' : 'are'} not exported: ${bad[0]}`));
    }
    for (const l of links) {
      const target = bySource.get(l.identifier.toLowerCase());
      const other: LinkUri = target ? this.link(target) : { title: l.title || l.identifier, identifier: l.identifier, uri: l.uri };
      if (l.direction === 'out') this.associate(l.type, this.link(n), other);
      else this.associate(l.type, other, this.link(n));
    }
  }
}

/**
 * Position of each node among the children of its parent (1..n): row order, except that a Sequence cell (written by a
 * CASE import where groupings and competencies share a parent) puts the rows that have one in that order first.
 */
function siblingSequence(placed: readonly { n: Node; parent: Node | undefined }[]): Map<Node, number> {
  const groups = new Map<Node | undefined, Node[]>();
  for (const { n, parent } of placed) {
    const list = groups.get(parent);
    if (list) list.push(n);
    else groups.set(parent, [n]);
  }
  const out = new Map<Node, number>();
  const key = (n: Node) => { const v = Number.parseFloat(n.get(SEQUENCE_HEADER)); return Number.isFinite(v) ? v : Infinity; };
  for (const list of groups.values()) {
    list.map((n, i) => ({ n, i, k: key(n) })).sort((a, b) => a.k - b.k || a.i - b.i).forEach((x, pos) => out.set(x.n, pos + 1));
  }
  return out;
}

function notCarried(wb: Workbook, findings: Finding[]): void {
  const cells = wb.matrices.reduce((n, m) => n + m.rows.reduce((k, r) => k + r.expectations.filter((e) => e !== '').length, 0), 0);
  const parts = [
    cells > 0 ? `${cells} matrix expectations` : '',
    wb.tracks.length > 0 ? 'track type, owner, status and review-by date' : '',
    wb.positions.length > 0 ? `${wb.positions.length} positions` : '',
    wb.modules.length > 0 ? `${wb.modules.length} modules` : '',
    wb.rubrics.length > 0 ? `${wb.rubrics.length} rubrics` : '',
    wb.employees.length > 0 ? `${wb.employees.length} employees` : '',
    wb.levels.some((l) => extraText(l.extra, PARENT_ID_HEADER) !== '') ? 'the Parent ID of levels (CASE puts a level under its track)' : '',
  ].filter((p) => p !== '');
  if (parts.length > 0) findings.push(warning(wb.sheetNames[0] ?? 'Tracks', 'A1', 'case-not-exported', `Not carried by CASE: ${parts.join('; ')}. Competencies (with scope, dependencies, hierarchy and related ones), groupings, tracks and levels are exported.`));
}

export function exportCase(src: CaseSource, options: CaseExportOptions): CaseExport {
  const writer = new CaseWriter(src, options, nodesOf(src));
  const json = writer.write();
  notCarried(src.workbook, writer.findings);
  return { json, findings: writer.findings };
}
