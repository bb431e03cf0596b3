/** Pasting a workbook snapshot into a fake spreadsheet as a person would: values typed into each tab from A1. */
import type { WorkbookSnapshot } from '../../shared/snapshot';
import type { FakeSpreadsheet } from '../fakes/index';

/** Each tab of the snapshot into the tab of that name (created when missing); strings are read as typed input. */
export function pasteWorkbook(ss: FakeSpreadsheet, snapshot: WorkbookSnapshot): void {
  for (const { name, values } of snapshot.sheets) {
    const sheet = ss.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase()) ?? ss.putSheet(name);
    const width = Math.max(...values.map((r) => r.length));
    sheet.maxRows = Math.max(sheet.maxRows, values.length);
    sheet.maxColumns = Math.max(sheet.maxColumns, width);
    sheet.write(1, 1, values.map((r) => [...r, ...new Array<string>(width - r.length).fill('')]));
  }
}
