import type { RecordKind } from '../../shared/records';
import type { RecordTable } from './record-tables';
import type { MergeCounts, MergeOptions } from './stage';

/** SQL both engines share, with the engine's placeholder style and its "differs, nulls included" operator. */
export interface SqlStyle {
  param(n: number, type: 'text'): string;
  distinct: 'IS NOT' | 'IS DISTINCT FROM';
  stage: string;
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

/** The merge both engines run: counts before and after tell inserted from updated rows. */
export async function mergeWith(run: Run, t: RecordTable<RecordKind>, s: SqlStyle, o: MergeOptions): Promise<MergeCounts> {
  const count = async () => asCount(((await run(countSql(t, s), [o.spreadsheetId])).rows[0] as { n: unknown }).n);
  const staged = asCount(((await run(`SELECT count(*) AS n FROM ${s.stage}`)).rows[0] as { n: unknown }).n);
  const removed = o.replace ? asCount((await run(removeAbsentSql(t, s), [o.spreadsheetId])).numAffectedRows) : 0;
  const before = await count();
  const stamps = t.stamped.map((c) => (c === 'updated_at' ? o.at : o.source));
  const changed = asCount((await run(mergeSql(t, s), [o.spreadsheetId, ...stamps])).numAffectedRows);
  const inserted = (await count()) - before;
  return { inserted, updated: changed - inserted, unchanged: staged - changed, removed };
}
