import type { WorkbookSnapshot } from '../../shared';
import { loadWorkbook, WorkbookLoadError } from '../io/load-workbook';
import type { CliIO } from './io';

/** Loads the workbook a command points at; on unusable input says why on stderr and gives undefined (exit 2). */
export async function loadForCommand(command: string, path: string, io: CliIO): Promise<WorkbookSnapshot | undefined> {
  try {
    return await loadWorkbook(path);
  } catch (e) {
    if (!(e instanceof WorkbookLoadError)) throw e;
    io.err(`rungs ${command}: ${e.message}`);
    return undefined;
  }
}
