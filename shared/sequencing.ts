import { SHARED_TRACK } from './contract';
import type { Module, Workbook } from './model';
import { indexWorkbook, type WorkbookIndex } from './workbook-index';

/** `from` must be completed before `to`. */
export type SequenceEdge =
  | { from: string; to: string; kind: 'prerequisite' }
  /** `to` develops `competency`, which depends on `dependsOn`, which `from` develops. */
  | { from: string; to: string; kind: 'dependency'; competency: string; dependsOn: string };

export interface ModuleSequence {
  /** Edges into each module (what must come before it), in a deterministic order. */
  before: Map<string, SequenceEdge[]>;
  /** Edges out of each module (what must come after it). */
  after: Map<string, SequenceEdge[]>;
}

export const isShared = (m: Pick<Module, 'trackId'>) => m.trackId.toLowerCase() === SHARED_TRACK.toLowerCase();

/**
 * Whether `to` may wait on `from` developing a competency: modules of one track wait on their own track and on the
 * shared foundation; a shared module never waits on a role module (that case is the finding foundation-depends-on-role).
 */
function mayWaitOn(to: Module, from: Module): boolean {
  return isShared(from) || (!isShared(to) && to.trackId === from.trackId);
}

/** The "must come before" graph of modules: prerequisites, plus the dependencies of the competencies they develop. */
export function moduleSequence(wb: Workbook, index: WorkbookIndex = indexWorkbook(wb)): ModuleSequence {
  const developers = developersByCompetency(index);
  const before = new Map<string, SequenceEdge[]>();
  const after = new Map<string, SequenceEdge[]>();
  const seen = new Set<string>();
  const add = (e: SequenceEdge) => {
    const key = `${e.from}\u0000${e.to}`;
    if (seen.has(key)) return;
    seen.add(key);
    (before.get(e.to) ?? before.set(e.to, []).get(e.to)!).push(e);
    (after.get(e.from) ?? after.set(e.from, []).get(e.from)!).push(e);
  };
  for (const m of index.moduleById.values()) {
    for (const p of m.prerequisites) if (index.moduleById.has(p)) add({ from: p, to: m.id, kind: 'prerequisite' });
    for (const c of m.develops) {
      const comp = index.competencyById.get(c);
      if (!comp) continue;
      for (const d of comp.dependsOn) {
        for (const dev of developers.get(d) ?? []) {
          if (dev.id === m.id || !mayWaitOn(m, dev)) continue;
          add({ from: dev.id, to: m.id, kind: 'dependency', competency: c, dependsOn: d });
        }
      }
    }
  }
  return { before, after };
}

/** Modules that develop each competency, in Modules-tab order. */
export function developersByCompetency(index: WorkbookIndex): Map<string, Module[]> {
  const out = new Map<string, Module[]>();
  for (const m of index.moduleById.values())
    for (const c of m.develops) (out.get(c) ?? out.set(c, []).get(c)!).push(m);
  return out;
}
