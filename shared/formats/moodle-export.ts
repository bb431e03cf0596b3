/**
 * Rungs workbook -> Moodle competency framework CSV (the 14 lpimportcsv columns, in order).
 *
 * - Framework row first: Id number = the "Framework" column the competencies share (set by a Moodle import), else
 *   the workbook id; short name and description from the track of that id when there is one; scale
 *   "Not yet competent,Competent" with a valid scale configuration; taxonomy "competency" for each depth.
 * - Then every competency, parents before children: Parent id number from the "Parent ID" column, cross references
 *   from the "Related" column. Descriptions are written as plain text (Description format 2 = FORMAT_PLAIN), which
 *   keeps them exactly. Cells are not neutralized against formula injection: Moodle would keep the quote.
 * - Not carried, reported as warnings: Depends On (Moodle has no prerequisites between competencies), parents that
 *   are not competencies of the workbook, parent loops, the matrix expectations.
 */
import Papa from 'papaparse';
import { a1 } from '../cells';
import { COMPETENCIES_TAB } from '../contract';
import { warning, type Finding } from '../findings';
import type { Competency, Workbook } from '../model';
import { extraText } from './extra';
import { FRAMEWORK_HEADER, PARENT_ID_HEADER, RELATED_HEADER } from './imported';
import {
  joinMoodleList, MOODLE_DEFAULT_SCALE, MOODLE_DEFAULT_SCALE_CONFIGURATION, MOODLE_FORMAT_PLAIN, MOODLE_HEADERS, splitMoodleList,
} from './moodle-columns';
import { splitList } from '../cells';

export interface MoodleExport {
  csv: string;
  findings: Finding[];
}

export interface MoodleExportOptions {
  /** Id number of the framework row; default: the competencies' "Framework" column, else the workbook id. */
  frameworkId?: string;
}

const SHEET = COMPETENCIES_TAB.name;

/**
 * Workbook order, except that a child is moved after its parent when it came first (Moodle reads parents first).
 * Competencies in a loop of parents come last, at the top level.
 */
function treeOrder(comps: readonly Competency[], findings: Finding[]): { comp: Competency; parent: string; depth: number }[] {
  const ids = new Set(comps.map((c) => c.id));
  const parentOf = new Map<string, string>();
  for (const c of comps) {
    const parent = extraText(c.extra, PARENT_ID_HEADER);
    if (parent !== '' && !ids.has(parent)) findings.push(warning(SHEET, a1(c.at.row, 0), 'moodle-parent-dropped', `Parent "${parent}" of "${c.id}" is not a competency of the workbook; "${c.id}" is exported at the top level.`));
    parentOf.set(c.id, ids.has(parent) ? parent : '');
  }
  const out: { comp: Competency; parent: string; depth: number }[] = [];
  const depth = new Map<string, number>();
  let pending = [...comps];
  for (let progress = true; progress && pending.length > 0; ) {
    progress = false;
    const next: Competency[] = [];
    for (const c of pending) {
      const parent = parentOf.get(c.id) ?? '';
      if (depth.has(c.id)) continue;
      if (parent === '' || depth.has(parent)) {
        const d = parent === '' ? 1 : (depth.get(parent) ?? 0) + 1;
        depth.set(c.id, d);
        out.push({ comp: c, parent, depth: d });
        progress = true;
      } else next.push(c);
    }
    pending = next;
  }
  for (const c of pending) {
    if (depth.has(c.id)) continue;
    depth.set(c.id, 1);
    findings.push(warning(SHEET, a1(c.at.row, 0), 'moodle-parent-cycle', `"${c.id}" sits in a loop of parents; it is exported at the top level.`));
    out.push({ comp: c, parent: '', depth: 1 });
  }
  return out;
}

function frameworkIdOf(wb: Workbook, options: MoodleExportOptions): string {
  if (options.frameworkId) return options.frameworkId;
  const named = new Set(wb.competencies.map((c) => extraText(c.extra, FRAMEWORK_HEADER)).filter((f) => f !== ''));
  if (named.size === 1) return [...named][0];
  return wb.spreadsheetId.trim() || 'rungs';
}

function notCarried(wb: Workbook, findings: Finding[]): void {
  const deps = wb.competencies.reduce((n, c) => n + c.dependsOn.length, 0);
  const depCol = wb.tabs.competencies?.cols.dependsOn ?? 3;
  if (deps > 0) findings.push(warning(SHEET, a1(0, depCol >= 0 ? depCol : 3), 'moodle-dependencies-not-exported', `${deps} Depends On link${deps === 1 ? '' : 's'} between competencies ${deps === 1 ? 'was' : 'were'} not exported: Moodle frameworks have no prerequisites between competencies.`));
  const cells = wb.matrices.reduce((n, m) => n + m.rows.reduce((k, r) => k + r.expectations.filter((e) => e !== '').length, 0), 0);
  if (cells > 0) findings.push(warning(wb.matrices[0].sheet, 'A1', 'moodle-matrix-not-exported', `${cells} matrix expectations (${wb.matrices.length} tracks) were not exported: a Moodle framework holds competencies only.`));
}

export function exportMoodle(wb: Workbook, options: MoodleExportOptions = {}): MoodleExport {
  const findings: Finding[] = [];
  const ordered = treeOrder(wb.competencies, findings);
  notCarried(wb, findings);
  const frameworkId = frameworkIdOf(wb, options);
  const track = wb.tracks.find((t) => t.id === frameworkId);
  const depth = Math.max(1, ...ordered.map((o) => o.depth));
  const rows: string[][] = [
    [...MOODLE_HEADERS],
    ['', frameworkId, track?.name || frameworkId, track?.description ?? '', MOODLE_FORMAT_PLAIN, MOODLE_DEFAULT_SCALE, MOODLE_DEFAULT_SCALE_CONFIGURATION, '', '', '', '', '', '1', Array(depth).fill('competency').join(',')],
  ];
  ordered.forEach(({ comp, parent }, i) => {
    const related = joinMoodleList(splitList(extraText(comp.extra, RELATED_HEADER)).flatMap(splitMoodleList));
    rows.push([parent, comp.id, comp.name, comp.description, MOODLE_FORMAT_PLAIN, '', '', '', '0', 'null', related, String(i + 1), '', '']);
  });
  return { csv: Papa.unparse(rows, { delimiter: ',', newline: '\n' }), findings };
}
