/**
 * A store (RUNGS_DATA_DIR) with the generated framework published, track by track, and its employees: what a
 * one-row `rungs import --records` loads before reading its row. Usage: tsx bench/tasks/framework-store.ts
 * '<json {dataDir, tracks, employees}>'; prints the workbook id, an employee and a module.
 */
import { serviceContext } from '../../sync-server/services/context';
import { saveDraft } from '../../sync-server/services/drafts';
import { replaceEmployees } from '../../sync-server/services/employees';
import { publishTrack } from '../../sync-server/services/publish';
import { connectWorkbook } from '../../sync-server/services/workbooks';
import { openStore } from '../../sync-server/storage/store';
import { generateWorkbook } from '../../test/support/generate-workbook';

const o = JSON.parse(process.argv[2]) as { dataDir: string; tracks: number; employees: number };
const store = await openStore({ engine: 'sqlite', dataDir: o.dataDir });
const ctx = serviceContext(store);
const snapshot = generateWorkbook({ tracks: o.tracks, employees: o.employees });
const sheet = (name: string) => snapshot.sheets.find((s) => s.name === name)!;
await connectWorkbook(ctx, { spreadsheetId: snapshot.spreadsheetId, name: 'bench', actor: 'bench' });
for (const trackId of sheet('Tracks').values.slice(1).map((r) => String(r[0]))) {
  const draft = await saveDraft(ctx, { spreadsheetId: snapshot.spreadsheetId, trackId, snapshot, actor: 'bench' });
  await publishTrack(ctx, { spreadsheetId: snapshot.spreadsheetId, trackId, draftId: draft.draftId, actor: 'bench' });
}
await replaceEmployees(ctx, { spreadsheetId: snapshot.spreadsheetId, values: sheet('Employees').values, actor: 'bench' });
await store.close();
process.stdout.write(JSON.stringify({ workbook: snapshot.spreadsheetId, employee: String(sheet('Employees').values[1][0]), module: String(sheet('Modules').values[1][0]) }) + '\n');
