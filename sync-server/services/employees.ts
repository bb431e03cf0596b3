import { duplicateEmployees } from '../../shared/validate/identity';
import { EMPLOYEES_TAB, hasErrors, listFindings, parseWorkbook, type Employee, type Finding, type SheetSnapshot } from '../../shared';
import { insertInChunks } from '../storage/bulk';
import type { EmployeeRow } from '../storage/schema';
import { appendAudit } from './audit';
import { timestamp, type ServiceContext } from './context';
import { ServiceError } from './errors';
import { getWorkbook } from './workbooks';

export interface ReplaceEmployeesInput {
  spreadsheetId: string;
  /** The Employees tab as getValues() gives it, header row first. */
  values: SheetSnapshot['values'];
  actor: string;
  source?: string;
}

/**
 * Replaces a workbook's employees with the rows of its Employees tab, in one transaction. Rows are read by the same
 * shared parser the validator uses; any error finding refuses the whole tab (422) and keeps the stored employees.
 */
export async function replaceEmployees(ctx: ServiceContext, input: ReplaceEmployeesInput): Promise<{ count: number; findings: Finding[]; totalFindings: number }> {
  await getWorkbook(ctx, input.spreadsheetId);
  const { workbook, findings: parsed } = parseWorkbook({ spreadsheetId: input.spreadsheetId, sheets: [{ name: EMPLOYEES_TAB.name, values: input.values }] });
  const findings = parsed.filter((f) => f.sheet === EMPLOYEES_TAB.name);
  duplicateEmployees(workbook.employees, findings);
  if (hasErrors(findings)) throw new ServiceError('has-errors', 'The Employees tab has errors; nothing was changed.', findings);
  const at = timestamp(ctx);
  const source = input.source ?? `${EMPLOYEES_TAB.name} tab`;
  const rows = workbook.employees.map((e) => ({
    workbook_id: input.spreadsheetId, employee_id: e.id, name: e.name, email: e.email, position_id: e.positionId,
    manager_email: e.managerEmail, source, updated_at: at,
  }));
  await ctx.store.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('employees').where('workbook_id', '=', input.spreadsheetId).execute();
    await insertInChunks(trx, ctx.store.dialect, 'employees', rows);
    await appendAudit(trx, { at, actor: input.actor, action: 'employees.replace', workbookId: input.spreadsheetId, details: { count: rows.length, source } });
  });
  const listed = listFindings(findings);
  return { count: rows.length, findings: listed.findings, totalFindings: listed.total };
}

/** A workbook's stored employees as the shared model has them (placed in an Employees tab of their own). */
export async function storedEmployees(ctx: ServiceContext, spreadsheetId: string): Promise<Employee[]> {
  const rows: EmployeeRow[] = await ctx.store.db.selectFrom('employees').selectAll().where('workbook_id', '=', spreadsheetId).execute();
  rows.sort((a, b) => (a.employee_id < b.employee_id ? -1 : a.employee_id > b.employee_id ? 1 : 0));
  const cols = Object.fromEntries(EMPLOYEES_TAB.columns.map((c, i) => [c.key, i]));
  return rows.map((r, i) => ({
    id: r.employee_id, name: r.name, email: r.email, positionId: r.position_id, managerEmail: r.manager_email,
    at: { sheet: EMPLOYEES_TAB.name, row: i + 1, cols }, extra: {},
  }));
}
