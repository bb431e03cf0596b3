import { expectationsForEmployee, expectationsForPosition, type Employee, type InheritanceResult, type Workbook } from '../../shared';
import { remainingPathForEmployee, type EmployeePathResult } from '../../shared/paths';
import type { ServiceContext } from './context';
import { publishedFramework, workbookForPosition, type PublishedFramework } from './published';

/**
 * Inheritance (F4) and next steps over the published framework only: Active means published on this server, and
 * what a track gives is what its own active version holds. `given`: employees the caller sent (a snapshot's
 * Employees tab), looked at before the stored ones; who holds which position is people data, not the framework.
 */
function employeeWorkbook(fw: PublishedFramework, employeeId: string, given: readonly Employee[] = []): Workbook {
  const employee = given.find((e) => e.id === employeeId) ?? fw.employees.find((e) => e.id === employeeId);
  if (!employee) return fw.union;
  return { ...workbookForPosition(fw, employee.positionId), employees: [employee] };
}

/** What an employee needs at their level now, and at the next one (their track's own version). */
export async function employeeExpectations(ctx: ServiceContext, spreadsheetId: string, employeeId: string, given?: readonly Employee[]): Promise<InheritanceResult> {
  return expectationsForEmployee(employeeWorkbook(await publishedFramework(ctx, spreadsheetId), employeeId, given), employeeId);
}

/** What every holder of a position inherits (its track's own version). */
export async function positionExpectations(ctx: ServiceContext, spreadsheetId: string, positionId: string): Promise<InheritanceResult> {
  const fw = await publishedFramework(ctx, spreadsheetId);
  return expectationsForPosition(workbookForPosition(fw, positionId), positionId);
}

/** The modules an employee has not completed on the way to their next level, in path order (their track's own version). */
export async function employeeNextSteps(ctx: ServiceContext, spreadsheetId: string, employeeId: string, completed: Iterable<string>, given?: readonly Employee[]): Promise<EmployeePathResult> {
  return remainingPathForEmployee(employeeWorkbook(await publishedFramework(ctx, spreadsheetId), employeeId, given), employeeId, completed);
}
