export type WorkbookLoadErrorCode = 'not-found' | 'unreadable' | 'not-json' | 'not-a-snapshot' | 'no-tabs' | 'bad-csv' | 'bad-encoding';

/** Input that cannot be read as a workbook at all (as opposed to a workbook with findings). */
export class WorkbookLoadError extends Error {
  override readonly name = 'WorkbookLoadError';

  constructor(
    readonly code: WorkbookLoadErrorCode,
    message: string,
  ) {
    super(message);
  }
}
