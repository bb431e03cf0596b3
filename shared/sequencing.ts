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
  /** Modules that develop each competency, in Modules-tab order (developersByCompetency). */
  developers: Map<string, Module[]>;
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
  // Every edge into a module is found while that module is visited: one tie per pair, the first found.
  const tiedFrom = new Set<string>();
  for (const m of index.moduleById.values()) {
    const into: SequenceEdge[] = [];
    tiedFrom.clear();
    for (const p of m.prerequisites) {
      if (!index.moduleById.has(p) || tiedFrom.has(p)) continue;
      tiedFrom.add(p);
      into.push({ from: p, to: m.id, kind: 'prerequisite' });
    }
    for (const c of m.develops) {
      const comp = index.competencyById.get(c);
      if (!comp) continue;
      for (const d of comp.dependsOn) {
        const devs = developers.get(d);
        if (!devs) continue;
        for (const dev of devs) {
          if (dev.id === m.id || tiedFrom.has(dev.id) || !mayWaitOn(m, dev)) continue;
          tiedFrom.add(dev.id);
          into.push({ from: dev.id, to: m.id, kind: 'dependency', competency: c, dependsOn: d });
        }
      }
    }
    if (into.length === 0) continue;
    before.set(m.id, into);
    for (const e of into) {
      const out = after.get(e.from);
      if (out) out.push(e);
      else after.set(e.from, [e]);
    }
  }
  return { before, after, developers };
}

/** Modules that develop each competency, in Modules-tab order. */
export function developersByCompetency(index: WorkbookIndex): Map<string, Module[]> {
  const out = new Map<string, Module[]>();
  for (const m of index.moduleById.values()) {
    for (const c of m.develops) {
      const list = out.get(c);
      if (list) list.push(m);
      else out.set(c, [m]);
    }
  }
  return out;
}
