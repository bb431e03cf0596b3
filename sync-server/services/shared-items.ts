/**
 * Shared competencies and Shared modules belong to the workbook's admins. The approved state of a Shared item is
 * what an admin last published for it (table shared_items); for an item no admin publish has recorded yet (stores
 * from before this rule), it is the item as the most recently published active version holds it. A draft saved by
 * anyone else must carry every Shared item it holds exactly as approved: an item it adds, changes or (for the
 * Shared modules every track holds) removes is an error finding at that cell.
 */
import type { Kysely } from 'kysely';
import { cellOf } from '../../shared/at';
import { a1 } from '../../shared/cells';
import { COMPETENCIES_TAB, MODULES_TAB, SHARED_TRACK, type TabSpec } from '../../shared/contract';
import { error, type Finding } from '../../shared/findings';
import type { Workbook } from '../../shared/model';
import { parseWorkbook } from '../../shared/parse/workbook';
import { isShared } from '../../shared/sequencing';
import type { WorkbookSnapshot } from '../../shared/snapshot';
import { fromJson, toJson } from '../storage/json';
import type { Database } from '../storage/schema';
import { diffMaps } from './diff';
import { record, type DiffRecord, type Item } from './diff-records';

export const SHARED_KINDS = ['competency', 'module'] as const;
export type SharedKind = (typeof SHARED_KINDS)[number];

/** kind -> item id -> its cells by header (the id left out). */
export type SharedRecords = Record<SharedKind, Record<string, DiffRecord>>;

export interface SharedChange {
  kind: SharedKind;
  id: string;
  change: 'added' | 'changed' | 'removed';
  /** Headers of the cells that differ from the approved item (every cell for added and removed). */
  fields: string[];
  /** Where the user sees it (for a removed row: the header of the id column). */
  sheet: string;
  cell: string;
}

export interface ApprovedItem {
  record: DiffRecord;
  /** The track and version whose publish carried this content. */
  trackId: string;
  version: number;
  /** Recorded by an admin's publish (else read from the active versions of a store from before the rule). */
  recorded: boolean;
}

/** `${kind}:${id}` -> the approved item. */
export type ApprovedState = Map<string, ApprovedItem>;

const key = (kind: SharedKind, id: string) => `${kind}:${id}`;
const SPEC: Record<SharedKind, TabSpec> = { competency: COMPETENCIES_TAB, module: MODULES_TAB };
const asItem = (x: object) => x as unknown as Item;

interface Row {
  kind: SharedKind;
  id: string;
  shared: boolean;
  record: DiffRecord;
  item: Item & { at: { sheet: string; row: number; cols: Readonly<Record<string, number>> } };
}

/** Every competency and module of a workbook (first row per id, as everywhere in the domain), with its record. */
function rowsOf(wb: Workbook): Map<string, Row> {
  const out = new Map<string, Row>();
  const add = (kind: SharedKind, id: string, shared: boolean, item: Row['item']) => {
    const k = key(kind, id);
    if (id !== '' && !out.has(k)) out.set(k, { kind, id, shared, record: record(SPEC[kind], item, ['id']), item });
  };
  for (const c of wb.competencies) add('competency', c.id, c.scope === 'Shared', asItem(c) as Row['item']);
  // "shared" and "Shared" both mark the foundation (isShared): the spelling of that mark is not a change.
  for (const m of wb.modules) add('module', m.id, isShared(m), asItem(isShared(m) ? { ...m, trackId: SHARED_TRACK } : m) as Row['item']);
  return out;
}

export function sharedRecordsOf(wb: Workbook): SharedRecords {
  const out: SharedRecords = { competency: {}, module: {} };
  for (const r of rowsOf(wb).values()) if (r.shared) out[r.kind][r.id] = r.record;
  return out;
}

/** The A1 cell of a field (by header) of a row; the id cell when the header is not found. */
function cellOfHeader(wb: Workbook, row: Row, header: string): string {
  const spec = SPEC[row.kind];
  const column = spec.columns.find((c) => c.header === header);
  if (column) return cellOf(row.item.at, column.key);
  const extra = wb.tabs[spec.role]?.headers.indexOf(header) ?? -1;
  return extra >= 0 ? a1(row.item.at.row, extra) : cellOf(row.item.at, 'id');
}

