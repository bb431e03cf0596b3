/**
 * Rungs workbook -> 1EdTech CASE 1.0 package (CFDocument, CFItems, CFAssociations) as a JSON value.
 *
 * What maps, and how (decided for faithfulness to CASE's meaning):
 * - Competencies -> CFItems, CFItemType "Competency": humanCodingScheme = Competency ID, conceptKeywords = [Scope],
 *   fullStatement = description and abbreviatedStatement = name; without a description, fullStatement = name and no
 *   abbreviatedStatement (so import can tell a description equal to the name from no description).
 * - Depends On -> "precedes" associations: the prerequisite (origin) precedes the dependent (destination).
 * - Competency hierarchy (the "Parent ID" column a Moodle import leaves) -> "isChildOf" (child origin, parent
 *   destination); top-level competencies are isChildOf the CFDocument, as CASE trees are.
 * - Tracks -> CFItems "Track"; levels -> CFItems "Job Level", isChildOf their track with sequenceNumber = Order.
 * - Matrix cells are NOT written as associations: a competency is required at many levels of many tracks, and
 *   "isChildOf" would make it the child of each (CASE's tree is one parent), while the expectation text has no
 *   field on an association. They are reported as a warning, as are track type / owner / status / review-by,
 *   positions, modules and rubrics.
 * Identifiers are UUID v5 over RUNGS_CASE_NAMESPACE + "<workbook id>/<kind>/<id>": re-export gives the same ones.
 */
import { a1 } from '../cells';
import { warning, type Finding } from '../findings';
import type { Workbook } from '../model';
import { CASE_COMPETENCY, CASE_LEVEL, CASE_TRACK, type CFAssociation, type CFItem, type CFPackage, type LinkUri } from './case-schema';
import { extraText } from './extra';
import { PARENT_ID_HEADER } from './imported';
import { RUNGS_CASE_NAMESPACE, uuidV5 } from './uuid';

export interface CaseExportOptions {
  /** Base of every uri; default a placeholder under https://case.rungs.local. */
  baseUri?: string;
  creator?: string;
  title?: string;
  /** ISO date-time written as lastChangeDateTime everywhere; default now. */
  lastChangeDateTime?: string;
}

export interface CaseExport {
  json: CFPackage;
  findings: Finding[];
}

export const DEFAULT_CASE_BASE_URI = 'https://case.rungs.local/ims/case/v1p0';

export function exportCase(wb: Workbook, options: CaseExportOptions = {}): CaseExport {
  const base = (options.baseUri ?? DEFAULT_CASE_BASE_URI).replace(/\/+$/, '');
  const when = options.lastChangeDateTime ?? new Date().toISOString();
  const id = (name: string) => uuidV5(`${wb.spreadsheetId}/${name}`, RUNGS_CASE_NAMESPACE);
  const findings: Finding[] = [];
  const title = options.title ?? wb.spreadsheetId;
  const docId = id('document');
  const docLink: LinkUri = { title, identifier: docId, uri: `${base}/CFDocuments/${docId}` };
  const items: CFItem[] = [];
  const links = new Map<string, LinkUri>();
  const item = (key: string, type: string, code: string, name: string, description: string, more: Partial<CFItem> = {}) => {
    const identifier = id(key);
    const uri = `${base}/CFItems/${identifier}`;
    items.push({ identifier, uri, fullStatement: description || name, ...(description ? { abbreviatedStatement: name } : {}), humanCodingScheme: code, CFItemType: type, lastChangeDateTime: when, CFDocumentURI: docLink, ...more });
    links.set(key, { title: name, identifier, uri });
  };
  for (const t of wb.tracks) item(`track/${t.id}`, CASE_TRACK, t.id, t.name || t.id, t.description);
  for (const l of wb.levels) item(`level/${l.trackId}/${l.code}`, CASE_LEVEL, l.code, l.name || l.code, l.description, l.order === null ? {} : { listEnumeration: String(l.order) });
  for (const c of wb.competencies) item(`competency/${c.id}`, CASE_COMPETENCY, c.id, c.name || c.id, c.description, c.scope ? { conceptKeywords: [c.scope] } : {});

  const associations: CFAssociation[] = [];
  const associate = (type: CFAssociation['associationType'], from: string, to: string | null, sequenceNumber?: number) => {
    const origin = links.get(from);
    const destination = to === null ? docLink : links.get(to);
    if (!origin || !destination) return false;
    const identifier = id(`association/${type}/${from}/${to ?? 'document'}`);
    associations.push({
      identifier, uri: `${base}/CFAssociations/${identifier}`, associationType: type, originNodeURI: origin, destinationNodeURI: destination,
      lastChangeDateTime: when, CFDocumentURI: docLink, ...(sequenceNumber === undefined ? {} : { sequenceNumber }),
    });
    return true;
  };
  for (const t of wb.tracks) associate('isChildOf', `track/${t.id}`, null);
  for (const l of wb.levels) associate('isChildOf', `level/${l.trackId}/${l.code}`, `track/${l.trackId}`, l.order ?? undefined);
  for (const c of wb.competencies) {
    const parent = extraText(c.extra, PARENT_ID_HEADER);
    if (parent === '' || !associate('isChildOf', `competency/${c.id}`, `competency/${parent}`)) associate('isChildOf', `competency/${c.id}`, null);
    for (const dep of c.dependsOn) {
      if (!associate('precedes', `competency/${dep}`, `competency/${c.id}`)) {
        findings.push(warning(c.at.sheet, a1(c.at.row, c.at.cols.dependsOn ?? 0), 'case-dependency-dropped', `"${c.id}" depends on "${dep}", which is not a competency of the workbook; that link is not exported.`));
      }
    }
  }
  notCarried(wb, findings);
  const document = {
    identifier: docId, uri: docLink.uri, creator: options.creator ?? 'Rungs', title, lastChangeDateTime: when,
    CFPackageURI: { title, identifier: docId, uri: `${base}/CFPackages/${docId}` }, adoptionStatus: 'Draft', language: 'en',
  };
  return { json: { CFDocument: document, CFItems: items, CFAssociations: associations }, findings };
}

function notCarried(wb: Workbook, findings: Finding[]): void {
  const cells = wb.matrices.reduce((n, m) => n + m.rows.reduce((k, r) => k + r.expectations.filter((e) => e !== '').length, 0), 0);
  const parts = [
    cells > 0 ? `${cells} matrix expectations` : '',
    wb.tracks.length > 0 ? 'track type, owner, status and review-by date' : '',
    wb.positions.length > 0 ? `${wb.positions.length} positions` : '',
    wb.modules.length > 0 ? `${wb.modules.length} modules` : '',
    wb.rubrics.length > 0 ? `${wb.rubrics.length} rubrics` : '',
  ].filter((p) => p !== '');
  if (parts.length > 0) findings.push(warning(wb.sheetNames[0] ?? 'Tracks', 'A1', 'case-not-exported', `Not carried by CASE: ${parts.join('; ')}. Competencies, their dependencies and hierarchy, tracks and levels are exported.`));
}
