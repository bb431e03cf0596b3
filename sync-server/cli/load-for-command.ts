import { stat } from 'node:fs/promises';
import type { WorkbookSnapshot } from '../../shared';
import { csvTabsToWorkbook } from '../../shared/formats/workbook-csv';
import { loadWorkbook, WorkbookLoadError } from '../io/load-workbook';
import type { CliIO } from './io';

/**
 * Loads the workbook a command points at, cells as people wrote them: a folder holds its tabs as Rungs writes CSVs
 * (formula cells neutralized with one quote), which is taken off here. On unusable input says why on stderr and
 * gives undefined (exit 2).
 */
export async function loadForCommand(command: string, path: string, io: CliIO): Promise<WorkbookSnapshot | undefined> {
  try {
    const loaded = await loadWorkbook(path);
    return (await stat(path)).isDirectory() ? csvTabsToWorkbook(loaded).snapshot : loaded;
  } catch (e) {
    if (!(e instanceof WorkbookLoadError)) throw e;
    io.err(`rungs ${command}: ${e.message}`);
    return undefined;
  }
}
