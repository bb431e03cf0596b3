/**
 * 1EdTech CASE 1.0 package (JSON) -> Rungs rows. The reverse of case-export.ts:
 * - CFItems of type "Track" -> Tracks rows, "Job Level" -> Levels rows (their track from isChildOf, order from the
 *   association's sequenceNumber, else listEnumeration), every other CFItem -> a Competencies row.
 * - Competency ID = humanCodingScheme, else the identifier; name = abbreviatedStatement, else fullStatement;
 *   description = fullStatement when an abbreviatedStatement is given (else none); Scope = Role when conceptKeywords
 *   holds "Role", else Shared.
 * - precedes (prerequisite -> dependent) -> Depends On of the dependent; isChildOf between competencies -> "Parent ID".
 * - Other association types (isRelatedTo, exactMatchOf, ...) are not mapped: one warning each.
 * Findings name the JSON path (sheet "CASE", cell e.g. "CFItems[3].identifier"). Any error: nothing imported.
 */
import { error, warning, type Finding } from '../findings';
import { describeCycle, findCycles } from '../graph';
import { CASE_LEVEL, CASE_TRACK, CFPackageSchema, jsonPath, type CFItem, type CFPackage } from './case-schema';
import {
  failed, importResult, PARENT_ID_HEADER, type ExtraText, type ImportResult, type ImportedCompetency, type ImportedLevel, type ImportedTrack,
} from './imported';

export const CASE_SHEET = 'CASE';

function parsePackage(input: string | unknown, findings: Finding[]): CFPackage | undefined {
  let value: unknown = input;
  if (typeof input === 'string') {
    if (input.includes('\uFFFD')) {
      findings.push(error(CASE_SHEET, '$', 'bad-encoding', 'The file is not valid UTF-8; save it as UTF-8 and import it again.'));
      return undefined;
    }
    try {
      value = JSON.parse(input.replace(/^\uFEFF/, ''));
    } catch (e) {
      findings.push(error(CASE_SHEET, '$', 'case-bad-json', `The file is not JSON (${e instanceof Error ? e.message : String(e)}); it may be cut short.`));
      return undefined;
    }
  }
  const parsed = CFPackageSchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) findings.push(error(CASE_SHEET, jsonPath(issue.path), 'case-invalid', `${jsonPath(issue.path)}: ${issue.message}`));
    return undefined;
  }
  return parsed.data;
}

const nameOf = (it: CFItem) => (it.abbreviatedStatement?.trim() || it.fullStatement.trim());
const descriptionOf = (it: CFItem) => (it.abbreviatedStatement?.trim() ? it.fullStatement.trim() : '');
const codeOf = (it: CFItem) => it.humanCodingScheme?.trim() || it.identifier;

