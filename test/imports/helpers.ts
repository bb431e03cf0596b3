import { Readable } from 'node:stream';
import type { RecordKind } from '../../shared/records';
import { textSource } from '../../sync-server/imports/text-source';
import type { ServiceContext } from '../../sync-server/services/context';
import { replaceEmployees } from '../../sync-server/services/employees';
import { importRecords, type ImportRecordsInput } from '../../sync-server/services/records';
import type { Store } from '../../sync-server/storage/store';
import { sheetOf, miniWorkbook } from '../shared/mini-workbook';
import type { EngineHandle } from '../storage/engines';
import { connected, saveAndPublish } from '../services/fixtures';

export const COMPLETIONS_HEADER = 'employee_id,module_id,status,started_at,completed_at,score';
export const ASSESSMENTS_HEADER = 'employee_id,track_id,competency_id,dimension,evaluator_id,evaluator_role,score,assessed_at';

/** The mini workbook connected, both tracks published, three employees stored. */
export async function publishedMini(h: EngineHandle): Promise<{ store: Store; ctx: ServiceContext }> {
  const { store, ctx } = await connected(h);
  await saveAndPublish(ctx, 'ENG');
  await saveAndPublish(ctx, 'MGR');
  const values = structuredClone(sheetOf(miniWorkbook(), 'Employees').values);
  values.push(['EMP-2', 'Eli Park', 'eli@acme.test', 'POS-2', ''], ['EMP-3', 'Fay Ng', 'fay@acme.test', 'POS-1', 'eli@acme.test']);
  await replaceEmployees(ctx, { spreadsheetId: 'mini', values, actor: 'admin@acme.test' });
  return { store, ctx };
}

/** A CSV text as the bytes of a file, split into small chunks so that rows and characters straddle chunk edges. */
export function bytesOf(text: string | Buffer, chunk = 7): Readable {
  const buf = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += chunk) parts.push(buf.subarray(i, i + chunk));
  return Readable.from(parts, { objectMode: false });
}

export function importCsv(ctx: ServiceContext, kind: RecordKind, csv: string | Buffer, options: Partial<ImportRecordsInput> = {}) {
  return importRecords(ctx, { spreadsheetId: 'mini', kind, text: textSource(bytesOf(csv)), fileName: `${kind}.csv`, actor: 'integrator', ...options });
}

/** Every learner record and employee of the store, in key order: to show a refused import changed nothing. */
export async function storedState(store: Store) {
  const [completions, assessments, employees] = await Promise.all([
    store.db.selectFrom('learner_completions').selectAll().orderBy('employee_id').orderBy('module_id').execute(),
    store.db.selectFrom('learner_assessments').selectAll().orderBy('employee_id').orderBy('dimension').orderBy('evaluator_id').orderBy('assessed_at').execute(),
    store.db.selectFrom('employees').selectAll().orderBy('employee_id').execute(),
  ]);
  return { completions, assessments, employees };
}

export const lines = (...rows: string[]) => rows.join('\n') + '\n';

/**
 * The mini workbook with `modules` extra shared modules (S-100, S-101 ...) and `employees` employees (E000001 ...),
 * ENG published: enough distinct (employee, module) pairs for large generated files.
 */
export async function scaledMini(h: EngineHandle, o: { employees: number; modules: number }) {
  const { store, ctx } = await connected(h);
  const snapshot = miniWorkbook();
  const modules = Array.from({ length: o.modules }, (_, i) => `S-${100 + i}`);
  for (const id of modules) sheetOf(snapshot, 'Modules').values.push([id, `Module ${id}`, 'Shared', 'F1', '', '', 1]);
  await saveAndPublish(ctx, 'ENG', snapshot);
  const employees = Array.from({ length: o.employees }, (_, i) => `E${String(i + 1).padStart(6, '0')}`);
  const values = [sheetOf(snapshot, 'Employees').values[0], ...employees.map((id) => [id, `Person ${id}`, '', 'POS-1', ''])];
  await replaceEmployees(ctx, { spreadsheetId: 'mini', values, actor: 'admin@acme.test' });
  return { store, ctx, modules, employees };
}
