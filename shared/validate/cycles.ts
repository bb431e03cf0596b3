import { cellOf } from '../at';
import { error } from '../findings';
import { describeCycle, findCycles, type Cycle } from '../graph';
import type { SequenceEdge } from '../sequencing';
import type { RuleContext } from './rules';

/** Cycles in Depends On, in Prerequisites, and in the order the two together impose on modules. */
export function checkCycles(ctx: RuleContext): void {
  const { index, findings } = ctx;
  const compIds = [...index.competencyById.keys()];
  const compCycles = findCycles(compIds, (id) => index.competencyById.get(id)?.dependsOn ?? []);
  const compName = (id: string) => index.competencyById.get(id)?.name || id;
  for (const cycle of compCycles) {
    const first = index.competencyById.get(cycle.members[0])!;
    findings.push(error(first.at.sheet, cellOf(first.at, 'dependsOn'), 'dependency-cycle', `These competencies depend on each other in a circle, so none of them can be learned first: ${describeCycle(cycle, compName)}. Remove one of these dependencies.`));
  }

  const moduleIds = [...index.moduleById.keys()];
  const moduleName = (id: string) => id;
  const prereqCycles = findCycles(moduleIds, (id) => index.moduleById.get(id)?.prerequisites ?? []);
  for (const cycle of prereqCycles) {
    const first = index.moduleById.get(cycle.members[0])!;
    findings.push(error(first.at.sheet, cellOf(first.at, 'prerequisites'), 'prerequisite-cycle', `These modules are each other's prerequisites in a circle, so no one can start any of them: ${describeCycle(cycle, moduleName)}. Remove one of these prerequisites.`));
  }

  // Orders that only the combination of prerequisites and competency dependencies makes impossible.
  const cyclicComps = new Set(compCycles.flatMap((c) => c.members));
  const { sequence } = ctx;
  const next = (id: string): string[] => {
    const out: string[] = [];
    for (const e of sequence.after.get(id) ?? []) if (e.kind === 'prerequisite' || !cyclicComps.has(e.competency)) out.push(e.to);
    return out;
  };
  const reported = new Set(prereqCycles.map((c) => c.members.join('\u0000')));
  for (const cycle of findCycles(moduleIds, next)) {
    if (reported.has(cycle.members.join('\u0000'))) continue;
    const first = index.moduleById.get(cycle.members[0])!;
    findings.push(error(first.at.sheet, cellOf(first.at, 'id'), 'module-sequence-conflict', `These modules cannot be put in any order: ${explain(cycle, sequence.before, compName)}. Change a prerequisite or what one of these modules develops.`));
  }
}

/** Each step of the cycle with its reason: "M2 needs M1 first (prerequisite)". */
function explain(cycle: Cycle, before: Map<string, SequenceEdge[]>, compName: (id: string) => string): string {
  const steps: string[] = [];
  for (let i = 0; i + 1 < cycle.path.length; i++) {
    const from = cycle.path[i];
    const to = cycle.path[i + 1];
    const edge = (before.get(to) ?? []).find((e) => e.from === from);
    if (!edge) continue;
    steps.push(
      edge.kind === 'prerequisite'
        ? `${to} lists ${from} as a prerequisite`
        : `${to} develops "${compName(edge.competency)}", which depends on "${compName(edge.dependsOn)}" that ${from} develops`,
    );
  }
  return steps.join('; ');
}