export function importCase(input: string | unknown): ImportResult {
  const findings: Finding[] = [];
  const pkg = parsePackage(input, findings);
  if (!pkg) return failed(findings);
  const byUuid = new Map<string, { item: CFItem; index: number }>();
  pkg.CFItems.forEach((item, index) => {
    const key = item.identifier.toLowerCase();
    if (byUuid.has(key)) findings.push(error(CASE_SHEET, `CFItems[${index}].identifier`, 'case-duplicate-identifier', `Identifier ${item.identifier} is used by CFItems[${byUuid.get(key)?.index}] too.`));
    else byUuid.set(key, { item, index });
  });
  const docId = pkg.CFDocument.identifier.toLowerCase();
  const competencyIds = new Map<string, string>(); // uuid -> competency id
  const seenCodes = new Map<string, number>();
  pkg.CFItems.forEach((item, index) => {
    if (item.CFItemType === CASE_TRACK || item.CFItemType === CASE_LEVEL) return;
    const code = codeOf(item);
    if (seenCodes.has(code)) findings.push(error(CASE_SHEET, `CFItems[${index}].humanCodingScheme`, 'case-duplicate-id', `Competency ID "${code}" is used by CFItems[${seenCodes.get(code)}] too.`));
    else seenCodes.set(code, index);
    competencyIds.set(item.identifier.toLowerCase(), code);
  });

  const dependsOn = new Map<string, string[]>();
  const parentOf = new Map<string, string>();
  const trackOfLevel = new Map<string, { track: string; sequence?: number }>();
  const edgeAt = new Map<string, number>();
  pkg.CFAssociations.forEach((a, i) => {
    const path = `CFAssociations[${i}]`;
    const from = a.originNodeURI.identifier.toLowerCase();
    const to = a.destinationNodeURI.identifier.toLowerCase();
    if (a.associationType !== 'precedes' && a.associationType !== 'isChildOf') {
      findings.push(warning(CASE_SHEET, `${path}.associationType`, 'case-association-not-mapped', `${a.associationType} associations have no Rungs equivalent; ${path} is not imported.`));
      return;
    }
    if (!byUuid.has(from)) findings.push(error(CASE_SHEET, `${path}.originNodeURI.identifier`, 'case-dangling-association', `${path} starts at ${a.originNodeURI.identifier}, which is not a CFItem of the package.`));
    if (!byUuid.has(to) && !(a.associationType === 'isChildOf' && to === docId)) findings.push(error(CASE_SHEET, `${path}.destinationNodeURI.identifier`, 'case-dangling-association', `${path} points to ${a.destinationNodeURI.identifier}, which is not a CFItem of the package.`));
    const origin = byUuid.get(from)?.item;
    const dest = byUuid.get(to)?.item;
    if (!origin) return;
    if (a.associationType === 'precedes') {
      const pre = competencyIds.get(from);
      const dep = competencyIds.get(to);
      if (pre === undefined || dep === undefined) return;
      dependsOn.set(dep, [...(dependsOn.get(dep) ?? []), pre]);
      edgeAt.set(`${dep}\u0000${pre}`, i);
    } else if (origin.CFItemType === CASE_LEVEL && dest?.CFItemType === CASE_TRACK) {
      trackOfLevel.set(from, { track: codeOf(dest), sequence: a.sequenceNumber });
    } else if (competencyIds.has(from) && dest && competencyIds.has(to)) {
      const child = competencyIds.get(from) ?? '';
      if (parentOf.has(child)) findings.push(warning(CASE_SHEET, path, 'case-second-parent', `"${child}" is a child of more than one item; Rungs keeps the first parent.`));
      else parentOf.set(child, competencyIds.get(to) ?? '');
    }
  });
  const ids = [...seenCodes.keys()];
  for (const cycle of findCycles(ids, (id) => dependsOn.get(id) ?? [])) {
    const [a, b] = cycle.path;
    const at = edgeAt.get(`${a}\u0000${b}`) ?? 0;
    findings.push(error(CASE_SHEET, `CFAssociations[${at}]`, 'case-precedes-cycle', `These competencies precede each other in a loop: ${describeCycle(cycle)}.`));
  }

  const tracks: ImportedTrack[] = [];
  const levels: ImportedLevel[] = [];
  const competencies: ImportedCompetency[] = [];
  pkg.CFItems.forEach((item, index) => {
    if (item.CFItemType === CASE_TRACK) {
      tracks.push({ id: codeOf(item), name: nameOf(item), type: '', ownerEmail: '', status: 'Draft', reviewBy: '', description: descriptionOf(item), extra: {} });
    } else if (item.CFItemType === CASE_LEVEL) {
      const link = trackOfLevel.get(item.identifier.toLowerCase());
      if (!link) {
        findings.push(error(CASE_SHEET, `CFItems[${index}]`, 'case-level-without-track', `Job level "${codeOf(item)}" is not isChildOf any Track item.`));
        return;
      }
      const order = link.sequence ?? Number.parseInt(item.listEnumeration ?? '', 10);
      levels.push({ trackId: link.track, code: codeOf(item), name: nameOf(item), order: Number.isFinite(order) ? order : levels.filter((l) => l.trackId === link.track).length + 1, description: descriptionOf(item), extra: {} });
    } else {
      const id = codeOf(item);
      const extra: ExtraText = {};
      const parent = parentOf.get(id);
      if (parent !== undefined) extra[PARENT_ID_HEADER] = parent;
      competencies.push({ id, name: nameOf(item), scope: item.conceptKeywords?.includes('Role') ? 'Role' : 'Shared', dependsOn: dependsOn.get(id) ?? [], description: descriptionOf(item), extra });
    }
  });
  if (tracks.length > 0) findings.push(warning(CASE_SHEET, 'CFItems', 'case-track-incomplete', `${tracks.length} track${tracks.length === 1 ? '' : 's'} imported without Track Type and Owner Email (CASE has no such fields); fill them in.`));
  return importResult({ tracks, levels, competencies }, findings);
}
