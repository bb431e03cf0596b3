import type { Module, Workbook } from '../model';
import { isShared, moduleSequence, type ModuleSequence } from '../sequencing';
import { indexWorkbook, type WorkbookIndex } from '../workbook-index';
import type { PlanResult } from './plan';

/**
 * A shared module's competency that depends on one only role modules develop: the path does not follow that tie
 * (the foundation never waits for a role branch) and validation reports it as foundation-depends-on-role.
 */
export interface RoleOnlyDependency {
  competency: string;
  dependsOn: string;
  roleDevelopers: Module[];
}

/**
 * What ordering needs about the whole workbook, computed once and shared by every track. The "must come before"
 * graph is validation's own (shared/sequencing.ts), so a loop that stops a path is always a loop validation reports.
 */
export interface PathIndex {
  workbook: WorkbookIndex;
  sequence: ModuleSequence;
  /** Ids of the Shared modules. */
  sharedIds: Set<string>;
  /** Shared modules, one per id, in Modules-tab order. */
  sharedModules: Module[];
  /** Role modules by Track ID, one per id, in Modules-tab order. */
  modulesByTrack: Map<string, Module[]>;
  /** Shared module id -> the dependency ties it does not follow; absent when none. */
  roleOnlyDependencies: Map<string, RoleOnlyDependency[]>;
  /** Track id -> its ordered plan (or why there is none), filled on first use. */
  plans: Map<string, PlanResult>;
}

export function isPathIndex(index: PathIndex | WorkbookIndex): index is PathIndex {
  return 'sequence' in index;
}

function roleOnlyDependencies(workbook: WorkbookIndex, developers: Map<string, Module[]>, sharedModules: Module[]): Map<string, RoleOnlyDependency[]> {
  const out = new Map<string, RoleOnlyDependency[]>();
  for (const m of sharedModules) {
    const found: RoleOnlyDependency[] = [];
    for (const competency of new Set(m.develops)) {
      for (const dependsOn of new Set(workbook.competencyById.get(competency)?.dependsOn ?? [])) {
        const devs = developers.get(dependsOn) ?? [];
        if (devs.length > 0 && !devs.some(isShared)) found.push({ competency, dependsOn, roleDevelopers: devs });
      }
    }
    if (found.length > 0) out.set(m.id, found);
  }
  return out;
}

export function createPathIndex(wb: Workbook, workbook: WorkbookIndex = indexWorkbook(wb)): PathIndex {
  const modulesByTrack = new Map<string, Module[]>();
  const sharedModules: Module[] = [];
  for (const m of workbook.moduleById.values()) {
    if (isShared(m)) sharedModules.push(m);
    else (modulesByTrack.get(m.trackId) ?? modulesByTrack.set(m.trackId, []).get(m.trackId)!).push(m);
  }
  const sequence = moduleSequence(wb, workbook);
  return {
    workbook,
    sequence,
    sharedIds: new Set(sharedModules.map((m) => m.id)),
    sharedModules,
    modulesByTrack,
    roleOnlyDependencies: roleOnlyDependencies(workbook, sequence.developers, sharedModules),
    plans: new Map(),
  };
}
