/**
 * Rungs workbook -> Moodle competency framework CSV (the 14 lpimportcsv columns, in order).
 *
 * - Framework row first: Id number = the Framework tab's Framework Code (else the older "Framework" column the
 *   competencies share, else the workbook id); short name and description from the Framework tab, else from the track
 *   of that id; scale "Not yet competent,Competent" with a valid scale configuration; taxonomy "competency" per depth.
 * - Then the tree: the Groupings rows, the levels of the framework's track that sit in the tree (a Moodle levels
 *   branch, by their Parent ID), then every competency; parents always before children. Parent id number from
 *   "Parent ID", cross references from "Related". Descriptions are written as plain text (Description format 2).
 * - Every cell is neutralized against formula injection, as every Rungs export is: a text starting with = + - @ tab
 *   or carriage return gets one leading quote (Moodle shows it; Rungs' Moodle import removes it again).
 * - Not carried, reported as warnings: Depends On and Scope (Moodle has neither), parents that are not in the
 *   workbook, parent loops, the matrix expectations.
 */
import Papa from 'papaparse';
import { a1, splitList } from '../cells';
import { COMPETENCIES_TAB } from '../contract';
import { warning, type Finding } from '../findings';
import type { Workbook } from '../model';
import { neutralizeText } from './csv-safety';
import { FRAMEWORK_HEADER, PARENT_ID_HEADER, RELATED_HEADER } from './exchange-columns';
import { cell, type ExchangeSource } from './exchange-tabs';
import { extraText } from './extra';
import {
  joinMoodleList, MOODLE_DEFAULT_SCALE, MOODLE_DEFAULT_SCALE_CONFIGURATION, MOODLE_FORMAT_PLAIN, MOODLE_HEADERS, splitMoodleList,
} from './moodle-columns';

export interface MoodleExport {
  csv: string;
  findings: Finding[];
}

/** What a Moodle export reads: the parsed workbook, its Framework tab and its Groupings rows. */
export type MoodleSource = ExchangeSource;

export interface MoodleExportOptions {
  /** Id number of the framework row; default: see above. */
  frameworkId?: string;
}

interface TreeNode {
  id: string;
  name: string;
  description: string;
  parent: string;
  related: string;
  sheet: string;
  row: number;
}

/**
 * Node order, except that a child is moved after its parent when it came first (Moodle reads parents first).
 * Nodes in a loop of parents come last, at the top level.
 */
function treeOrder(nodes: readonly TreeNode[], findings: Finding[]): { node: TreeNode; parent: string; depth: number }[] {
  const ids = new Set(nodes.map((c) => c.id));
  const parentOf = new Map<string, string>();
  for (const c of nodes) {
    if (c.parent !== '' && !ids.has(c.parent)) findings.push(warning(c.sheet, a1(c.row, 0), 'moodle-parent-dropped', `Parent "${c.parent}" of "${c.id}" is not in the workbook; "${c.id}" is exported at the top level.`));
    parentOf.set(c.id, ids.has(c.parent) ? c.parent : '');
  }
  const out: { node: TreeNode; parent: string; depth: number }[] = [];
  const depth = new Map<string, number>();
  let pending = [...nodes];
  for (let progress = true; progress && pending.length > 0; ) {
    progress = false;
    const next: TreeNode[] = [];
    for (const c of pending) {
      const parent = parentOf.get(c.id) ?? '';
      if (depth.has(c.id)) continue;
      if (parent === '' || depth.has(parent)) {
        const d = parent === '' ? 1 : (depth.get(parent) ?? 0) + 1;
        depth.set(c.id, d);
        out.push({ node: c, parent, depth: d });
        progress = true;
      } else next.push(c);
    }
    pending = next;
  }
  for (const c of pending) {
    if (depth.has(c.id)) continue;
    depth.set(c.id, 1);
    findings.push(warning(c.sheet, a1(c.row, 0), 'moodle-parent-cycle', `"${c.id}" sits in a loop of parents; it is exported at the top level.`));
    out.push({ node: c, parent: '', depth: 1 });
  }
  return out;
}

