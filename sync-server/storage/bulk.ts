import { CompiledQuery, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { Dialect } from './dialect';

/**
 * Inserts many rows with multi-row INSERT statements, as many rows per statement as the engine's bind-parameter
 * limit allows (capped at `maxRows`). The statement of a full chunk is built once and re-run with each chunk's
 * values, which halves the cost on SQLite. Every row must have the same columns. Run it inside a transaction:
 * one commit for the whole batch is what makes it fast, and all-or-nothing.
 */
export async function insertInChunks<DB, T extends keyof DB & string>(
  /** Named apart from Kysely so that TypeScript infers DB from a transaction too. */
  db: Kysely<DB> | Transaction<DB>,
  dialect: Dialect,
  table: T,
  rows: readonly NoInfer<Insertable<DB[T]>>[],
  maxRows = 1000,
): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = Object.keys(rows[0] as object);
  const size = Math.max(1, Math.min(maxRows, Math.floor(dialect.maxParameters / Math.max(columns.length, 1))));
  let full: string | undefined;
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    if (chunk.length < size || !sameColumns(chunk, columns)) {
      await db.insertInto(table).values(chunk).execute();
      continue;
    }
    full ??= db.insertInto(table).values(chunk).compile().sql;
    const params: unknown[] = [];
    for (const row of chunk) for (const c of columns) params.push((row as Record<string, unknown>)[c]);
    await db.executeQuery(CompiledQuery.raw(full, params));
  }
  return rows.length;
}

function sameColumns(rows: readonly object[], columns: readonly string[]): boolean {
  for (const r of rows) {
    const keys = Object.keys(r);
    if (keys.length !== columns.length || keys.some((k, i) => k !== columns[i])) return false;
  }
  return true;
}
