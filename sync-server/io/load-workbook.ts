import { stat } from 'node:fs/promises';
import type { WorkbookSnapshot } from '../../shared';
import { readCsvFolder } from './csv-folder';
import { readSnapshotFile } from './snapshot-file';
import { WorkbookLoadError } from './workbook-load-error';

export { WorkbookLoadError, type WorkbookLoadErrorCode } from './workbook-load-error';
export { writeWorkbookFolder } from './csv-folder';

function errnoCode(e: unknown): string | undefined {
  return e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

/** Reads a workbook from a snapshot JSON file or a folder of tab CSVs; unusable input throws WorkbookLoadError. */
export async function loadWorkbook(path: string): Promise<WorkbookSnapshot> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? await readCsvFolder(path) : await readSnapshotFile(path);
  } catch (e) {
    if (e instanceof WorkbookLoadError) throw e;
    const code = errnoCode(e);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new WorkbookLoadError('not-found', `"${path}" does not exist. Pass a workbook snapshot .json file or a folder of tab CSVs.`);
    }
    if (code === 'EACCES' || code === 'EPERM' || code === 'EISDIR') {
      throw new WorkbookLoadError('unreadable', `"${path}" cannot be read (${code}). Check its permissions.`);
    }
    throw e;
  }
}