export interface ChangeInput {
  /** The draft's track part, parsed. */
  part: Workbook;
  approved: ApprovedState;
  /** The Shared items of the track's active version (null: never published). */
  activeHeld: SharedRecords | null;
  /** The whole workbook the part was cut from, when known: it locates a removed module's row more precisely. */
  whole?: Workbook;
}

/** The Shared items the part adds, changes or removes against the approved state. */
export function sharedChanges({ part, approved, activeHeld, whole }: ChangeInput): SharedChange[] {
  const rows = rowsOf(part);
  const before = new Map<string, DiffRecord>();
  const after = new Map<string, DiffRecord>();
  for (const [k, r] of rows) {
    const ok = approved.get(k);
    if (!r.shared && !ok) continue;
    after.set(k, r.record);
    if (ok) before.set(k, ok.record);
  }
  const out: SharedChange[] = diffMaps(before, after).map((c) => {
    const row = rows.get(c.id)!;
    const cell = c.change === 'added' ? cellOf(row.item.at, 'id') : cellOfHeader(part, row, c.fields[0]);
    return { kind: row.kind, id: row.id, change: c.change, fields: c.fields, sheet: row.item.at.sheet, cell };
  });

  // Every part holds every Shared module, so one the track's active version held and the part lacks is gone.
  const elsewhere = whole ? rowsOf(whole) : rows;
  for (const [id, rec] of Object.entries(activeHeld?.module ?? {})) {
    if (rows.get(key('module', id))?.shared) continue;
    if (rows.has(key('module', id))) continue; // still held, no longer Shared: reported as changed above
    const row = elsewhere.get(key('module', id));
    const tab = (whole ?? part).tabs[MODULES_TAB.role];
    const sheet = row?.item.at.sheet ?? tab?.name ?? MODULES_TAB.name;
    const cell = row ? cellOf(row.item.at, 'trackId') : a1(0, Math.max(0, tab?.cols.id ?? 0));
    out.push({ kind: 'module', id, change: 'removed', fields: Object.keys(rec), sheet, cell });
  }
  return out;
}

export const SHARED_ITEM_CODE = 'shared-item-admin-only';
const NOUN: Record<SharedKind, string> = { competency: 'competency', module: 'module' };
const WHO = 'Shared competencies and modules belong to the workbook\'s admins';

/** The error a non-admin's draft gets for each Shared change. */
export function sharedChangeFindings(changes: readonly SharedChange[], approved: ApprovedState, trackId: string): Finding[] {
  return changes.map((c) => {
    const noun = NOUN[c.kind];
    if (c.change === 'added') {
      const own = c.kind === 'competency' ? 'set Scope to Role to make it this track\'s own' : `write ${trackId} in Track ID to make it this track's own`;
      return error(c.sheet, c.cell, SHARED_ITEM_CODE,
        `Shared ${noun} "${c.id}" has not been published by an admin. ${WHO}: only an admin can add one. Ask an admin to publish it, or ${own}.`);
    }
    if (c.change === 'removed') {
      return error(c.sheet, c.cell, SHARED_ITEM_CODE,
        `Shared module "${c.id}" is in this track's published version but is no longer a Shared module of the Modules tab. ${WHO}: only an admin can remove one. Put the row back as it was, or ask an admin to publish this track.`);
    }
    const was = approved.get(key(c.kind, c.id))?.record[c.fields[0]];
    const shown = was === null || was === undefined || was === '' ? 'blank' : `"${String(was)}"`;
    return error(c.sheet, c.cell, SHARED_ITEM_CODE,
      `Shared ${noun} "${c.id}" differs from what an admin published (${c.fields.join(', ')}; ${c.fields[0]} was ${shown}). ${WHO}: only an admin can change one. Put back what was published, or ask an admin to publish the change; it then reaches every track that uses it.`);
  });
}

// ---- stored state ----------------------------------------------------------------------------------------------

export interface ActiveHolding {
  trackId: string;
  version: number;
  publishedAt: string;
  shared: SharedRecords;
}

