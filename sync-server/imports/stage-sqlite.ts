import type SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, type Transaction } from 'kysely';
import type { RecordKind } from '../../shared/records';
import type { Database } from '../storage/schema';
import { stagedColumns, type RecordTable } from './record-tables';
import type { Duplicate, MergeCounts, MergeOptions, Stage, StagedRow } from './stage';
import { mergeWith, type SqlStyle } from './stage-sql';

const STAGE = 'temp.rungs_import_stage';
const style: SqlStyle = { param: () => '?', distinct: 'IS NOT', stage: STAGE, serialize: null };
/** Rows per INSERT: binding values one statement call at a time costs more than the rows themselves. */
const ROWS_PER_STATEMENT = 64;

/**
 * SQLite: a TEMP table (this connection only, rolled back with the transaction), keyed by the natural key
 * (WITHOUT ROWID: the key is the table's one B-tree). Rows go in through one multi-row INSERT prepared once and
 * run with the values spread as arguments; a statement that inserts fewer rows than it was given met a duplicate.
 */
export function sqliteStage(trx: Transaction<Database>, handle: SqliteDatabase.Database, t: RecordTable<RecordKind>): Stage {
  const cols = stagedColumns(t);
  const width = cols.length;
  const run = (sql: string, params: readonly unknown[] = []) => trx.executeQuery(CompiledQuery.raw(sql, [...params]));
  const statements = new Map<number, SqliteDatabase.Statement>();
  const insertOf = (n: number) => {
    let st = statements.get(n);
    if (!st) {
      const one = `(${cols.map(() => '?').join(', ')})`;
      st = handle.prepare(`INSERT INTO ${STAGE} VALUES ${Array.from({ length: n }, () => one).join(', ')} ON CONFLICT DO NOTHING`);
      statements.set(n, st);
    }
    return st;
  };
  const keyMatch = t.keys.map((k, i) => `s.${k} = j.value->>${i + 1}`).join(' AND ');
  const duplicatesSql = (`SELECT j.value->>0 AS row_number, s.row_number AS first_row FROM json_each(?) j JOIN ${STAGE} s ON ${keyMatch} WHERE s.row_number <> j.value->>0`);
  let duplicatesIn: SqliteDatabase.Statement | undefined;
  const args: StagedValue[] = [];
  type StagedValue = StagedRow[number];
  return {
    async create() {
      await run(`DROP TABLE IF EXISTS ${STAGE}`);
      const defs = cols.map((c) => `${c.name} ${c.type === 'int' ? 'INTEGER NOT NULL' : c.type === 'float8' ? 'REAL' : 'TEXT'}`);
      await run(`CREATE TEMP TABLE rungs_import_stage (${defs.join(', ')}, PRIMARY KEY (${t.keys.join(', ')})) WITHOUT ROWID`);
    },
    async add(rows: readonly StagedRow[]): Promise<Duplicate[]> {
      const found: Duplicate[] = [];
      for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
        const n = Math.min(ROWS_PER_STATEMENT, rows.length - start);
        args.length = n * width;
        let k = 0;
        for (let r = start; r < start + n; r++) {
          const row = rows[r];
          for (let c = 0; c < width; c++) args[k++] = row[c];
        }
        if (insertOf(n).run(...args).changes === n) continue;
        const chunk = rows.slice(start, start + n);
        const byRow = new Map(chunk.map((r) => [r[0] as number, r]));
        duplicatesIn ??= handle.prepare(duplicatesSql);
        for (const d of duplicatesIn.all(JSON.stringify(chunk)) as { row_number: number; first_row: number }[]) {
          const row = Number(d.row_number);
          found.push({ row, firstRow: Number(d.first_row), key: (byRow.get(row) ?? []).slice(1, 1 + t.keys.length).map(String) });
        }
      }
      return found;
    },
    finish: async () => [],
    abandon: async () => undefined,
    async merge(o: MergeOptions): Promise<MergeCounts> {
      return mergeWith(run, t, style, o);
    },
    async drop() {
      await run(`DROP TABLE IF EXISTS ${STAGE}`);
    },
  };
}
