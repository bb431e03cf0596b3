import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { WorkbookSnapshotSchema, type WorkbookSnapshot } from '../../shared';
import { describeIssues } from '../zod-issues';
import { WorkbookLoadError } from './workbook-load-error';

const BOM = /^\uFEFF/;

/** Reads a workbook snapshot JSON file (what the add-on sends). */
export async function readSnapshotFile(path: string): Promise<WorkbookSnapshot> {
  const name = basename(path);
  if (/\.csv$/i.test(name)) {
    throw new WorkbookLoadError('not-json', `"${name}" is a single CSV file. Point Rungs at the folder that holds one CSV per tab (Tracks.csv, Levels.csv, ...), or at a snapshot .json file.`);
  }
  const text = (await readFile(path, 'utf8')).replace(BOM, '');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    const detail = cause instanceof Error ? ` (${cause.message})` : '';
    throw new WorkbookLoadError('not-json', `"${name}" is not JSON${detail}. Pass a workbook snapshot .json file or a folder of tab CSVs.`);
  }
  const parsed = WorkbookSnapshotSchema.safeParse(data);
  if (!parsed.success) {
    throw new WorkbookLoadError(
      'not-a-snapshot',
      `"${name}" is JSON but not a workbook snapshot ({ "spreadsheetId": string, "sheets": [{ "name": string, "values": [[...]] }] }): ${describeIssues(parsed.error)}`,
    );
  }
  return parsed.data;
}
