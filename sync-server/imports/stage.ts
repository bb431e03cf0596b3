import type { Transaction } from 'kysely';
import type { RecordKind } from '../../shared/records';
import type { Database } from '../storage/schema';
import type { Store } from '../storage/store';
import type { RecordTable, StagedValue } from './record-tables';
import { postgresStage } from './stage-postgres';
import { sqliteStage } from './stage-sqlite';

/** A record of the file on its way in: [row number, ...key cells, ...value cells]. */
export type StagedRow = StagedValue[];

export interface Duplicate {
  row: number;
  /** The earlier row with the same natural key (the one staged). */
  firstRow: number;
}

export interface MergeCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows of the workbook absent from the file that `replace` deleted. */
  removed: number;
}

export interface MergeOptions {
  spreadsheetId: string;
  at: string;
  /** Employees only: where the rows came from. */
  source: string;
  /** Delete the workbook's rows whose key the file does not have. */
  replace: boolean;
}

/**
 * A scratch table inside the import's transaction: rows go in batch by batch as the file streams (a natural key
 * seen twice comes back as a duplicate), then one statement upserts them all into the real table. The two engines
 * have different fast paths for the batches (SQLite: one JSON parameter read with json_each; PostgreSQL: one array
 * per column read with unnest), which is why this file asks for the engine.
 */
export interface Stage {
  create(): Promise<void>;
  add(rows: readonly StagedRow[]): Promise<Duplicate[]>;
  merge(options: MergeOptions): Promise<MergeCounts>;
  drop(): Promise<void>;
}

export function openStage(store: Store, trx: Transaction<Database>, table: RecordTable<RecordKind>): Stage {
  return store.engine === 'sqlite' ? sqliteStage(trx, table) : postgresStage(trx, table);
}
