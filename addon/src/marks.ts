/**
 * Cell marks for findings: a note line "Rungs: <code>: <message>" and a highlight. What Rungs marked is remembered
 * in the document's properties (the background each cell had before), so the next run removes marks that no
 * longer apply and restores those backgrounds, and touches nothing else: a person's own note text is kept (only
 * lines starting with "Rungs:" are Rungs'), a background a person changed after marking is left as it is.
 *
 * Calls: per tab with marks, one getNotes + one setNotes + one getBackgrounds over the smallest rectangle holding
 * the marked cells, and one RangeList.setBackground per colour; the memory is one getProperties + one
 * setProperties. Never a call per cell.
 */
import { z } from 'zod';
import { parseA1 } from '../../shared/cells';
import type { Finding } from '../../shared/findings';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const NOTE_PREFIX = 'Rungs:';
export const MARK_COLORS = { error: '#f4c7c3', warning: '#fce8b2' } as const;
const MARK_SET = new Set<string>(Object.values(MARK_COLORS));
const MEMORY_PREFIX = 'rungs.marks.';
/** Properties hold at most 9 KB per value: the memory is cut into chunks below that. */
const CHUNK_CHARS = 8000;

/** sheetId -> A1 -> the background the cell had before Rungs marked it. */
type Memory = Map<number, Map<string, string>>;
/** As stored: sheetId -> [previous colour, "A1 B2 ..."] groups. */
const StoredMemory = z.record(z.string(), z.array(z.tuple([z.string(), z.string()])));

export interface MarkResult {
  marked: number;
  cleared: number;
}

interface NewMark {
  severity: 'error' | 'warning';
  lines: string[];
}

/** A note without Rungs' lines (and without the blank lines that separated them from the person's text). */
export function withoutRungsLines(note: string): string {
  return note
    .split('\n')
    .filter((line) => !line.startsWith(NOTE_PREFIX))
    .join('\n')
    .replace(/\s+$/, '');
}

function readMemory(props: GoogleAppsScript.Properties.Properties): { memory: Memory; keys: string[] } {
  const all = props.getProperties();
  const keys = Object.keys(all).filter((k) => k.startsWith(MEMORY_PREFIX)).sort((a, b) => Number(a.slice(MEMORY_PREFIX.length)) - Number(b.slice(MEMORY_PREFIX.length)));
  const memory: Memory = new Map();
  if (keys.length === 0) return { memory, keys };
  try {
    const data = StoredMemory.parse(JSON.parse(keys.map((k) => all[k]).join('')));
    for (const [sheetId, groups] of Object.entries(data)) {
      const cells = new Map<string, string>();
      for (const [color, list] of groups) for (const a1 of list.split(' ')) if (a1) cells.set(a1, color);
      memory.set(Number(sheetId), cells);
    }
  } catch {
    // Unreadable memory (edited by hand): start afresh; Rungs' note lines are still recognised by their prefix.
  }
  return { memory, keys };
}

function writeMemory(props: GoogleAppsScript.Properties.Properties, memory: Memory, oldKeys: string[]): void {
  const data: Record<string, [string, string][]> = {};
  for (const [sheetId, cells] of memory) {
    if (cells.size === 0) continue;
    const byColor = new Map<string, string[]>();
    for (const [a1, color] of cells) byColor.set(color, [...(byColor.get(color) ?? []), a1]);
    data[String(sheetId)] = [...byColor].map(([color, list]) => [color, list.join(' ')]);
  }
  const text = Object.keys(data).length === 0 ? '' : JSON.stringify(data);
  const chunks: Record<string, string> = {};
  for (let i = 0; i * CHUNK_CHARS < text.length; i++) chunks[MEMORY_PREFIX + i] = text.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS);
  if (Object.keys(chunks).length > 0) props.setProperties(chunks);
  for (const k of oldKeys) if (!(k in chunks)) props.deleteProperty(k);
}

/**
 * Marks the cells of `findings` (whose sheet names resolve through `tabOf`) and clears the marks of the previous
 * run that no longer apply. `sheets`: every tab of the spreadsheet (marks of deleted tabs are forgotten).
 */
