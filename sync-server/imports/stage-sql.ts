import type { RecordKind } from '../../shared/records';
import type { RecordTable } from './record-tables';
import type { MergeCounts, MergeOptions } from './stage';

/** SQL both engines share, with the engine's placeholder style and its "differs, nulls included" operator. */
export interface SqlStyle {
  param(n: number, type: 'text'): string;
  distinct: 'IS NOT' | 'IS DISTINCT FROM';
  stage: string;
  /** Holds, until the transaction ends, other merges into the same table for the same workbook ($1: a key); null when the engine has one writer. */
  serialize: string | null;
}

/** Upserts every staged row; a row whose values are all the same is left alone (not counted as changed). */
export function mergeSql(t: RecordTable<RecordKind>, s: SqlStyle): string {
  const values = t.values.map((v) => v.name);
  const stamped = [...t.stamped];
  const target = ['workbook_id', ...t.keys, ...values, ...stamped];
  const stampParams = stamped.map((_, i) => s.param(i + 2, 'text'));
  const set = [...values, ...stamped].map((c) => `${c} = excluded.${c}`).join(', ');
  return `INSERT INTO ${t.table} (${target.join(', ')}) ` +
    `SELECT ${s.param(1, 'text')}, ${[...t.keys, ...values].join(', ')}, ${stampParams.join(', ')} FROM ${s.stage} WHERE true ` +
    `ON CONFLICT (workbook_id, ${t.keys.join(', ')}) DO UPDATE SET ${set} ` +
    `WHERE (${values.map((c) => `${t.table}.${c}`).join(', ')}) ${s.distinct} (${values.map((c) => `excluded.${c}`).join(', ')})`;
}

/** Inserts every staged row, for a workbook that has none in the table (no row can conflict). */
export function insertSql(t: RecordTable<RecordKind>, s: SqlStyle): string {
  const values = t.values.map((v) => v.name);
  const stamped = [...t.stamped];
  const stampParams = stamped.map((_, i) => s.param(i + 2, 'text'));
  return `INSERT INTO ${t.table} (${['workbook_id', ...t.keys, ...values, ...stamped].join(', ')}) ` +
    `SELECT ${s.param(1, 'text')}, ${[...t.keys, ...values].join(', ')}, ${stampParams.join(', ')} FROM ${s.stage}`;
}

export function countSql(t: RecordTable<RecordKind>, s: SqlStyle): string {
  return `SELECT count(*) AS n FROM ${t.table} WHERE workbook_id = ${s.param(1, 'text')}`;
}

/** Deletes the workbook's rows the file does not have (employees with --replace). */
export function removeAbsentSql(t: RecordTable<RecordKind>, s: SqlStyle): string {
  const match = t.keys.map((k) => `s.${k} = ${t.table}.${k}`).join(' AND ');
  return `DELETE FROM ${t.table} WHERE workbook_id = ${s.param(1, 'text')} AND NOT EXISTS (SELECT 1 FROM ${s.stage} s WHERE ${match})`;
}

/** Numbers of rows counted by the engine (bigint from the driver, or a string from count(*)). */
export const asCount = (v: unknown): number => Number(v ?? 0);

type Run = (sql: string, params?: readonly unknown[]) => Promise<{ rows: unknown[]; numAffectedRows?: bigint }>;

/** Below this many staged rows, which of them exist already is counted by key; above, the table is counted before and after. */
const COUNT_BY_KEY_UP_TO = 50_000;

/**
 * The merge both engines run, with its counts. A workbook with no rows in the table yet gets a plain insert (all
 * new). Otherwise rows that changed come from the upsert, and which of them were new from the staged keys found in
 * the table (a small file: its own size, whatever the table's) or from the table counted before and after (a
 * large file). Merges into one workbook's rows of a table take turns, so that "no rows yet" holds until the insert.
 */
export async function mergeWith(run: Run, t: RecordTable<RecordKind>, s: SqlStyle, o: MergeOptions): Promise<MergeCounts> {
  const count = async () => asCount(((await run(countSql(t, s), [o.spreadsheetId])).rows[0] as { n: unknown }).n);
  const staged = asCount(((await run(`SELECT count(*) AS n FROM ${s.stage}`)).rows[0] as { n: unknown }).n);
  if (s.serialize) await run(s.serialize, [`rungs-merge:${t.table}:${o.spreadsheetId}`]);
  const removed = o.replace ? asCount((await run(removeAbsentSql(t, s), [o.spreadsheetId])).numAffectedRows) : 0;
  const empty = (await run(`SELECT 1 AS one FROM ${t.table} WHERE workbook_id = ${s.param(1, 'text')} LIMIT 1`, [o.spreadsheetId])).rows.length === 0;
  const stamps = t.stamped.map((c) => (c === 'updated_at' ? o.at : o.source));
  const upsert = async () => asCount((await run(mergeSql(t, s), [o.spreadsheetId, ...stamps])).numAffectedRows);
  if (empty) {
    // Nothing to compare with: a plain insert (twice as fast on PostgreSQL as the upsert's speculative inserts).
    const inserted = asCount((await run(insertSql(t, s), [o.spreadsheetId, ...stamps])).numAffectedRows);
    return { inserted, updated: 0, unchanged: staged - inserted, removed };
  }
  let inserted: number;
  let changed: number;
  if (staged <= COUNT_BY_KEY_UP_TO) {
    const match = t.keys.map((k) => `x.${k} = st.${k}`).join(' AND ');
    const existing = asCount(((await run(`SELECT count(*) AS n FROM ${s.stage} st JOIN ${t.table} x ON x.workbook_id = ${s.param(1, 'text')} AND ${match}`, [o.spreadsheetId])).rows[0] as { n: unknown }).n);
    changed = await upsert();
    inserted = staged - existing;
  } else {
    const before = await count();
    changed = await upsert();
    inserted = (await count()) - before;
  }
  return { inserted, updated: changed - inserted, unchanged: staged - changed, removed };
}
