/**
 * Every stored learner record of a workbook, streamed for a report refresh straight from the driver: one query per
 * kind, rows as arrays (SQLite) or COPY text (PostgreSQL), in primary-key order (the order the keyset pages of
 * services/records-read.ts give), handed on in batches. Kysely's row objects and keyset pages cost more than the
 * reports themselves at millions of records.
 */
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import type SqliteDatabase from 'better-sqlite3';
import { to as copyTo } from 'pg-copy-streams';
import type { AssessmentRecord, CompletionFacts, CompletionRecord, CompletionStatus, EvaluatorRole } from '../../shared/records';
import { postgresPoolOf } from '../storage/postgres';
import { sqliteHandleOf } from '../storage/sqlite';
import type { Store } from '../storage/store';

export const STREAM_BATCH = 10_000;

type Batch<T> = (batch: T[]) => void;
type Cell = string | number | null;

interface Source<T> {
  table: 'learner_completions' | 'learner_assessments';
  /** Record columns in record order, after employee_id (the first). */
  columns: readonly string[];
  nullable: ReadonlySet<string>;
  /** Numeric columns (REAL): written with every significant digit, read back as numbers. */
  numeric: ReadonlySet<string>;
  /** The primary key after workbook_id and employee_id: the order records come in within one employee. */
  order: readonly string[];
  /** A record from a row of cells: employee_id, then `columns`. */
  fromRow(row: Cell[]): T;
  /** A record from one employee's folded text of it (see readGroupedSqlite); null when it does not read back whole. */
  fromText(employeeId: string, values: string[]): T | null;
}

/** A folded nullable value: N is null, V precedes a value; anything else did not read back whole. */
const NOT_WHOLE = Symbol('not whole');
const nullable = (v: string): string | null | typeof NOT_WHOLE => (v === 'N' ? null : v.charCodeAt(0) === 86 ? v.slice(1) : NOT_WHOLE);

const COMPLETIONS: Source<CompletionRecord> = {
  table: 'learner_completions',
  columns: ['module_id', 'status', 'started_at', 'completed_at', 'score'],
  nullable: new Set(['started_at', 'completed_at', 'score']),
  numeric: new Set(['score']),
  order: ['module_id'],
  fromRow: (r) => ({
    employeeId: r[0] as string, moduleId: r[1] as string, status: r[2] as CompletionStatus, startedAt: r[3] as string | null, completedAt: r[4] as string | null,
    score: r[5] === null ? null : Number(r[5]),
  }),
  fromText(employeeId, v) {
    if (v.length !== 5) return null;
    const startedAt = nullable(v[2]);
    const completedAt = nullable(v[3]);
    const score = nullable(v[4]);
    if (startedAt === NOT_WHOLE || completedAt === NOT_WHOLE || score === NOT_WHOLE) return null;
    return { employeeId, moduleId: v[0], status: v[1] as CompletionStatus, startedAt, completedAt, score: score === null ? null : Number(score) };
  },
};

/** Only what the reports read of a completion: less to fold, split and hand on than the whole record. */
const COMPLETION_FACTS: Source<CompletionFacts> = {
  table: 'learner_completions',
  columns: ['module_id', 'status'],
  nullable: new Set(),
  numeric: new Set(),
  order: ['module_id'],
  fromRow: (r) => ({ employeeId: r[0] as string, moduleId: r[1] as string, status: r[2] as CompletionStatus }),
  fromText: (employeeId, v) => (v.length !== 2 ? null : { employeeId, moduleId: v[0], status: v[1] as CompletionStatus }),
};

const ASSESSMENTS: Source<AssessmentRecord> = {
  table: 'learner_assessments',
  columns: ['track_id', 'competency_id', 'dimension', 'evaluator_id', 'assessed_at', 'evaluator_role', 'score'],
  nullable: new Set(),
  numeric: new Set(['score']),
  order: ['track_id', 'competency_id', 'dimension', 'evaluator_id', 'assessed_at'],
  fromRow: (r) => ({
    employeeId: r[0] as string, trackId: r[1] as string, competencyId: r[2] as string, dimension: r[3] as string, evaluatorId: r[4] as string,
    assessedAt: r[5] as string, evaluatorRole: r[6] as EvaluatorRole, score: Number(r[7]),
  }),
  fromText: (employeeId, v) => (v.length !== 7 ? null : {
    employeeId, trackId: v[0], competencyId: v[1], dimension: v[2], evaluatorId: v[3], assessedAt: v[4], evaluatorRole: v[5] as EvaluatorRole, score: Number(v[6]),
  }),
};

export async function streamCompletions(store: Store, spreadsheetId: string, onBatch: Batch<CompletionRecord>): Promise<number> {
  return stream(store, spreadsheetId, COMPLETIONS, onBatch);
}

export async function streamCompletionFacts(store: Store, spreadsheetId: string, onBatch: Batch<CompletionFacts>): Promise<number> {
  return stream(store, spreadsheetId, COMPLETION_FACTS, onBatch);
}