function frameworkIdOf(src: MoodleSource, options: MoodleExportOptions): string {
  if (options.frameworkId) return options.frameworkId;
  if (src.framework?.['Framework Code']) return src.framework['Framework Code'];
  const named = new Set(src.workbook.competencies.map((c) => extraText(c.extra, FRAMEWORK_HEADER)).filter((f) => f !== ''));
  if (named.size === 1) return [...named][0];
  return src.workbook.spreadsheetId.trim() || 'rungs';
}

function notCarried(wb: Workbook, findings: Finding[]): void {
  const deps = wb.competencies.reduce((n, c) => n + c.dependsOn.length, 0);
  const depCol = wb.tabs.competencies?.cols.dependsOn ?? 3;
  if (deps > 0) findings.push(warning(COMPETENCIES_TAB.name, a1(0, depCol >= 0 ? depCol : 3), 'moodle-dependencies-not-exported', `${deps} Depends On link${deps === 1 ? '' : 's'} between competencies ${deps === 1 ? 'was' : 'were'} not exported: Moodle frameworks have no prerequisites between competencies.`));
  const cells = wb.matrices.reduce((n, m) => n + m.rows.reduce((k, r) => k + r.expectations.filter((e) => e !== '').length, 0), 0);
  if (cells > 0) findings.push(warning(wb.matrices[0].sheet, 'A1', 'moodle-matrix-not-exported', `${cells} matrix expectations (${wb.matrices.length} tracks) were not exported: a Moodle framework holds competencies only.`));
}

function nodesOf(src: MoodleSource, frameworkId: string): TreeNode[] {
  const wb = src.workbook;
  const groupings: TreeNode[] = src.groupings.map((g) => ({
    id: g.id, name: g.name || g.id, description: cell(g.row, 'Description'), parent: cell(g.row, PARENT_ID_HEADER), related: cell(g.row, RELATED_HEADER), sheet: g.row.sheet, row: g.row.row,
  }));
  const inTree = new Set([...groupings.map((g) => g.id), ...wb.competencies.map((c) => c.id)]);
  const levels: TreeNode[] = wb.levels
    .filter((l) => l.trackId === frameworkId && inTree.has(extraText(l.extra, PARENT_ID_HEADER)))
    .map((l) => ({ id: l.code, name: l.name || l.code, description: l.description, parent: extraText(l.extra, PARENT_ID_HEADER), related: extraText(l.extra, RELATED_HEADER), sheet: l.at.sheet, row: l.at.row }));
  const competencies: TreeNode[] = wb.competencies.map((c) => ({
    id: c.id, name: c.name, description: c.description, parent: extraText(c.extra, PARENT_ID_HEADER), related: extraText(c.extra, RELATED_HEADER), sheet: c.at.sheet, row: c.at.row,
  }));
  return [...groupings, ...levels, ...competencies];
}

export function exportMoodle(src: MoodleSource, options: MoodleExportOptions = {}): MoodleExport {
  const findings: Finding[] = [];
  const wb = src.workbook;
  const frameworkId = frameworkIdOf(src, options);
  const ordered = treeOrder(nodesOf(src, frameworkId), findings);
  notCarried(wb, findings);
  const track = wb.tracks.find((t) => t.id === frameworkId);
  const depth = Math.max(1, ...ordered.map((o) => o.depth));
  const name = src.framework?.Title || track?.name || frameworkId;
  const description = src.framework?.Description ?? track?.description ?? '';
  const rows: string[][] = [
    ['', frameworkId, name, description, MOODLE_FORMAT_PLAIN, MOODLE_DEFAULT_SCALE, MOODLE_DEFAULT_SCALE_CONFIGURATION, '', '', '', '', '', '1', Array(depth).fill('competency').join(',')],
  ];
  ordered.forEach(({ node, parent }, i) => {
    const related = joinMoodleList(splitList(node.related).flatMap(splitMoodleList));
    rows.push([parent, node.id, node.name, node.description, MOODLE_FORMAT_PLAIN, '', '', '', '0', 'null', related, String(i + 1), '', '']);
  });
  const safe = rows.map((r) => r.map(neutralizeText));
  return { csv: Papa.unparse([[...MOODLE_HEADERS], ...safe], { delimiter: ',', newline: '\n' }), findings };
}
