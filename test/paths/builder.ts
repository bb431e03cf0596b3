import { parseWorkbook, type CellValue, type Workbook, type WorkbookSnapshot } from '../../shared';

/**
 * Compact descriptions of small workbooks for path, inheritance and analysis tests.
 * Matrix cells: a number n means "required from the n-th level on" (text "<id> at <level>"); an array gives
 * the cells level by level ('' = not required). Competencies named anywhere are declared automatically.
 */
export interface TrackSpec {
  name?: string;
  status?: 'Active' | 'Draft';
  type?: 'Individual Contributor' | 'Manager';
  levels: string[];
  matrix?: Record<string, number | string[]>;
}

export interface CompetencySpec {
  name?: string;
  dependsOn?: string;
  scope?: 'Shared' | 'Role';
}

export interface ModuleSpec {
  track: string;
  develops?: string;
  pre?: string;
  gate?: string;
  hours?: number;
  title?: string;
}

export interface WorkbookSpec {
  tracks: Record<string, TrackSpec>;
  competencies?: Record<string, string | CompetencySpec>;
  modules?: Record<string, ModuleSpec>;
  /** Position id -> [track id, level code, title?]. */
  positions?: Record<string, [string, string, string?]>;
  /** Employee id -> [name, position id]. */
  employees?: Record<string, [string, string]>;
}

const list = (text: string | undefined) => (text ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');

export function snapshotOf(spec: WorkbookSpec): WorkbookSnapshot {
  const competencies = new Map<string, CompetencySpec>();
  const declare = (id: string, c: CompetencySpec = {}) => {
    if (!competencies.has(id) || Object.keys(c).length > 0) competencies.set(id, c);
  };
  for (const [id, c] of Object.entries(spec.competencies ?? {})) declare(id, typeof c === 'string' ? { name: c } : c);
  for (const c of [...competencies.values()]) for (const d of list(c.dependsOn)) if (!competencies.has(d)) declare(d);
  for (const t of Object.values(spec.tracks)) for (const id of Object.keys(t.matrix ?? {})) if (!competencies.has(id)) declare(id);
  for (const m of Object.values(spec.modules ?? {})) for (const id of list(m.develops)) if (!competencies.has(id)) declare(id);

  const sheet = (name: string, values: CellValue[][]) => ({ name, values });
  const tracks = Object.entries(spec.tracks);
  return {
    spreadsheetId: 'spec',
    sheets: [
      sheet('Tracks', [
        ['Track ID', 'Track Name', 'Track Type', 'Owner Email', 'Status', 'Review By', 'Description'],
        ...tracks.map(([id, t]) => [id, t.name ?? `Track ${id}`, t.type ?? 'Individual Contributor', 'owner@acme.test', t.status ?? 'Active', '', '']),
      ]),
      sheet('Levels', [
        ['Track ID', 'Level Code', 'Level Name', 'Order', 'Description'],
        ...tracks.flatMap(([id, t]) => t.levels.map((code, i) => [id, code, `Level ${code}`, i + 1, ''])),
      ]),
      sheet('Competencies', [
        ['Competency ID', 'Competency Name', 'Scope', 'Depends On', 'Description'],
        ...[...competencies].map(([id, c]) => [id, c.name ?? id, c.scope ?? 'Role', list(c.dependsOn).join(', '), '']),
      ]),
      sheet('Positions', [
        ['Position ID', 'Position Title', 'Track ID', 'Level Code'],
        ...Object.entries(spec.positions ?? {}).map(([id, [track, level, title]]) => [id, title ?? `Position ${id}`, track, level]),
      ]),
      sheet('Modules', [
        ['Module ID', 'Module Title', 'Track ID', 'Develops', 'Prerequisites', 'Gate', 'Duration Hours'],
        ...Object.entries(spec.modules ?? {}).map(([id, m]) => [id, m.title ?? `Module ${id}`, m.track, m.develops ?? '', m.pre ?? '', m.gate ?? '', m.hours ?? '']),
      ]),
      sheet('Employees', [
        ['Employee ID', 'Employee Name', 'Email', 'Position ID', 'Manager Email'],
        ...Object.entries(spec.employees ?? {}).map(([id, [name, position]]) => [id, name, '', position, '']),
      ]),
      ...tracks.map(([id, t]) =>
        sheet(`Matrix ${id}`, [
          ['Competency ID', 'Competency Name', ...t.levels],
          ...Object.entries(t.matrix ?? {}).map(([c, cells]) => [
            c,
            competencies.get(c)?.name ?? c,
            ...(typeof cells === 'number' ? t.levels.map((code, i) => (i + 1 >= cells ? `${c} at ${code}` : '')) : cells),
          ]),
        ]),
      ),
    ],
  };
}

/** Parses a spec; throws if the builder produced something the parser calls an error (a broken test, not a finding). */
export function workbookOf(spec: WorkbookSpec): Workbook {
  const { workbook, findings } = parseWorkbook(snapshotOf(spec));
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) throw new Error(`test workbook does not parse: ${errors.map((f) => `${f.sheet}!${f.cell} ${f.message}`).join('; ')}`);
  return workbook;
}
