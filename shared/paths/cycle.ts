import { describeCycle, findCycles, stronglyConnected, type Cycle } from '../graph';
import type { SequenceEdge } from '../sequencing';
import type { PathIndex } from './path-index';
import type { PlannedModule } from './plan';
import type { PathError } from './schema';

/** "Product knowledge (C-PK)": how competencies are named in messages. */
export function competencyLabel(index: PathIndex, id: string): string {
  const name = index.workbook.competencyById.get(id)?.name;
  return name && name !== id ? `${name} (${id})` : id;
}

function loopAmong(stuck: readonly PlannedModule[], keep: (e: SequenceEdge) => boolean): Cycle | undefined {
  const ids = stuck.map((p) => p.module.id);
  const inStuck = new Set(ids);
  const next = new Map<string, string[]>();
  for (const p of stuck)
    for (const e of p.waitsFor) if (inStuck.has(e.from) && keep(e)) (next.get(e.from) ?? next.set(e.from, []).get(e.from)!).push(e.to);
  return findCycles(ids, (id) => next.get(id) ?? [])[0];
}

function hops(index: PathIndex, byId: Map<string, PlannedModule>, cycle: Cycle): string {
  const parts: string[] = [];
  for (let i = 0; i + 1 < cycle.path.length; i++) {
    const [from, to] = [cycle.path[i], cycle.path[i + 1]];
    const e = byId.get(to)!.waitsFor.find((w) => w.from === from)!;
    parts.push(
      e.kind === 'prerequisite'
        ? `${to} lists ${from} as a prerequisite`
        : `${to} develops ${competencyLabel(index, e.competency)}, which depends on ${competencyLabel(index, e.dependsOn)} that ${from} develops`,
    );
  }
  return parts.join('; ');
}

/**
 * Validation reports a loop of the combined graph as module-sequence-conflict unless its whole component is also
 * a loop of prerequisites alone, which it reports as prerequisite-cycle. A path's loop can run through modules of
 * other tracks in the whole workbook, so the component is looked up there. Gives that prerequisite loop, if any.
 */
function prerequisiteLoopReportedFor(index: PathIndex, loop: Cycle, keep: (e: SequenceEdge) => boolean): Cycle | undefined {
  const ids = [...index.workbook.moduleById.keys()];
  const after = (onlyPrerequisites: boolean) => (id: string) =>
    (index.sequence.after.get(id) ?? []).filter((e) => (onlyPrerequisites ? e.kind === 'prerequisite' : keep(e))).map((e) => e.to);
  const component = stronglyConnected(ids, after(false)).find((c) => c.includes(loop.members[0]))!;
  const key = [...component].sort().join('\u0000');
  return findCycles(ids, after(true)).find((c) => c.members.join('\u0000') === key);
}

/**
 * Names the loop that keeps `stuck` modules from being ordered, and the validation finding that reports it, with
 * validation's own precedence: a loop of prerequisites alone is prerequisite-cycle; a loop that remains without
 * the ties through competencies that depend on each other is module-sequence-conflict (or prerequisite-cycle when
 * validation folds it into one); otherwise the root cause is a loop in Depends On (dependency-cycle).
 */
export function explainCycle(index: PathIndex, trackId: string, stuck: readonly PlannedModule[]): PathError {
  const byId = new Map(stuck.map((p) => [p.module.id, p]));
  const intro = `The learning path of track ${trackId} cannot be ordered:`;
  const prerequisiteLoop = loopAmong(stuck, (e) => e.kind === 'prerequisite');
  if (prerequisiteLoop) {
    return {
      code: 'path-cycle',
      findingCode: 'prerequisite-cycle',
      cycle: prerequisiteLoop.path,
      modules: prerequisiteLoop.path,
      message: `${intro} module prerequisites go round in a loop (${describeCycle(prerequisiteLoop)}): ${hops(index, byId, prerequisiteLoop)}. Rungs does not break the loop for you; fix the Prerequisites cells in the Modules tab (validation reports it as prerequisite-cycle).`,
    };
  }
  const competencies = index.workbook.competencyById;
  const competencyLoops = findCycles([...competencies.keys()], (id) => competencies.get(id)?.dependsOn ?? []);
  const inCompetencyLoop = new Set(competencyLoops.flatMap((c) => c.members));
  const keep = (e: SequenceEdge) => e.kind === 'prerequisite' || !inCompetencyLoop.has(e.competency);
  const mixedLoop = loopAmong(stuck, keep);
  if (mixedLoop) {
    const loopText = `${intro} modules wait on each other in a loop (${describeCycle(mixedLoop)}): ${hops(index, byId, mixedLoop)}.`;
    const reported = prerequisiteLoopReportedFor(index, mixedLoop, keep);
    if (reported) {
      return {
        code: 'path-cycle',
        findingCode: 'prerequisite-cycle',
        cycle: reported.path,
        modules: mixedLoop.path,
        message: `${loopText} In the whole workbook these modules are caught in a loop of prerequisites (${describeCycle(reported)}); fix the Prerequisites cells in the Modules tab (validation reports it as prerequisite-cycle).`,
      };
    }
    return {
      code: 'path-cycle',
      findingCode: 'module-sequence-conflict',
      cycle: mixedLoop.path,
      modules: mixedLoop.path,
      message: `${loopText} Rungs does not break the loop for you; change a prerequisite or what one of these modules develops (validation reports it as module-sequence-conflict).`,
    };
  }
  const loop = loopAmong(stuck, () => true)!;
  const labels = new Set(loop.members.flatMap((id) => byId.get(id)!.waitsFor.flatMap((e) => (e.kind === 'dependency' ? [e.competency] : []))));
  const root = competencyLoops.find((c) => c.members.some((m) => labels.has(m)))!;
  return {
    code: 'path-cycle',
    findingCode: 'dependency-cycle',
    cycle: root.path,
    modules: loop.path,
    message: `${intro} competencies depend on each other in a loop (${describeCycle(root, (id) => competencyLabel(index, id))}), so the modules that develop them wait on each other (${describeCycle(loop)}). Fix the Depends On cells in the Competencies tab (validation reports it as dependency-cycle).`,
  };
}
