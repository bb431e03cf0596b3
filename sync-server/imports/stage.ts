import type { RecordKind } from '../../shared/records';
import type { ImportConnection } from './connection';
import type { RecordTable, StagedValue } from './record-tables';
import { postgresStage } from './stage-postgres';
import { sqliteStage } from './stage-sqlite';

/** A record of the file on its way in: [row number, ...key cells, ...value cells]. */
export type StagedRow = StagedValue[];

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
 * A scratch table inside the import's transaction: rows go in batch by batch as the file streams, then one
 * statement upserts them all into the real table. A natural key seen twice is a duplicate: SQLite tells it per
 * batch (the scratch table has the key as primary key), PostgreSQL once every row is in (rows arrive by COPY).
 */
export interface Stage {
  create(): Promise<void>;
  /** Stages rows; gives back the duplicates it can tell already. */
  add(rows: readonly StagedRow[]): Promise<Duplicate[]>;
  /** After the last add: the duplicates not given yet. */
  finish(): Promise<Duplicate[]>;
  merge(options: MergeOptions): Promise<MergeCounts>;
  drop(): Promise<void>;
  /** After a failure: stops whatever is still open so the transaction can roll back. */
  abandon(): Promise<void>;
}

export function openStage(connection: ImportConnection, table: RecordTable<RecordKind>): Stage {
  return connection.engine === 'sqlite' ? sqliteStage(connection.trx, connection.handle, table) : postgresStage(connection.trx, connection.client, table);
}
