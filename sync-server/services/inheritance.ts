import { expectationsForEmployee, expectationsForPosition, type InheritanceResult } from '../../shared';
import type { ServiceContext } from './context';
import { publishedFramework, workbookForPosition } from './published';

/** F4 over the published framework: what an employee needs at their level now, and at the next one (their track's own version). */
export async function employeeExpectations(ctx: ServiceContext, spreadsheetId: string, employeeId: string): Promise<InheritanceResult> {
  const fw = await publishedFramework(ctx, spreadsheetId);
  const employee = fw.employees.find((e) => e.id === employeeId);
  return expectationsForEmployee(employee ? workbookForPosition(fw, employee.positionId) : fw.union, employeeId);
}

/** F4 over the published framework: what every holder of a position inherits (its track's own version). */
export async function positionExpectations(ctx: ServiceContext, spreadsheetId: string, positionId: string): Promise<InheritanceResult> {
  const fw = await publishedFramework(ctx, spreadsheetId);
  return expectationsForPosition(workbookForPosition(fw, positionId), positionId);
}
