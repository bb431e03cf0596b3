import type { EmployeePathResult, PathResult, TrackPath } from '../../shared/paths';

export function pathOf(result: PathResult): TrackPath {
  if (!result.ok) throw new Error(`expected a path, got ${result.error.code}: ${result.error.message}`);
  return result.path;
}

export function idsOf(result: PathResult): string[] {
  return pathOf(result).steps.map((s) => s.moduleId);
}

export function reasonsOf(result: PathResult, moduleId: string): string[] {
  const step = pathOf(result).steps.find((s) => s.moduleId === moduleId);
  if (!step) throw new Error(`${moduleId} is not in the path`);
  return step.reasons;
}

export function nextOf(result: EmployeePathResult) {
  if (!result.ok) throw new Error(`expected next steps, got ${result.error.code}: ${result.error.message}`);
  return result.next;
}
