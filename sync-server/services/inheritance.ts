import { expectationsForEmployee, expectationsForPosition, type InheritanceResult } from '../../shared';
import type { ServiceContext } from './context';
import { publishedWorkbook } from './published';

/** F4 over the published framework: what an employee needs at their level now, and at the next one. */
export async function employeeExpectations(ctx: ServiceContext, spreadsheetId: string, employeeId: string): Promise<InheritanceResult> {
  return expectationsForEmployee(await publishedWorkbook(ctx, spreadsheetId), employeeId);
}

/** F4 over the published framework: what every holder of a position inherits. */
export async function positionExpectations(ctx: ServiceContext, spreadsheetId: string, positionId: string): Promise<InheritanceResult> {
  return expectationsForPosition(await publishedWorkbook(ctx, spreadsheetId), positionId);
}
