/**
 * What learner records may refer to: the workbook's employees, the modules of its published tracks, and for
 * assessments each published track's rubric (dimensions, the competency each assesses, the score scale).
 */
import { a1 } from '../cells';
import { error, type Finding } from '../findings';
import type { Workbook } from '../model';
import type { AssessmentRecord, CompletionRecord, RecordKind, RecordOf } from '../records';
import type { ImportLayout } from './header';

interface TrackRubric {
  dimensions: Map<string, { name: string; competencyId: string }>;
  scale: { min: number; max: number } | null;
}

export interface RecordReferences {
  employees: ReadonlySet<string>;
  modules: ReadonlySet<string>;
  tracks: ReadonlyMap<string, TrackRubric>;
}

const dimensionKey = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** The references of the published workbook (every Active track merged) and the workbook's stored employee ids. */
export function recordReferences(published: Workbook, employeeIds: Iterable<string>): RecordReferences {
  const tracks = new Map<string, TrackRubric>();
  for (const t of published.tracks) tracks.set(t.id, { dimensions: new Map(), scale: null });
  for (const r of published.rubrics) {
    const track = tracks.get(r.trackId);
    if (!track) continue;
    for (const d of r.dimensions) track.dimensions.set(dimensionKey(d.name), { name: d.name, competencyId: d.competencyId });
    const scores = r.scale.map((s) => s.score);
    track.scale = scores.length ? { min: Math.min(...scores), max: Math.max(...scores) } : null;
  }
  return { employees: new Set(employeeIds), modules: new Set(published.modules.map((m) => m.id)), tracks };
}

/** A finding about the whole file that makes reading its rows pointless (nothing could match), or null. */
export function missingReferences(kind: RecordKind, refs: RecordReferences, sheet: string, spreadsheetId: string): Finding | null {
  if (kind === 'employees') return null;
  if (refs.employees.size === 0) {
    return error(sheet, 'A1', 'no-employees', `Workbook ${spreadsheetId} has no employees on this server yet, so no record can name one. Import the HRIS export first (kind employees) or send the Employees tab.`);
  }
  if (kind === 'completions' && refs.modules.size === 0) {
    return error(sheet, 'A1', 'nothing-published', `No track of workbook ${spreadsheetId} is published yet, so no module is known. Publish the tracks first; completions refer to published modules only.`);
  }
  if (kind === 'assessments' && refs.tracks.size === 0) {
    return error(sheet, 'A1', 'nothing-published', `No track of workbook ${spreadsheetId} is published yet, so no rubric is known. Publish the tracks first; assessments refer to published rubrics only.`);
  }
  return null;
}

const list = (xs: Iterable<string>, max = 8) => {
  const all = [...xs];
  return all.length > max ? `${all.slice(0, max).join(', ')} ... (${all.length} in all)` : all.join(', ');
};

/**
 * Checks one parsed record against the references; an assessment's dimension is rewritten to the rubric's own
 * spelling (matched ignoring case and spacing) so reports group it with the rubric row.
 */
export function checkReferences<K extends RecordKind>(layout: ImportLayout & { kind: K }, record: RecordOf[K], refs: RecordReferences, row: number): Finding[] {
  if (layout.kind === 'employees') return [];
  const { employeeId } = record as CompletionRecord | AssessmentRecord;
  if (layout.kind === 'completions' && refs.employees.has(employeeId) && refs.modules.has((record as CompletionRecord).moduleId)) return [];
  const at = (column: string) => a1(row - 1, Math.max(0, layout.columns[column] ?? 0));
  const out: Finding[] = [];
  const { sheet } = layout;
  if (!refs.employees.has(employeeId)) out.push(error(sheet, at('employee_id'), 'unknown-employee', `Employee "${employeeId}" is not an employee of this workbook. Import the HRIS export (or the Employees tab) with them first.`));
  if (layout.kind === 'completions') {
    const { moduleId } = record as CompletionRecord;
    if (!refs.modules.has(moduleId)) out.push(error(sheet, at('module_id'), 'unknown-module', `Module "${moduleId}" is not a module of a published track.`));
    return out;
  }
  const a = record as AssessmentRecord;
  const track = refs.tracks.get(a.trackId);
  if (!track) {
    out.push(error(sheet, at('track_id'), 'unknown-track', `Track "${a.trackId}" is not a published track. Published: ${list(refs.tracks.keys())}.`));
    return out;
  }
  const dim = track.dimensions.get(dimensionKey(a.dimension));
  if (!dim) {
    out.push(error(sheet, at('dimension'), 'unknown-dimension', `"${a.dimension}" is not a dimension of the published rubric of track ${a.trackId}. Its dimensions: ${list([...track.dimensions.values()].map((d) => d.name)) || 'none'}.`));
  } else {
    a.dimension = dim.name;
    if (dim.competencyId !== a.competencyId) out.push(error(sheet, at('competency_id'), 'unknown-competency', `Dimension "${dim.name}" of track ${a.trackId} assesses competency ${dim.competencyId}, not "${a.competencyId}".`));
  }
  if (track.scale && (a.score < track.scale.min || a.score > track.scale.max)) {
    out.push(error(sheet, at('score'), 'bad-score', `Score ${a.score} is outside the rubric scale of track ${a.trackId} (${track.scale.min} to ${track.scale.max}).`));
  }
  return out;
}
