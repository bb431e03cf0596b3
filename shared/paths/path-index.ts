import { SHARED_TRACK } from '../contract';
import type { Module, Workbook } from '../model';
import { indexWorkbook, type WorkbookIndex } from '../workbook-index';

/** Why a module must wait for another one. */
export type Constraint =
  | { kind: 'prerequisite'; before: string }
  | {
      kind: 'dependency';
      before: string;
      /** The competency `before` develops ... */
      provides: string;
      /** ... which this module's competency `needs` depends on. */
      needs: string;
    };

/** What ordering needs about the whole workbook, computed once and shared by every track. */
export interface PathIndex {
  workbook: WorkbookIndex;
  /** Modules by Track ID (Shared modules under "Shared"), one per id, in Modules-tab order. */
  modulesByTrack: Map<string, Module[]>;
  /** Module id -> everything that must come before it, in any path. */
  constraintsInto: Map<string, Constraint[]>;
}

const SHARED_KEY = SHARED_TRACK.toLowerCase();

export function isSharedModule(m: Module): boolean {
  return m.trackId.toLowerCase() === SHARED_KEY;
}

/** Two modules can meet in one learning path when they belong to the same track or one of them is shared. */
function canShareAPath(a: Module, b: Module): boolean {
  return a.trackId === b.trackId || isSharedModule(a) || isSharedModule(b);
}

export function isPathIndex(index: PathIndex | WorkbookIndex): index is PathIndex {
  return 'constraintsInto' in index;
}

export function createPathIndex(wb: Workbook, workbook: WorkbookIndex = indexWorkbook(wb)): PathIndex {
  const modules = [...workbook.moduleById.values()];
  const modulesByTrack = new Map<string, Module[]>();
  const developers = new Map<string, Module[]>();
  for (const m of modules) {
    const key = isSharedModule(m) ? SHARED_TRACK : m.trackId;
    const list = modulesByTrack.get(key);
    if (list) list.push(m);
    else modulesByTrack.set(key, [m]);
    for (const c of new Set(m.develops)) {
      const devs = developers.get(c);
      if (devs) devs.push(m);
      else developers.set(c, [m]);
    }
  }
  const constraintsInto = new Map<string, Constraint[]>();
  for (const m of modules) {
    const into: Constraint[] = [];
    for (const p of new Set(m.prerequisites)) if (workbook.moduleById.has(p)) into.push({ kind: 'prerequisite', before: p });
    for (const needs of new Set(m.develops)) {
      const competency = workbook.competencyById.get(needs);
      if (!competency) continue;
      for (const provides of new Set(competency.dependsOn)) {
        for (const b of developers.get(provides) ?? []) {
          if (b.id !== m.id && canShareAPath(m, b)) into.push({ kind: 'dependency', before: b.id, provides, needs });
        }
      }
    }
    constraintsInto.set(m.id, into);
  }
  return { workbook, modulesByTrack, constraintsInto };
}
