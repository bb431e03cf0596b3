/**
 * Moodle competency framework CSV -> Rungs rows.
 *
 * Mapping (what Rungs does with each Moodle fact):
 * - Framework row -> the Framework tab (Framework Code = id number, Title = short name, Description); when the file
 *   has a levels branch, also a Tracks row (Track ID = framework id number) that the levels belong to (Track Type and
 *   Owner Email left for the editor: a warning says so).
 * - Every competency row -> a Competencies row: Competency ID = Id number, Competency Name = Shortname, "Parent ID"
 *   extra column = Parent id number, "Related" extra column = cross references. Scope and Depends On are not carried
 *   by Moodle (a merge leaves them as they are; a new row gets Scope Shared).
 * - The levels branch (top-level "levels") -> its children become the Levels rows of the framework's track, in order
 *   (with their Parent ID and cross references), and the branch itself a Groupings row; they are not competencies.
 * - Not mapped, reported as warnings: rule types (competency_rule_all / _points: Rungs has no completion rules),
 *   scale values and scale configuration (Rungs expresses expectations per level in the matrix), taxonomy.
 * - Errors (nothing imported): bad encoding, unreadable CSV, missing columns, rows of the wrong width, missing or
 *   several framework rows, missing id numbers or names, duplicate id numbers, unknown parents, parent cycles.
 */
import { a1 } from '../cells';
import { error, warning, type Finding } from '../findings';
import { describeCycle, findCycles } from '../graph';
import { htmlToText } from './html-text';
import { FRAMEWORK_CODE_HEADER, PARENT_ID_HEADER, RELATED_HEADER } from './exchange-columns';
import {
  failed, importResult, type ImportResult, type ImportedCompetency, type ImportedGrouping, type ImportedLevel, type ImportedTrack,
} from './imported';
import { isLevelsBranch, MOODLE_FORMAT_HTML, splitMoodleList } from './moodle-columns';
import { readMoodleRows, type MoodleRecord, type MoodleRows } from './moodle-rows';

export interface MoodleImportOptions {
  /** The name findings use as their sheet (the file name). */
  fileName?: string;
}

function descriptionText(rec: MoodleRecord): string {
  return rec.descriptionFormat.trim() === MOODLE_FORMAT_HTML ? htmlToText(rec.description) : rec.description.trim();
}

const isNull = (s: string) => s.trim() === '' || s.trim().toLowerCase() === 'null';

function frameworkRow(records: MoodleRecord[], rows: MoodleRows, sheet: string, findings: Finding[]): MoodleRecord | undefined {
  const frameworks = records.filter((r) => r.isFramework.trim() === '1');
  if (frameworks.length === 0) findings.push(error(sheet, 'A1', 'moodle-no-framework', 'No row has "Is framework" = 1: a Moodle competency framework CSV starts with the framework row.'));
  for (const extra of frameworks.slice(1)) {
    findings.push(error(sheet, a1(extra.row, rows.cols.isFramework), 'moodle-several-frameworks', `Row ${extra.row + 1} is a second framework row; import one framework per file.`));
  }
  const fw = frameworks[0];
  if (!fw) return undefined;
  if (fw.idnumber.trim() === '') findings.push(error(sheet, a1(fw.row, rows.cols.idnumber), 'moodle-missing-idnumber', 'The framework row has no Id number.'));
  if (!isNull(fw.scaleConfiguration)) {
    let valid = true;
    try {
      valid = Array.isArray(JSON.parse(fw.scaleConfiguration));
    } catch {
      valid = false;
    }
    findings.push(valid
      ? warning(sheet, a1(fw.row, rows.cols.scaleConfiguration), 'moodle-scale-not-mapped', `The framework's scale "${fw.scaleValues}" and its configuration are not kept: Rungs writes the expectation at each level in the track's matrix instead.`)
      : warning(sheet, a1(fw.row, rows.cols.scaleConfiguration), 'moodle-bad-scale-configuration', 'The framework\'s scale configuration is not valid JSON; it is ignored.'));
  }
  if (!isNull(fw.taxonomy)) findings.push(warning(sheet, a1(fw.row, rows.cols.taxonomy), 'moodle-taxonomy-not-mapped', `The taxonomy "${fw.taxonomy}" (names of each depth) is not kept: Rungs keeps the hierarchy in the "${PARENT_ID_HEADER}" column only.`));
  return fw;
}

function checkCompetency(rec: MoodleRecord, rows: MoodleRows, sheet: string, seen: Map<string, number>, findings: Finding[]): void {
  const id = rec.idnumber.trim();
  if (id === '') findings.push(error(sheet, a1(rec.row, rows.cols.idnumber), 'moodle-missing-idnumber', `Row ${rec.row + 1} has no Id number.`));
  else if (seen.has(id)) findings.push(error(sheet, a1(rec.row, rows.cols.idnumber), 'moodle-duplicate-idnumber', `Id number "${id}" is used again (first on row ${(seen.get(id) ?? 0) + 1}).`));
  else seen.set(id, rec.row);
  if (rec.shortname.trim() === '') findings.push(error(sheet, a1(rec.row, rows.cols.shortname), 'moodle-missing-shortname', `Row ${rec.row + 1} has no Shortname.`));
  if (!isNull(rec.ruleType)) findings.push(warning(sheet, a1(rec.row, rows.cols.ruleType), 'moodle-rule-not-mapped', `The rule "${rec.ruleType.trim()}" of "${id}" has no Rungs equivalent (Rungs does not complete a competency from its children); it is not imported.`));
  if (!isNull(rec.scaleValues) || !isNull(rec.scaleConfiguration)) findings.push(warning(sheet, a1(rec.row, rows.cols.scaleValues), 'moodle-scale-not-mapped', `The scale of "${id}" is not kept: Rungs writes expectations per level in the matrix.`));
}

