/** Learning paths (F5): per-track ordering, the path to a level, and an employee's next steps. */
export { orderTrackPath, pathToLevel } from './paths/order';
export { remainingPathForEmployee, type EmployeePathIndexes } from './paths/employee';
export { createPathIndex, type PathIndex } from './paths/path-index';
export * from './paths/schema';