export function markFindings(findings: readonly Finding[], tabOf: (name: string) => Sheet | undefined, sheets: readonly Sheet[]): MarkResult {
  const props = PropertiesService.getDocumentProperties();
  const { memory, keys } = readMemory(props);
  const byId = new Map(sheets.map((s) => [s.getSheetId(), s] as const));

  const wanted = new Map<number, Map<string, NewMark>>();
  for (const f of findings) {
    const sheet = tabOf(f.sheet);
    if (!sheet || !parseA1(f.cell)) continue;
    const id = sheet.getSheetId();
    const cells = wanted.get(id) ?? new Map<string, NewMark>();
    wanted.set(id, cells);
    const mark = cells.get(f.cell) ?? { severity: f.severity, lines: [] };
    if (f.severity === 'error') mark.severity = 'error';
    mark.lines.push(`${NOTE_PREFIX} ${f.code}: ${f.message}`);
    cells.set(f.cell, mark);
  }

  const next: Memory = new Map();
  const result: MarkResult = { marked: 0, cleared: 0 };
  for (const id of new Set([...memory.keys(), ...wanted.keys()])) {
    const sheet = byId.get(id);
    if (!sheet) continue;
    const done = markSheet(sheet, memory.get(id) ?? new Map(), wanted.get(id) ?? new Map());
    result.marked += done.marked;
    result.cleared += done.cleared;
    if (done.memory.size > 0) next.set(id, done.memory);
  }
  writeMemory(props, next, keys);
  return result;
}

function markSheet(sheet: Sheet, before: Map<string, string>, wanted: Map<string, NewMark>): MarkResult & { memory: Map<string, string> } {
  const maxRows = sheet.getMaxRows();
  const maxCols = sheet.getMaxColumns();
  const cells = [...new Set([...before.keys(), ...wanted.keys()])]
    .map((a1) => ({ a1, at: parseA1(a1) }))
    .filter((c): c is { a1: string; at: { row: number; col: number } } => c.at !== undefined && c.at.row < maxRows && c.at.col < maxCols);
  const memory = new Map<string, string>();
  if (cells.length === 0) return { marked: 0, cleared: 0, memory };

  const top = Math.min(...cells.map((c) => c.at.row));
  const left = Math.min(...cells.map((c) => c.at.col));
  const bottom = Math.max(...cells.map((c) => c.at.row));
  const right = Math.max(...cells.map((c) => c.at.col));
  const box = sheet.getRange(top + 1, left + 1, bottom - top + 1, right - left + 1);
  const notes = box.getNotes();
  const backgrounds = box.getBackgrounds();
  const paint = new Map<string, string[]>();
  const paintWith = (color: string, a1: string) => paint.set(color, [...(paint.get(color) ?? []), a1]);

  let marked = 0;
  let cleared = 0;
  for (const { a1, at } of cells) {
    const r = at.row - top;
    const c = at.col - left;
    const own = withoutRungsLines(String(notes[r][c] ?? ''));
    const current = String(backgrounds[r][c] ?? '').toLowerCase();
    const mark = wanted.get(a1);
    if (mark) {
      notes[r][c] = own === '' ? mark.lines.join('\n') : `${own}\n\n${mark.lines.join('\n')}`;
      const previous = before.get(a1) ?? (MARK_SET.has(current) ? '#ffffff' : current);
      memory.set(a1, previous);
      const color = MARK_COLORS[mark.severity];
      if (current !== color) paintWith(color, a1);
      marked++;
    } else {
      notes[r][c] = own;
      // A person who recoloured the cell since keeps their colour.
      if (MARK_SET.has(current)) paintWith(before.get(a1) ?? '#ffffff', a1);
      cleared++;
    }
  }
  box.setNotes(notes);
  // White is how Sheets reports "no fill": restore it as no fill rather than as an explicit white.
  for (const [color, list] of paint) sheet.getRangeList(list).setBackground(color === '#ffffff' ? null : color);
  return { marked, cleared, memory };
}
