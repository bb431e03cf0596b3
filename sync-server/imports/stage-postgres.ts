import { CompiledQuery, type Transaction } from 'kysely';
import type { RecordKind } from '../../shared/records';
import type { Database } from '../storage/schema';
import { stagedColumns, type RecordTable } from './record-tables';
import type { Duplicate, MergeCounts, MergeOptions, Stage, StagedRow } from './stage';
import { mergeWith, type SqlStyle } from './stage-sql';

const STAGE = 'rungs_import_stage';
const style: SqlStyle = { param: (n, type) => `$${n}::${type}`, distinct: 'IS DISTINCT FROM', stage: STAGE };
const SQL_TYPE = { int: 'integer', text: 'text', float8: 'double precision' } as const;
const ARRAY_TYPE = { int: 'int4[]', text: 'text[]', float8: 'float8[]' } as const;

/**
 * PostgreSQL: a TEMP table dropped at commit (the transaction holds one pooled connection, so it sees its own temp
 * table). A batch is one INSERT ... SELECT FROM unnest() with one array parameter per column: one round trip and
 * a handful of parameters for thousands of rows.
 */
export function postgresStage(trx: Transaction<Database>, t: RecordTable<RecordKind>): Stage {
  const cols = stagedColumns(t);
  const run = (sql: string, params: readonly unknown[] = []) => trx.executeQuery(CompiledQuery.raw(sql, [...params]));
  const unnest = (columns: readonly { name: string; type: keyof typeof ARRAY_TYPE }[], offset = 0) =>
    `unnest(${columns.map((c, i) => `$${i + 1 + offset}::${ARRAY_TYPE[c.type]}`).join(', ')}) AS u(${columns.map((c) => c.name).join(', ')})`;
  const insert = `INSERT INTO ${STAGE} SELECT * FROM ${unnest(cols)} ON CONFLICT DO NOTHING`;
  const keyCols = cols.slice(0, 1 + t.keys.length);
  const duplicates = `SELECT u.row_number, s.row_number AS first_row FROM ${unnest(keyCols)} JOIN ${STAGE} s ON ${t.keys.map((k) => `s.${k} = u.${k}`).join(' AND ')} WHERE s.row_number <> u.row_number`;
  const columnArrays = (rows: readonly StagedRow[], n: number) => Array.from({ length: n }, (_, i) => rows.map((r) => r[i]));
  return {
    async create() {
      await run(`DROP TABLE IF EXISTS pg_temp.${STAGE}`);
      const defs = cols.map((c) => `${c.name} ${SQL_TYPE[c.type]}${c.type === 'int' || t.keys.includes(c.name) ? ' NOT NULL' : ''}`);
      await run(`CREATE TEMP TABLE ${STAGE} (${defs.join(', ')}, PRIMARY KEY (${t.keys.join(', ')})) ON COMMIT DROP`);
    },
    async add(rows: readonly StagedRow[]): Promise<Duplicate[]> {
      if (rows.length === 0) return [];
      const r = await run(insert, columnArrays(rows, cols.length));
      if (Number(r.numAffectedRows ?? 0) === rows.length) return [];
      const found = await run(duplicates, columnArrays(rows, keyCols.length));
      return (found.rows as { row_number: number; first_row: number }[]).map((d) => ({ row: Number(d.row_number), firstRow: Number(d.first_row) }));
    },
    merge: (o: MergeOptions): Promise<MergeCounts> => mergeWith(run, t, style, o),
    async drop() {
      await run(`DROP TABLE IF EXISTS pg_temp.${STAGE}`);
    },
  };
}
