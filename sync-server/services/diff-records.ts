import { COMPETENCIES_TAB, LEVELS_TAB, MODULES_TAB, POSITIONS_TAB, RUBRIC_COMPETENCY_HEADER, RUBRIC_THRESHOLD_LABEL, RUBRIC_WEIGHT_HEADER, TRACKS_TAB, type TabSpec } from '../../shared/contract';
import type { ExtraCells, Workbook } from '../../shared/model';

export type DiffValue = string | number | boolean | null;
/** One comparable item, keyed by the header a person sees in the sheet. */
export type DiffRecord = Record<string, DiffValue>;

export interface SectionRecords {
  track: Map<string, DiffRecord>;
  competencies: Map<string, DiffRecord>;
  levels: Map<string, DiffRecord>;
  cells: Map<string, DiffRecord>;
  positions: Map<string, DiffRecord>;
  modules: Map<string, DiffRecord>;
  rubricRows: Map<string, DiffRecord>;
}

export type Item = { extra: ExtraCells } & Record<string, unknown>;

function cellValue(v: unknown): DiffValue {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'object') return (v as { text?: string }).text ?? null;
  return v as DiffValue;
}

/** A row as its tab's headers name it; `skip` leaves out fields that are not content (the id, Status). */
export function record(spec: TabSpec, item: Item, skip: readonly string[]): DiffRecord {
  const out: DiffRecord = {};
  for (const c of spec.columns) if (!skip.includes(c.key)) out[c.header] = cellValue(item[c.key]);
  for (const [h, v] of Object.entries(item.extra)) out[h] = cellValue(v);
  return out;
}

/** First row wins for a duplicated id, as everywhere else in the domain. */
function byId<T>(items: readonly T[], id: (t: T) => string, rec: (t: T) => DiffRecord): Map<string, DiffRecord> {
  const out = new Map<string, DiffRecord>();
  for (const t of items) {
    const k = id(t);
    if (k !== '' && !out.has(k)) out.set(k, rec(t));
  }
  return out;
}

/** The comparable items of one track in a parsed track part (see track-part.ts). */
export function sectionRecords(wb: Workbook | null, trackId: string): SectionRecords {
  const empty = () => new Map<string, DiffRecord>();
  if (!wb) return { track: empty(), competencies: empty(), levels: empty(), cells: empty(), positions: empty(), modules: empty(), rubricRows: empty() };
  const asItem = (x: object) => x as unknown as Item;

  const cells = new Map<string, DiffRecord>();
  const matrix = wb.matrices.find((m) => m.trackId === trackId);
  for (const row of matrix?.rows ?? []) {
    matrix!.levels.forEach((level, i) => {
      const key = `${row.competencyId} @ ${level.code}`;
      const text = row.expectations[i] ?? '';
      if (text !== '' && !cells.has(key)) cells.set(key, { 'Competency ID': row.competencyId, Level: level.code, Expectation: text });
    });
  }

  const rubricRows = new Map<string, DiffRecord>();
  const rubric = wb.rubrics.find((r) => r.trackId === trackId);
  if (rubric) {
    for (const d of rubric.dimensions) {
      if (d.name === '' || rubricRows.has(d.name)) continue;
      const rec: DiffRecord = { [RUBRIC_COMPETENCY_HEADER]: d.competencyId, [RUBRIC_WEIGHT_HEADER]: d.weight };
      rubric.scale.forEach((s, i) => (rec[`${s.score} ${s.label}`.trim()] = d.descriptors[i] ?? ''));
      rubricRows.set(d.name, rec);
    }
    if (rubric.thresholdRow !== null) rubricRows.set(RUBRIC_THRESHOLD_LABEL, { [RUBRIC_WEIGHT_HEADER]: rubric.passThreshold });
  }

  return {
    track: byId(wb.tracks.filter((t) => t.id === trackId), (t) => t.id, (t) => record(TRACKS_TAB, asItem(t), ['id', 'status'])),
    competencies: byId(wb.competencies, (c) => c.id, (c) => record(COMPETENCIES_TAB, asItem(c), ['id'])),
    levels: byId(wb.levels.filter((l) => l.trackId === trackId), (l) => l.code, (l) => record(LEVELS_TAB, asItem(l), ['code', 'trackId'])),
    cells,
    positions: byId(wb.positions.filter((p) => p.trackId === trackId), (p) => p.id, (p) => record(POSITIONS_TAB, asItem(p), ['id'])),
    modules: byId(wb.modules, (m) => m.id, (m) => record(MODULES_TAB, asItem(m), ['id'])),
    rubricRows,
  };
}
