import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWorkbook, type Workbook } from '../../shared';
import { importedSnapshot, type ImportResult } from '../../shared/formats/imported';
import { loadWorkbook } from '../../sync-server/io/load-workbook';

export const ROOT = join(import.meta.dirname, '../..');
export const MOODLE_FIXTURE = join(ROOT, '../shared/fixtures/moodle-competency-framework-example.csv');

export function moodleFixtureText(): string {
  return readFileSync(MOODLE_FIXTURE, 'utf8');
}

export async function acmeWorkbook(): Promise<Workbook> {
  return parseWorkbook(await loadWorkbook(join(ROOT, 'examples/acme'))).workbook;
}

/** An import result as a parsed workbook (what the editor would get in the sheet). */
export function asWorkbook(result: ImportResult, id = 'imported'): Workbook {
  return parseWorkbook(importedSnapshot(result, id)).workbook;
}
