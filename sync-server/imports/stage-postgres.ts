import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { CompiledQuery, type Transaction } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { RecordKind } from '../../shared/records';
import type { Database } from '../storage/schema';
import { stagedColumns, type RecordTable } from './record-tables';
import type { Duplicate, MergeCounts, MergeOptions, Stage, StagedRows } from './stage';
import { mergeWith, type SqlStyle } from './stage-sql';

const STAGE = 'rungs_import_stage';
const style: SqlStyle = { param: (n, type) => `$${n}::${type}`, distinct: 'IS DISTINCT FROM', stage: STAGE, serialize: 'SELECT pg_advisory_xact_lock(hashtext($1))' };
/** Flagged keys listed for the duplicates query; beyond, it groups the whole scratch table. */
const FLAGGED_KEYS_LISTED = 100_000;
const SQL_TYPE = { int: 'integer', text: 'text', float8: 'double precision' } as const;

/** A value in COPY's text format: \N for null; backslash, tab and line breaks escaped. */
function copyText(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  const s = String(v);
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : s;
}

/**
 * PostgreSQL: a TEMP table dropped at commit, filled by one COPY that stays open while the file streams (the
 * server parses the rows, in its own process). It has no key, so COPY never stops on a repeated row: the reader's
 * key sieve notes keys that may repeat, and only then one query finds the exact duplicates once every row is in.
 */
export function postgresStage(trx: Transaction<Database>, client: pg.PoolClient, t: RecordTable<RecordKind>): Stage {
  const cols = stagedColumns(t);
  const width = cols.length;
  const run = (sql: string, params: readonly unknown[] = []) => trx.executeQuery(CompiledQuery.raw(sql, [...params]));
  let maybeSeen = 0;
  /** Keys of the rows the sieve flagged, one array a key column (while there are few). */
  const flagged: string[][] = t.keys.map(() => []);
  let options: MergeOptions | null = null;
  let copy: ReturnType<typeof copyFrom> | null = null;
  let copyDone: Promise<void> = Promise.resolve();
  const keys = t.keys.join(', ');
  return {
    async create(o: MergeOptions) {
      options = o;
      await run(`DROP TABLE IF EXISTS pg_temp.${STAGE}`);
      const defs = cols.map((c) => `${c.name} ${SQL_TYPE[c.type]}${c.type === 'int' || t.keys.includes(c.name) ? ' NOT NULL' : ''}`);
      await run(`CREATE TEMP TABLE ${STAGE} (${defs.join(', ')}) ON COMMIT DROP`);
      copy = client.query(copyFrom(`COPY ${STAGE} (${cols.map((c) => c.name).join(', ')}) FROM STDIN`));
      copyDone = finished(copy);
      // Observed here so a failure is not unhandled while the file is still being read; awaited in finish().
      copyDone.catch(() => undefined);
    },
    async add(rows: StagedRows): Promise<Duplicate[]> {
      if (rows.count === 0) return [];
      const { values } = rows;
      for (let m = 0; m < rows.maybeSeen.length; m += 2, maybeSeen++) {
        if (maybeSeen >= FLAGGED_KEYS_LISTED) continue;
        for (let k = 0; k < t.keys.length; k++) flagged[k].push(String(values[rows.maybeSeen[m] * width + 1 + k]));
      }
      let text = '';
      for (let r = 0; r < rows.count; r++) {
        let line = copyText(values[r * width]);
        for (let c = 1; c < width; c++) line += '\t' + copyText(values[r * width + c]);
        text += line + '\n';
      }
      if (!copy!.write(text)) await Promise.race([once(copy!, 'drain'), copyDone]);
      return [];
    },
    async finish(): Promise<Duplicate[]> {
      copy!.end();
      await copyDone;
      if (maybeSeen === 0) return [];
      // Every repeat of a key was flagged (its hash had been seen), so only the flagged keys can be duplicates: their
      // rows are found by one pass over the scratch table rather than grouping all of it.
      const few = maybeSeen <= FLAGGED_KEYS_LISTED;
      const candidates = few ? `(SELECT s.* FROM ${STAGE} s JOIN (SELECT DISTINCT * FROM unnest(${t.keys.map((_, i) => `$${i + 1}::text[]`).join(', ')}) AS c(${keys})) c USING (${keys}))` : STAGE;
      const found = await run(
        `WITH rows AS ${few ? 'MATERIALIZED ' : ''}(SELECT row_number, ${keys} FROM ${candidates} x), ` +
        `twice AS (SELECT ${keys}, min(row_number) AS first_row FROM rows GROUP BY ${keys} HAVING count(*) > 1) ` +
        `SELECT s.row_number, twice.first_row, ${t.keys.map((k) => `s.${k}`).join(', ')} FROM rows s JOIN twice USING (${keys}) ` +
        `WHERE s.row_number <> twice.first_row ORDER BY s.row_number`,
        few ? flagged : [],
      );
      return (found.rows as Record<string, unknown>[]).map((d) => ({ row: Number(d.row_number), firstRow: Number(d.first_row), key: t.keys.map((k) => String(d[k])) }));
    },
    async abandon() {
      if (!copy || copy.writableFinished || copy.destroyed) return;
      copy.destroy(new Error('import abandoned'));
      await copyDone.catch(() => undefined);
    },
    merge: (): Promise<MergeCounts> => mergeWith(run, t, style, options!),
    async drop() {
      await run(`DROP TABLE IF EXISTS pg_temp.${STAGE}`);
    },
  };
}
