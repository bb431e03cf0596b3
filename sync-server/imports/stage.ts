import type { RecordKind } from '../../shared/records';
import type { ImportConnection } from './connection';
import type { RecordTable, StagedValue } from './record-tables';
import { postgresStage } from './stage-postgres';
import { sqliteStage } from './stage-sqlite';

/** A record of the file on its way in: [row number, ...key cells, ...value cells]. */
export type StagedRow = StagedValue[];

/** Rows on their way in, one after the other in one array (`stagedColumns(table).length` values a row). */
export interface StagedRows {
  count: number;
  values: StagedValue[];
  /** Rows whose natural key may repeat an earlier row's, as pairs: index among these rows, the first row with the same key hash. */
  maybeSeen: readonly number[];
}

export interface Duplicate {
  row: number;
  /** The earlier row with the same natural key (the one staged). */
  firstRow: number;
  /** The natural key, in the table's key order. */
  key: string[];
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
 * Where rows go inside the import's transaction. When the workbook already has rows in the table, a scratch table:
 * rows go in batch by batch as the file streams, then one statement upserts them all into the real table. When it
 * has none (a first import), on SQLite rows go straight into the real table. A natural key seen twice is a
 * duplicate: SQLite tells it per batch (by the key of the table written), PostgreSQL once every row is in (rows
 * arrive by COPY).
 */
export interface Stage {
  create(options: MergeOptions): Promise<void>;
  /** Stages rows; gives back the duplicates it can tell already. */
  add(rows: StagedRows): Promise<Duplicate[]>;
  /** After the last add: the duplicates not given yet. */
  finish(): Promise<Duplicate[]>;
  /** After the last add, with no error found: the rows into the real table. */
  merge(): Promise<MergeCounts>;
  drop(): Promise<void>;
  /** After a failure: stops whatever is still open so the transaction can roll back. */
  abandon(): Promise<void>;
}

export function openStage(connection: ImportConnection, table: RecordTable<RecordKind>): Stage {
  return connection.engine === 'sqlite' ? sqliteStage(connection.trx, connection.handle, table) : postgresStage(connection.trx, connection.client, table);
}
