/**
 * Identity in CASE: which UUID a framework and each of its items carry, derived the same way on export and on import.
 *
 * - The framework (CFDocument) identifier is the workbook's Framework ID (Framework tab). Without one: derived from the
 *   spreadsheet id when the workbook has one (the add-on's snapshots, the server); otherwise (a folder of CSVs) from
 *   the workbook's content, which changes when the content does (export says so).
 * - An item Rungs authored gets uuidv5("<kind>/<id>", framework identifier): the same workbook gives the same ids, two
 *   frameworks never share one.
 * - An item imported from CASE keeps the identifier and URI it came with (CASE Identifier / CASE URI columns, written
 *   only when they differ from what would be derived). A source identifier that is not a UUID (an ASN URI...) is
 *   exported as uuidv5("source/<identifier>", RUNGS_CASE_NAMESPACE) with an exactMatchOf association to it.
 */
import { cellText, headerKey } from '../cells';
import type { WorkbookSnapshot } from '../snapshot';
import { sha1 } from './sha1';
import { encodeUtf8 } from './utf8';
import { RUNGS_CASE_NAMESPACE, UUID_PATTERN, uuidV5 } from './uuid';

export type ItemKind = 'track' | 'level' | 'grouping' | 'competency';

export const isUuid = (s: string) => UUID_PATTERN.test(s);

/** A Framework ID as a UUID: itself when it is one, else a UUID derived from its text. */
export function frameworkUuid(text: string): string {
  const t = text.trim();
  return isUuid(t) ? t.toLowerCase() : uuidV5(`framework/${t}`, RUNGS_CASE_NAMESPACE);
}

export function spreadsheetFrameworkId(spreadsheetId: string): string {
  return uuidV5(`spreadsheet/${spreadsheetId}`, RUNGS_CASE_NAMESPACE);
}

/** Tabs the server writes (reports, team views) do not make a framework another one. */
const WRITTEN_BY_SERVER = /^(report|team) /;

export function contentFrameworkId(snapshot: WorkbookSnapshot): string {
  const parts: string[] = [];
  for (const s of snapshot.sheets) {
    if (WRITTEN_BY_SERVER.test(headerKey(s.name))) continue;
    parts.push(`\u0001${headerKey(s.name)}`);
    for (const row of s.values) {
      let end = row.length;
      while (end > 0 && cellText(row[end - 1]) === '') end--;
      if (end > 0) parts.push(`\u0002${row.slice(0, end).map(cellText).join('\u0003')}`);
    }
  }
  const digest = Array.from(sha1(encodeUtf8(parts.join(''))), (b) => b.toString(16).padStart(2, '0')).join('');
  return uuidV5(`content/${digest}`, RUNGS_CASE_NAMESPACE);
}

export type FrameworkIdSource = 'tab' | 'spreadsheet' | 'content';

/** The framework identifier of a workbook, and where it came from. */
export function effectiveFrameworkId(snapshot: WorkbookSnapshot, frameworkIdCell: string | undefined, hasSpreadsheetId: boolean): { id: string; source: FrameworkIdSource } {
  if (frameworkIdCell && frameworkIdCell.trim() !== '') return { id: frameworkUuid(frameworkIdCell), source: 'tab' };
  if (hasSpreadsheetId && snapshot.spreadsheetId.trim() !== '') return { id: spreadsheetFrameworkId(snapshot.spreadsheetId), source: 'spreadsheet' };
  return { id: contentFrameworkId(snapshot), source: 'content' };
}

export function itemKey(kind: ItemKind, id: string, trackId = ''): string {
  return kind === 'level' ? `level/${trackId}/${id}` : `${kind}/${id}`;
}

export function derivedItemId(frameworkId: string, key: string): string {
  return uuidV5(key, frameworkId);
}

/** The UUID exported for a source identifier that is not a UUID. */
export function sourceUuid(sourceIdentifier: string): string {
  return uuidV5(`source/${sourceIdentifier}`, RUNGS_CASE_NAMESPACE);
}

/** `<base>/CFItems/<id>`-style URIs: the base of a document URI `<base>/CFDocuments/<id>`, if it has that form. */
export function caseBaseOf(documentUri: string, documentId: string): string | null {
  const suffix = `/CFDocuments/${documentId}`;
  return documentUri.toLowerCase().endsWith(suffix.toLowerCase()) ? documentUri.slice(0, -suffix.length) : null;
}

/** Where item URIs point when neither the workbook nor the caller says: a placeholder host, not a live server. */
export const DEFAULT_CASE_BASE_URI = 'https://case.rungs.local/ims/case/v1p1';

export const itemUri = (base: string, identifier: string) => `${base}/CFItems/${identifier}`;
