import type SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, type Transaction } from 'kysely';
import type { RecordKind } from '../../shared/records';
import type { Database } from '../storage/schema';
import { stagedColumns, type RecordTable, type StagedValue } from './record-tables';
import type { Duplicate, MergeCounts, MergeOptions, Stage, StagedRows } from './stage';
import { mergeWith, type SqlStyle } from './stage-sql';

const STAGE = 'temp.rungs_import_stage';
const style: SqlStyle = { param: () => '?', distinct: 'IS NOT', stage: STAGE, serialize: null };
/** Rows per INSERT: binding values one statement call at a time costs more than the rows themselves. */
const ROWS_PER_STATEMENT = 64;

/**
 * SQLite. A workbook with rows in the table already: a TEMP table (this connection only, rolled back with the
 * transaction), keyed by the natural key (WITHOUT ROWID: the key is the table's one B-tree), then one upsert.
 * A workbook with none: rows go straight into the real table (half the work: no scratch table, no second pass).
 * Either way rows go in through one multi-row INSERT prepared once and run with the values spread as arguments.
 */
export function sqliteStage(trx: Transaction<Database>, handle: SqliteDatabase.Database, t: RecordTable<RecordKind>): Stage {
  const width = stagedColumns(t).length;
  const run = (sql: string, params: readonly unknown[] = []) => trx.executeQuery(CompiledQuery.raw(sql, [...params]));
  let target: TargetWriter | null = null;
  let stage: StageWriter | null = null;
  let options: MergeOptions | null = null;
  let inserted = 0;
  return {
    async create(o: MergeOptions) {
      options = o;
      await run(`DROP TABLE IF EXISTS ${STAGE}`);
      const empty = (await run(`SELECT 1 AS one FROM ${t.table} WHERE workbook_id = ? LIMIT 1`, [o.spreadsheetId])).rows.length === 0;
      if (empty) target = targetWriter(handle, t, width, o);
      else stage = await stageWriter(handle, run, t, width);
    },
    async add(rows: StagedRows): Promise<Duplicate[]> {
      if (target) {
        const { duplicates, added } = target.add(rows);
        inserted += added;
        return duplicates;
      }
      return stage!.add(rows);
    },
    finish: async () => [],
    abandon: async () => undefined,
    async merge(): Promise<MergeCounts> {
      // Straight in: every row was inserted (a duplicate would have refused the file).
      if (target) return { inserted, updated: 0, unchanged: 0, removed: 0 };
      return mergeWith(run, t, style, options!);
    },
    async drop() {
      if (stage) await run(`DROP TABLE IF EXISTS ${STAGE}`);
    },
  };
}

/** Statements of `n` rows of `tuple`, prepared once each. */
function statementsOf(handle: SqliteDatabase.Database, head: string, tuple: string, tail = ''): (n: number) => SqliteDatabase.Statement {
  const statements = new Map<number, SqliteDatabase.Statement>();
  return (n) => {
    let st = statements.get(n);
    if (!st) {
      st = handle.prepare(`${head} VALUES ${Array.from({ length: n }, () => tuple).join(', ')}${tail}`);
      statements.set(n, st);
    }
    return st;
  };
}

/** Copies rows [from, from + n) of `values` (`width` a row), without their first `skip` values, into `args`. */
function fillArgs(args: StagedValue[], values: readonly StagedValue[], width: number, skip: number, from: number, n: number): StagedValue[] {
  args.length = n * (width - skip);
  let k = 0;
  for (let r = from; r < from + n; r++) {
    const base = r * width;
    for (let c = skip; c < width; c++) args[k++] = values[base + c];
  }
  return args;
}

interface TargetWriter {
  add(rows: StagedRows): { duplicates: Duplicate[]; added: number };
}

/**
 * Rows straight into the real table. A row the reader's key sieve did not flag has a key no earlier row has, so
 * runs of such rows go in many at a time; a flagged row goes in alone, and the table's key says whether it repeats
 * an earlier row. Its first row is the one the sieve saw first with that key hash, unless that hash was shared by
 * another key: then the flagged row was new, and is remembered here by its key as the first.
 */
