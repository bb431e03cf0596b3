import type { PathIndex } from './path-index';
import type { Plan, PlannedModule } from './plan';
import type { SequenceEdge } from '../sequencing';
import type { PathLevel, PathStep } from './schema';

export interface RenderOptions {
  /** Only these modules become steps (a level's or an employee's part of the path); default: all. */
  include?: ReadonlySet<string>;
  /** Modules already done: not steps, but still named when a step waits for them. */
  completed?: ReadonlySet<string>;
}

/** What every step's reasons look things up in, built once per rendering. */
interface Context {
  index: PathIndex;
  plan: Plan;
  /** Modules of the whole path. */
  inPath: ReadonlySet<string>;
  /** Modules that become steps. */
  shown: ReadonlySet<string>;
  completed: ReadonlySet<string>;
  /** Module id -> the shown modules that list it as a prerequisite. */
  neededBy: Map<string, string[]>;
}

const MAX_NAMED = 3;

function listNames(names: string[]): string {
  if (names.length <= MAX_NAMED) return names.join(', ');
  return `${names.slice(0, MAX_NAMED).join(', ')} and ${names.length - MAX_NAMED} more`;
}

function competencyName(ctx: Context, id: string): string {
  return ctx.index.workbook.competencyById.get(id)?.name || id;
}

function levelRef(plan: Plan, li: number | null): PathLevel | null {
  if (li === null) return null;
  const level = plan.scope.levels[li];
  return { code: level.code, order: level.order ?? li + 1 };
}

/** Why a shared module is in this track's path at all. */
function foundationReason(ctx: Context, p: PlannedModule): string {
  const required: string[] = [];
  for (const c of p.module.develops) {
    const name = competencyName(ctx, c);
    if (ctx.plan.scope.required.has(c) && !required.includes(name)) required.push(name);
  }
  if (required.length > 0) return `shared foundation: develops ${listNames(required)}, which this track requires`;
  const neededBy = ctx.neededBy.get(p.module.id) ?? [];
  return `shared foundation: ${listNames(neededBy)} ${neededBy.length === 1 ? 'needs' : 'need'} it first (prerequisite)`;
}

/** Dependency ties of a shared module that the path does not follow, named with the role modules of this path. */
function roleTiesIgnored(ctx: Context, p: PlannedModule): string[] {
  const out: string[] = [];
  for (const tie of ctx.index.roleOnlyDependencies.get(p.module.id) ?? []) {
    const devs = tie.roleDevelopers.filter((m) => ctx.inPath.has(m.id)).map((m) => m.id);
    if (devs.length === 0) continue;
    out.push(`not after ${listNames(devs)}: it develops ${competencyName(ctx, tie.competency)}, which depends on ${competencyName(ctx, tie.dependsOn)} that only role modules develop, and the shared foundation does not wait for a role branch (validation reports it as foundation-depends-on-role)`);
  }
  return out;
}

function waitReason(ctx: Context, e: SequenceEdge, done: boolean): string {
  return e.kind === 'prerequisite'
    ? `after ${e.from} (prerequisite${done ? ', already completed' : ''})`
    : `after ${e.from}${done ? ' (already completed)' : ''}: it develops ${competencyName(ctx, e.dependsOn)}, which ${competencyName(ctx, e.competency)} depends on`;
}

/** A text made once per plan for `key` (see PlanTexts). */
function textOnce<K>(texts: Map<K, string>, key: K, make: () => string): string {
  let text = texts.get(key);
  if (text === undefined) {
    text = make();
    texts.set(key, text);
  }
  return text;
}

function waitReasons(ctx: Context, p: PlannedModule): string[] {
  const out: string[] = [];
  const { texts } = ctx.plan;
  for (const e of p.waitsFor) {
    const done = ctx.completed.has(e.from);
    if (!done && !ctx.shown.has(e.from)) continue;
    out.push(done ? waitReason(ctx, e, true) : textOnce(texts.waits, e, () => waitReason(ctx, e, false)));
  }
  for (const m of p.outsidePrerequisites)
    out.push(textOnce(texts.outside, m, () => `needs ${m.id} first (prerequisite from ${m.trackId}, which is not part of this path)`));
  return out;
}

