import { CompiledQuery, type Transaction } from 'kysely';
import type { RecordKind } from '../../shared/records';
import type { Database } from '../storage/schema';
import { stagedColumns, type RecordTable } from './record-tables';
import type { Duplicate, MergeCounts, MergeOptions, Stage, StagedRow } from './stage';
import { asCount, mergeWith, type SqlStyle } from './stage-sql';

const STAGE = 'temp.rungs_import_stage';
const style: SqlStyle = { param: () => '?', distinct: 'IS NOT', stage: STAGE };

/**
 * SQLite: a TEMP table (this connection only, rolled back with the transaction). A batch is one statement with
 * one JSON parameter read by json_each, so statement preparation and parameter binding cost nothing per row
 * (measured ~400k rows/s staged, close to a prepared statement per row on the raw driver).
 */
export function sqliteStage(trx: Transaction<Database>, t: RecordTable<RecordKind>): Stage {
  const cols = stagedColumns(t);
  const run = (sql: string, params: readonly unknown[] = []) => trx.executeQuery(CompiledQuery.raw(sql, [...params]));
  const keyMatch = t.keys.map((k, i) => `s.${k} = j.value->>${i + 1}`).join(' AND ');
  const insert = `INSERT INTO ${STAGE} SELECT ${cols.map((_, i) => `value->>${i}`).join(', ')} FROM json_each(?) WHERE true ON CONFLICT DO NOTHING`;
  const duplicates = `SELECT j.value->>0 AS row_number, s.row_number AS first_row FROM json_each(?) j JOIN ${STAGE} s ON ${keyMatch} WHERE s.row_number <> j.value->>0`;
  return {
    async create() {
      await run(`DROP TABLE IF EXISTS ${STAGE}`);
      const defs = cols.map((c) => `${c.name} ${c.type === 'int' ? 'INTEGER NOT NULL' : c.type === 'float8' ? 'REAL' : 'TEXT'}`);
      // WITHOUT ROWID: the natural key is the table's one B-tree, instead of a table plus a unique index.
      await run(`CREATE TEMP TABLE rungs_import_stage (${defs.join(', ')}, PRIMARY KEY (${t.keys.join(', ')})) WITHOUT ROWID`);
    },
    async add(rows: readonly StagedRow[]): Promise<Duplicate[]> {
      if (rows.length === 0) return [];
      const json = JSON.stringify(rows);
      const r = await run(insert, [json]);
      if (asCount(r.numAffectedRows) === rows.length) return [];
      const found = await run(duplicates, [json]);
      return (found.rows as { row_number: number; first_row: number }[]).map((d) => ({ row: Number(d.row_number), firstRow: Number(d.first_row) }));
    },
    async merge(o: MergeOptions): Promise<MergeCounts> {
      return mergeWith(run, t, style, o);
    },
    async drop() {
      await run(`DROP TABLE IF EXISTS ${STAGE}`);
    },
  };
}