function targetWriter(handle: SqliteDatabase.Database, t: RecordTable<RecordKind>, width: number, o: MergeOptions): TargetWriter {
  const named: Record<string, string> = { workbook: o.spreadsheetId };
  for (const c of t.stamped) named[c] = c === 'updated_at' ? o.at : o.source;
  const columns = ['workbook_id', ...t.keys, ...t.values.map((v) => v.name), ...t.stamped];
  const tuple = `(@workbook, ${Array.from({ length: width - 1 }, () => '?').join(', ')}${t.stamped.map((c) => `, @${c}`).join('')})`;
  const insertOf = statementsOf(handle, `INSERT INTO ${t.table} (${columns.join(', ')})`, tuple);
  const insertOne = handle.prepare(`INSERT INTO ${t.table} (${columns.join(', ')}) VALUES ${tuple} ON CONFLICT DO NOTHING`);
  const keys = t.keys.length;
  /** Keys of flagged rows that were new after all (their hash was another key's): key -> row. */
  const firstOfShared = new Map<string, number>();
  const args: StagedValue[] = [];
  return {
    add({ count, values, maybeSeen }) {
      const duplicates: Duplicate[] = [];
      let added = 0;
      let r = 0;
      for (let m = 0; r < count; m += 2) {
        const flagged = m < maybeSeen.length ? maybeSeen[m] : count;
        while (r < flagged) {
          const n = Math.min(ROWS_PER_STATEMENT, flagged - r);
          insertOf(n).run(named, ...fillArgs(args, values, width, 1, r, n));
          added += n;
          r += n;
        }
        if (r === count) break;
        const row = values[r * width] as number;
        const key = values.slice(r * width + 1, r * width + 1 + keys).map(String);
        if (insertOne.run(named, ...fillArgs(args, values, width, 1, r, 1)).changes === 1) {
          firstOfShared.set(key.join('\0'), row);
          added++;
        } else {
          duplicates.push({ row, firstRow: firstOfShared.get(key.join('\0')) ?? maybeSeen[m + 1], key });
        }
        r++;
      }
      return { duplicates, added };
    },
  };
}

interface StageWriter {
  add(rows: StagedRows): Promise<Duplicate[]>;
}

/**
 * Rows into the scratch table, keyed by the natural key; a statement that inserts fewer rows than it was given met
 * a duplicate, and a query says which rows (and their first row, staged with its number).
 */
async function stageWriter(handle: SqliteDatabase.Database, run: (sql: string) => Promise<unknown>, t: RecordTable<RecordKind>, width: number): Promise<StageWriter> {
  const cols = stagedColumns(t);
  const defs = cols.map((c) => `${c.name} ${c.type === 'int' ? 'INTEGER NOT NULL' : c.type === 'float8' ? 'REAL' : 'TEXT'}`);
  await run(`CREATE TEMP TABLE rungs_import_stage (${defs.join(', ')}, PRIMARY KEY (${t.keys.join(', ')})) WITHOUT ROWID`);
  const insertOf = statementsOf(handle, `INSERT INTO ${STAGE}`, `(${cols.map(() => '?').join(', ')})`, ' ON CONFLICT DO NOTHING');
  const keyMatch = t.keys.map((k, i) => `s.${k} = j.value->>${i + 1}`).join(' AND ');
  const duplicatesSql = `SELECT j.value->>0 AS row_number, s.row_number AS first_row FROM json_each(?) j JOIN ${STAGE} s ON ${keyMatch} WHERE s.row_number <> j.value->>0`;
  let duplicatesIn: SqliteDatabase.Statement | undefined;
  const args: StagedValue[] = [];
  return {
    async add({ count, values }) {
      const found: Duplicate[] = [];
      for (let start = 0; start < count; start += ROWS_PER_STATEMENT) {
        const n = Math.min(ROWS_PER_STATEMENT, count - start);
        if (insertOf(n).run(...fillArgs(args, values, width, 0, start, n)).changes === n) continue;
        const chunk = Array.from({ length: n }, (_, i) => values.slice((start + i) * width, (start + i + 1) * width));
        const byRow = new Map(chunk.map((r) => [r[0] as number, r]));
        duplicatesIn ??= handle.prepare(duplicatesSql);
        for (const d of duplicatesIn.all(JSON.stringify(chunk)) as { row_number: number; first_row: number }[]) {
          const row = Number(d.row_number);
          found.push({ row, firstRow: Number(d.first_row), key: (byRow.get(row) ?? []).slice(1, 1 + t.keys.length).map(String) });
        }
      }
      return found;
    },
  };
}