function checkHierarchy(comps: MoodleRecord[], rows: MoodleRows, sheet: string, findings: Finding[]): void {
  const byId = new Map(comps.map((r) => [r.idnumber.trim(), r]));
  for (const rec of comps) {
    const parent = rec.parent.trim();
    if (parent !== '' && !byId.has(parent)) findings.push(error(sheet, a1(rec.row, rows.cols.parent), 'moodle-unknown-parent', `Parent id number "${parent}" of "${rec.idnumber.trim()}" is not the Id number of any competency in the file.`));
    for (const ref of splitMoodleList(rec.crossRefs)) {
      if (!byId.has(ref)) findings.push(warning(sheet, a1(rec.row, rows.cols.crossRefs), 'moodle-unknown-cross-reference', `Cross reference "${ref}" of "${rec.idnumber.trim()}" names no competency in the file; it is kept as written.`));
    }
  }
  const ids = [...byId.keys()];
  for (const cycle of findCycles(ids, (id) => { const p = byId.get(id)?.parent.trim() ?? ''; return p === '' ? [] : [p]; })) {
    const first = byId.get(cycle.members[0]);
    findings.push(error(sheet, a1(first?.row ?? 0, rows.cols.parent), 'moodle-parent-cycle', `These competencies are each other's parents, so they form no tree: ${describeCycle(cycle)}.`));
  }
}

const related = (rec: MoodleRecord) => splitMoodleList(rec.crossRefs).map((id) => id.replace(/,/g, '%2C')).join(', ');

/** The levels branch: its root, and the ids of the root and of its children (the levels). */
function levelsBranch(comps: MoodleRecord[]): { root: MoodleRecord; levels: MoodleRecord[] } | undefined {
  const root = comps.find((r) => r.parent.trim() === '' && isLevelsBranch(r.idnumber, r.shortname));
  if (!root) return undefined;
  return { root, levels: comps.filter((r) => r.parent.trim() === root.idnumber.trim()) };
}

export function importMoodle(csvText: string, options: MoodleImportOptions = {}): ImportResult {
  const sheet = options.fileName ?? 'moodle.csv';
  const findings: Finding[] = [];
  const rows = readMoodleRows(csvText, sheet, findings);
  if (!rows) return failed(findings);
  const fw = frameworkRow(rows.records, rows, sheet, findings);
  const comps = rows.records.filter((r) => r.isFramework.trim() !== '1');
  const seen = new Map<string, number>();
  for (const rec of comps) checkCompetency(rec, rows, sheet, seen, findings);
  checkHierarchy(comps, rows, sheet, findings);
  if (!fw) return failed(findings);
  const frameworkId = fw.idnumber.trim();
  const branch = levelsBranch(comps);
  const notCompetency = new Set(branch ? [branch.root, ...branch.levels] : []);
  const competencies: ImportedCompetency[] = comps.filter((r) => !notCompetency.has(r)).map((r) => ({
    id: r.idnumber.trim(),
    name: r.shortname.trim(),
    description: descriptionText(r),
    extra: { [PARENT_ID_HEADER]: r.parent.trim(), [RELATED_HEADER]: related(r) },
  }));
  const levels: ImportedLevel[] = (branch?.levels ?? []).map((r, i) => ({
    trackId: frameworkId, code: r.idnumber.trim(), name: r.shortname.trim(), order: i + 1, description: descriptionText(r),
    extra: { [PARENT_ID_HEADER]: r.parent.trim(), [RELATED_HEADER]: related(r) },
  }));
  const groupings: ImportedGrouping[] = branch ? [{
    id: branch.root.idnumber.trim(), name: branch.root.shortname.trim(), description: descriptionText(branch.root),
    extra: { [PARENT_ID_HEADER]: '', [RELATED_HEADER]: related(branch.root) },
  }] : [];
  const tracks: ImportedTrack[] = [];
  if (levels.length > 0) {
    tracks.push({ id: frameworkId, name: fw.shortname.trim() || frameworkId, description: descriptionText(fw), extra: {} });
    findings.push(warning(sheet, a1(fw.row, rows.cols.idnumber), 'moodle-track-incomplete', `The levels branch became ${levels.length} job levels of a new track "${frameworkId}"; fill in its Track Type and Owner Email.`));
  }
  const framework = { [FRAMEWORK_CODE_HEADER]: frameworkId, Title: fw.shortname.trim() || frameworkId, ...(descriptionText(fw) ? { Description: descriptionText(fw) } : {}) };
  const summary = [
    `${competencies.length} competencies${levels.length > 0 ? `, ${levels.length} levels of track ${frameworkId}` : ''}${groupings.length > 0 ? `, the levels branch as a grouping` : ''}`,
  ];
  return importResult({ framework, tracks, levels, competencies, groupings }, findings, summary);
}
