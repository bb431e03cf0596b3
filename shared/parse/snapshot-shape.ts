/**
 * A request body read as a workbook snapshot. Whether a parsed JSON value has the snapshot's shape is checked with
 * a few typeof tests per cell; only a value that fails them goes through WorkbookSnapshotSchema, whose issues say
 * what is wrong and where. The two agree on every value (a property test says so): this exists because a zod
 * union per cell was the largest part of a validation request at product scale.
 */
import type { z } from 'zod';
import { WorkbookSnapshotSchema, type WorkbookSnapshot } from '../snapshot';

export type SnapshotReading = { ok: true; snapshot: WorkbookSnapshot } | { ok: false; error: z.ZodError };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether `value` passes WorkbookSnapshotSchema (unknown keys aside, which the schema drops and nothing reads). */
export function hasSnapshotShape(value: unknown): value is WorkbookSnapshot {
  if (!isRecord(value) || typeof value.spreadsheetId !== 'string' || !Array.isArray(value.sheets)) return false;
  for (const sheet of value.sheets as unknown[]) {
    if (!isRecord(sheet) || typeof sheet.name !== 'string' || sheet.name.length === 0 || !Array.isArray(sheet.values)) return false;
    for (const row of sheet.values as unknown[]) {
      if (!Array.isArray(row)) return false;
      for (let i = 0; i < row.length; i++) {
        const v: unknown = row[i];
        if (v !== null && typeof v !== 'string' && typeof v !== 'boolean' && (typeof v !== 'number' || !Number.isFinite(v))) return false;
      }
    }
  }
  return true;
}

export function readSnapshot(value: unknown): SnapshotReading {
  if (hasSnapshotShape(value)) return { ok: true, snapshot: value };
  const parsed = WorkbookSnapshotSchema.safeParse(value);
  return parsed.success ? { ok: true, snapshot: parsed.data } : { ok: false, error: parsed.error };
}