/** The Shared items each active version of a workbook holds. */
export async function activeHoldings(db: Kysely<Database>, spreadsheetId: string): Promise<ActiveHolding[]> {
  const rows = await db.selectFrom('tracks')
    .innerJoin('versions', (j) =>
      j.onRef('versions.workbook_id', '=', 'tracks.workbook_id').onRef('versions.track_id', '=', 'tracks.track_id').onRef('versions.version', '=', 'tracks.active_version'))
    .select(['tracks.track_id as trackId', 'versions.version as version', 'versions.published_at as publishedAt', 'versions.shared as shared'])
    .where('tracks.workbook_id', '=', spreadsheetId)
    .execute();
  const out: ActiveHolding[] = [];
  for (const r of rows) out.push({ trackId: r.trackId, version: r.version, publishedAt: r.publishedAt, shared: await heldBy(db, spreadsheetId, r.trackId, r.version, r.shared) });
  return out.sort((a, b) => (a.trackId < b.trackId ? -1 : a.trackId > b.trackId ? 1 : 0));
}

async function heldBy(db: Kysely<Database>, spreadsheetId: string, trackId: string, version: number, shared: string | null): Promise<SharedRecords> {
  if (shared !== null) return fromJson<SharedRecords>(shared);
  const row = await db.selectFrom('versions').select('snapshot')
    .where('workbook_id', '=', spreadsheetId).where('track_id', '=', trackId).where('version', '=', version).executeTakeFirstOrThrow();
  return sharedRecordsOf(parseWorkbook(fromJson<WorkbookSnapshot>(row.snapshot)).workbook);
}

/** The Shared items of one stored version's part (the `versions.shared` column). */
export const sharedColumn = (partJson: string): string => toJson(sharedRecordsOf(parseWorkbook(fromJson<WorkbookSnapshot>(partJson)).workbook));

/** The approved state of a workbook's Shared items (see the top of this file). */
export async function approvedShared(db: Kysely<Database>, spreadsheetId: string, holdings?: readonly ActiveHolding[]): Promise<ApprovedState> {
  const out: ApprovedState = new Map();
  const rows = await db.selectFrom('shared_items').selectAll().where('workbook_id', '=', spreadsheetId).execute();
  for (const r of rows) out.set(key(r.kind, r.item_id), { record: fromJson<DiffRecord>(r.record), trackId: r.track_id, version: r.version, recorded: true });
  const latestFirst = [...(holdings ?? (await activeHoldings(db, spreadsheetId)))]
    .sort((a, b) => (a.publishedAt > b.publishedAt ? -1 : a.publishedAt < b.publishedAt ? 1 : a.trackId < b.trackId ? -1 : 1));
  for (const h of latestFirst) {
    for (const kind of SHARED_KINDS) {
      for (const [id, rec] of Object.entries(h.shared[kind])) {
        if (!out.has(key(kind, id))) out.set(key(kind, id), { record: rec, trackId: h.trackId, version: h.version, recorded: false });
      }
    }
  }
  return out;
}

/** Other active tracks whose version holds the item as a Shared item. */
export function usersOf(holdings: readonly ActiveHolding[], kind: SharedKind, id: string, except: string): string[] {
  return holdings.filter((h) => h.trackId !== except && Object.hasOwn(h.shared[kind], id)).map((h) => h.trackId);
}

/**
 * An admin's publish approves the Shared items of the version it wrote: each one it holds becomes the approved
 * content (rows are written only where that changes something); an approved item it made a Role item, or a Shared
 * module it removed, is no longer approved.
 */
export async function approve(
  trx: Kysely<Database>,
  w: { spreadsheetId: string; trackId: string; version: number; actor: string; at: string; held: SharedRecords; changes: readonly SharedChange[]; approved: ApprovedState },
): Promise<void> {
  for (const c of w.changes) {
    const stillShared = Object.hasOwn(w.held[c.kind], c.id);
    if (!stillShared) await trx.deleteFrom('shared_items').where('workbook_id', '=', w.spreadsheetId).where('kind', '=', c.kind).where('item_id', '=', c.id).execute();
  }
  const changed = new Set(w.changes.map((c) => key(c.kind, c.id)));
  for (const kind of SHARED_KINDS) {
    for (const [id, rec] of Object.entries(w.held[kind])) {
      if (!changed.has(key(kind, id)) && w.approved.get(key(kind, id))?.recorded) continue;
      const values = { workbook_id: w.spreadsheetId, kind, item_id: id, record: toJson(rec), track_id: w.trackId, version: w.version, approved_by: w.actor, approved_at: w.at };
      await trx.insertInto('shared_items').values(values)
        .onConflict((oc) => oc.columns(['workbook_id', 'kind', 'item_id']).doUpdateSet({ record: values.record, track_id: values.track_id, version: values.version, approved_by: values.approved_by, approved_at: values.approved_at }))
        .execute();
    }
  }
}