function contextFor(index: PathIndex, plan: Plan, options: RenderOptions): Context {
  const completed = options.completed ?? new Set<string>();
  const inPath = plan.ids;
  const shown = options.include || options.completed ? new Set([...inPath].filter((id) => (options.include?.has(id) ?? true) && !completed.has(id))) : inPath;
  const neededBy = new Map<string, string[]>();
  for (const q of plan.ordered) {
    if (!shown.has(q.module.id)) continue;
    for (const e of q.waitsFor) if (e.kind === 'prerequisite') (neededBy.get(e.from) ?? neededBy.set(e.from, []).get(e.from)!).push(q.module.id);
  }
  return { index, plan, inPath, shown, completed, neededBy };
}

/**
 * Turns a plan into numbered steps, each saying in plain words why it stands where it does. With no completed
 * module on the path the steps depend only on the plan and the modules shown: that rendering is kept in the plan
 * and shared (e.g. by every employee of a level who has not started): read its steps, do not change them.
 */
export function renderSteps(index: PathIndex, plan: Plan, options: RenderOptions = {}): PathStep[] {
  return renderPath(index, plan, options).steps;
}

/** renderSteps with the steps' total hours (kept with a shared rendering, so employees alike do not add them up again). */
export function renderPath(index: PathIndex, plan: Plan, options: RenderOptions = {}): { steps: PathStep[]; totalHours: number } {
  const completed = options.completed;
  if (completed) {
    for (const id of completed) {
      if (!plan.ids.has(id)) continue;
      const steps = render(index, plan, options);
      return { steps, totalHours: totalHours(steps) };
    }
  }
  const include = options.include ?? null;
  let kept = plan.rendered.get(include);
  if (!kept) {
    // A copy is kept, not the rendered objects: objects that live long make V8 allocate everything later made at
    // the same place in long-lived memory (pretenuring), which made every later rendering three times slower.
    const steps = render(index, plan, { include: options.include }).map((s) => keptCopy(plan, s));
    kept = { steps, totalHours: totalHours(steps) };
    plan.rendered.set(include, kept);
  }
  return { steps: kept.steps.slice(), totalHours: kept.totalHours };
}

/**
 * A step copied where no short-lived step is made (see renderSteps). What depends only on its module (gate,
 * competencies, first level) is copied once per plan, and a step that stands as it did in the module's last kept
 * rendering (same reasons, same position) is that step: a track's renderings (one per level) share what they repeat.
 */
function keptCopy(plan: Plan, s: PathStep): PathStep {
  let kept = plan.kept.get(s.moduleId);
  if (!kept) {
    const parts = { gate: s.gate && { ...s.gate }, develops: s.develops.slice(), firstRequiredLevel: s.firstRequiredLevel && { ...s.firstRequiredLevel } };
    kept = { parts, last: null };
    plan.kept.set(s.moduleId, kept);
  }
  const last = kept.last;
  const sameReasons = last !== null && sameTexts(last.reasons, s.reasons);
  if (sameReasons && last.position === s.position) return last;
  const step = { ...s, ...kept.parts, reasons: sameReasons ? last.reasons : s.reasons.slice() };
  kept.last = step;
  return step;
}

function sameTexts(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function render(index: PathIndex, plan: Plan, options: RenderOptions): PathStep[] {
  const ctx = contextFor(index, plan, options);
  const steps: PathStep[] = [];
  let afterRoleModule = false;
  for (const p of plan.ordered) {
    if (p.stage === 'Role') afterRoleModule = true;
    if (!ctx.shown.has(p.module.id)) continue;
    const reasons: string[] = [];
    if (p.stage === 'Foundation') {
      reasons.push(foundationReason(ctx, p), ...roleTiesIgnored(ctx, p));
      if (afterRoleModule)
        reasons.push('placed after role modules although it is shared: it waits for a role module of this track (validation reports it as foundation-depends-on-role)');
    }
    const ties = waitReasons(ctx, p);
    reasons.push(...(ties.length > 0 ? ties : ['no prerequisite or dependency ties it to an earlier module']));
    const level = levelRef(plan, p.firstLevel);
    reasons.push(level ? textOnce(plan.texts.levels, p.firstLevel, () => `first needed at level ${level.code}`) : 'not required by any level of this track');
    const gate = p.module.gate;
    steps.push({
      moduleId: p.module.id,
      title: p.module.title,
      stage: p.stage,
      position: steps.length + 1,
      gate: gate ? { text: gate.text, kind: gate.kind, minPercent: gate.minPercent } : null,
      durationHours: p.module.durationHours,
      develops: [...p.module.develops],
      firstRequiredLevel: level,
      reasons,
    });
  }
  return steps;
}

export function totalHours(steps: readonly PathStep[]): number {
  let sum = 0;
  for (const s of steps) sum += s.durationHours ?? 0;
  return Math.round(sum * 100) / 100;
}