export async function streamAssessments(store: Store, spreadsheetId: string, onBatch: Batch<AssessmentRecord>): Promise<number> {
  return stream(store, spreadsheetId, ASSESSMENTS, onBatch);
}

async function stream<T>(store: Store, spreadsheetId: string, s: Source<T>, onBatch: Batch<T>): Promise<number> {
  let batch: T[] = [];
  let total = 0;
  const take = (record: T) => {
    batch.push(record);
    if (batch.length === STREAM_BATCH) {
      total += batch.length;
      onBatch(batch);
      batch = [];
    }
  };
  const handle = sqliteHandleOf(store.db);
  if (handle) readGroupedSqlite(handle, spreadsheetId, s, take);
  else await readCopyPostgres(store, spreadsheetId, s, (row) => take(s.fromRow(row)));
  if (batch.length) {
    total += batch.length;
    onBatch(batch);
  }
  return total;
}

const RECORD_SEPARATOR = '\x1e';
const FIELD_SEPARATOR = '\x1f';

/**
 * SQLite: one row per employee, their records folded into one text by group_concat in primary-key order (values
 * cross into JavaScript once per employee instead of once per cell: three times faster). Null values are folded
 * as N, others after a V. An employee whose text does not split back into exactly their records (a value holding
 * a separator character) is read again row by row, so every record comes out as stored.
 */
function readGroupedSqlite<T>(handle: SqliteDatabase.Database, spreadsheetId: string, s: Source<T>, take: (record: T) => void): void {
  const sep = (c: string) => `char(${c.charCodeAt(0)})`;
  const field = (c: string) => {
    const text = s.numeric.has(c) ? `printf('%!.17g', ${c})` : c;
    return s.nullable.has(c) ? `iif(${c} IS NULL, 'N', 'V' || ${text})` : text;
  };
  const folded = s.columns.map(field).join(` || ${sep(FIELD_SEPARATOR)} || `);
  const grouped = handle.prepare(
    `SELECT employee_id, count(*), group_concat(${folded}, ${sep(RECORD_SEPARATOR)} ORDER BY ${s.order.join(', ')}) FROM ${s.table} ` +
    'WHERE workbook_id = ? GROUP BY employee_id ORDER BY employee_id',
  ).raw(true);
  let rowByRow: SqliteDatabase.Statement | undefined;
  const parsed: T[] = [];
  for (const [employeeId, count, text] of grouped.iterate(spreadsheetId) as Iterable<[string, number, string]>) {
    parsed.length = 0;
    const records = text.split(RECORD_SEPARATOR);
    let whole = records.length === count;
    for (let i = 0; whole && i < records.length; i++) {
      const record = s.fromText(employeeId, records[i].split(FIELD_SEPARATOR));
      if (record === null) whole = false;
      else parsed.push(record);
    }
    if (whole) {
      for (const record of parsed) take(record);
      continue;
    }
    rowByRow ??= handle.prepare(`SELECT employee_id, ${s.columns.join(', ')} FROM ${s.table} WHERE workbook_id = ? AND employee_id = ? ORDER BY ${s.order.join(', ')}`).raw(true);
    for (const row of rowByRow.iterate(spreadsheetId, employeeId) as Iterable<Cell[]>) take(s.fromRow(row));
  }
}

/** PostgreSQL: the rows in primary-key order through COPY TO STDOUT (text format), split here. */
async function readCopyPostgres<T>(store: Store, spreadsheetId: string, s: Source<T>, take: (row: Cell[]) => void): Promise<void> {
  const pool = postgresPoolOf(store.db);
  if (!pool) throw new Error('the store has no driver to read records through');
  const client = await pool.connect();
  try {
    const literal = `'${spreadsheetId.replace(/'/g, "''")}'`;
    const sql = `COPY (SELECT employee_id, ${s.columns.join(', ')} FROM ${s.table} WHERE workbook_id = ${literal} ORDER BY employee_id, ${s.order.join(', ')}) TO STDOUT`;
    await readCopyRows(client.query(copyTo(sql)), take);
  } finally {
    client.release();
  }
}

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** A field of COPY's text format: \N is null; backslash escapes (written only for \, tab and line breaks) undone. */
function copyField(text: string): string | null {
  if (text === '\\N') return null;
  if (!text.includes('\\')) return text;
  return text.replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? c);
}

/** Splits COPY text output into rows of fields; a line may straddle two chunks. */
async function readCopyRows(source: Readable, onRow: (row: Cell[]) => void): Promise<void> {
  source.setEncoding('utf8');
  let rest = '';
  const done = once(source, 'end');
  source.on('data', (chunk: string) => {
    const text = rest + chunk;
    let start = 0;
    try {
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        const row: Cell[] = [];
        for (let tab = text.indexOf('\t', start); ; tab = text.indexOf('\t', start)) {
          const end = tab < 0 || tab > nl ? nl : tab;
          row.push(copyField(text.slice(start, end)));
          start = end + 1;
          if (end === nl) break;
        }
        onRow(row);
      }
    } catch (e) {
      source.destroy(e instanceof Error ? e : new Error(String(e)));
    }
    rest = text.slice(start);
  });
  await done;
}
