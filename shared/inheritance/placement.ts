import type { Employee, Level, Position, Track, Workbook } from '../model';
import { indexWorkbook, type WorkbookIndex } from '../workbook-index';
import type { InheritanceRefusal } from './schema';

/** Where an employee or a position sits: an Active track and one of its levels. */
export interface Placement {
  employee: Employee | null;
  position: Position;
  track: Track;
  /** The track's levels sorted by Order. */
  levels: Level[];
  /** Index of the position's level in `levels`. */
  levelIndex: number;
}

export type PlacementResult = { ok: true; placement: Placement } | { ok: false; reason: InheritanceRefusal };

export interface PlacementIndex {
  workbook: WorkbookIndex;
  employeeById: Map<string, Employee>;
  /** Position id -> where it sits (employee: null), filled on first use: many employees share a position. */
  byPosition: Map<string, PlacementResult>;
}

export function createPlacementIndex(wb: Workbook, workbook: WorkbookIndex = indexWorkbook(wb)): PlacementIndex {
  const employeeById = new Map<string, Employee>();
  for (const e of wb.employees) if (e.id !== '' && !employeeById.has(e.id)) employeeById.set(e.id, e);
  return { workbook, employeeById, byPosition: new Map() };
}

const refuse = (code: InheritanceRefusal['code'], message: string): PlacementResult => ({ ok: false, reason: { code, message } });

function positionLabel(p: Position): string {
  return p.title ? `${p.id} (${p.title})` : p.id;
}

/** Position -> (track, level), only when the track is Active and the position's link points at a real level. */
function resolvePosition(index: PlacementIndex, positionId: string): PlacementResult {
  const position = index.workbook.positionById.get(positionId);
  if (!position) return refuse('position-unknown', `Position "${positionId}" is not in the Positions tab, so no expectations can be inherited.`);
  const track = index.workbook.trackById.get(position.trackId);
  if (!track) {
    const link = position.trackId === '' ? 'has no Track ID' : `names track "${position.trackId}", which is not in the Tracks tab`;
    return refuse('position-not-linked', `Position ${positionLabel(position)} is not linked to a track: it ${link}.`);
  }
  if (track.status !== 'Active')
    return refuse('track-draft', `Track ${track.id} (${track.name}) is still a Draft. Employees inherit its expectations only once it is published (Active).`);
  const levels = index.workbook.levelsByTrack.get(track.id) ?? [];
  const levelIndex = levels.findIndex((l) => l.code === position.levelCode);
  if (levelIndex < 0) {
    const known = levels.length > 0 ? `its levels are ${levels.map((l) => l.code).join(', ')}` : 'it has no levels yet';
    return refuse('level-unknown', `Position ${positionLabel(position)} is linked to level "${position.levelCode}", which track ${track.id} does not have (${known}).`);
  }
  return { ok: true, placement: { employee: null, position, track, levels, levelIndex } };
}

/** Where a position sits; the answer is shared by every caller asking about the same position (treat it as read-only). */
export function placePosition(index: PlacementIndex, positionId: string): PlacementResult {
  let placed = index.byPosition.get(positionId);
  if (!placed) {
    placed = resolvePosition(index, positionId);
    index.byPosition.set(positionId, placed);
  }
  return placed;
}

/** The refusal for an employee whose position is unknown names the employee; the other refusals are the position's. */
export function employeeRefusal(employee: Employee, reason: InheritanceRefusal): InheritanceRefusal {
  if (reason.code !== 'position-unknown') return reason;
  const who = `Employee ${employee.id}${employee.name ? ` (${employee.name})` : ''}`;
  return { code: reason.code, message: `${who} holds position "${employee.positionId}", but that position is not in the Positions tab, so no expectations can be inherited.` };
}

export function unknownEmployee(employeeId: string): InheritanceRefusal {
  return { code: 'employee-unknown', message: `There is no employee "${employeeId}" in the Employees tab.` };
}

export function placeEmployee(index: PlacementIndex, employeeId: string): PlacementResult {
  const employee = index.employeeById.get(employeeId);
  if (!employee) return { ok: false, reason: unknownEmployee(employeeId) };
  const placed = placePosition(index, employee.positionId);
  return placed.ok ? { ok: true, placement: { ...placed.placement, employee } } : { ok: false, reason: employeeRefusal(employee, placed.reason) };
}
