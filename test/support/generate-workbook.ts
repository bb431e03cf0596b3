/**
 * A deterministic, valid workbook at any size, by default the product scale (50 tracks x 10 levels, 3,000
 * competencies, 300 matrix rows per track, 2,000 positions, 1,000 modules). Same seed, same snapshot.
 *
 * How validity is kept by construction:
 * - Competencies 0..F-1 are the shared foundation, required by every track. The rest are split into families of
 *   consecutive ids; a track requires whole families (the last one as a prefix). A competency depends only on
 *   competencies of an earlier block of its own family, or on the foundation, so whatever requires it requires its
 *   dependencies too, and dependencies are acyclic.
 * - Each competency has one start level everywhere and depends only on competencies that start no later, so no
 *   track expects a competency before what it depends on; expectations run from the start level to the top.
 * - Families and the foundation are cut into blocks of 1-3 competencies with no dependency inside a block. Every
 *   module develops (part of) one block and the Modules tab is sorted by block, so a module never comes before one
 *   that develops what it depends on; prerequisites only point upwards, to the same track or to Shared modules.
 */
import {
  COMPETENCIES_TAB, EMPLOYEES_TAB, LEVELS_TAB, MODULES_TAB, POSITIONS_TAB, RUBRIC_COMPETENCY_HEADER,
  RUBRIC_DIMENSION_HEADER, RUBRIC_THRESHOLD_LABEL, RUBRIC_WEIGHT_HEADER, SHARED_TRACK, TRACKS_TAB, MATRIX_ID_HEADER,
  MATRIX_NAME_HEADER, matrixTabName, rubricTabName, type TabSpec, type TrackType,
} from '../../shared/contract';
import type { SheetSnapshot, WorkbookSnapshot } from '../../shared/snapshot';

export interface GenerateOptions {
  tracks: number;
  levelsPerTrack: number;
  /** Size of the competency catalogue (shared foundation included). */
  competencies: number;
  /** Competency rows in each track's matrix (shared foundation included). */
  rowsPerMatrix: number;
  positions: number;
  modules: number;
  /** Rows of the Employees tab; 0 = no Employees tab. */
  employees: number;
  seed: number;
}

export const PRODUCT_SCALE: GenerateOptions = {
  tracks: 50, levelsPerTrack: 10, competencies: 3000, rowsPerMatrix: 300, positions: 2000, modules: 1000, employees: 0, seed: 1,
};

/** Share of modules that belong to the shared foundation. */
const SHARED_MODULE_SHARE = 0.15;
/** Above this Jaccard share between two tracks the generator draws the families again (the rule warns at 0.75). */
const MAX_GENERATED_OVERLAP = 0.5;

// ---------------------------------------------------------------------------------------------------------------
// Options

/** Fills in what the caller left out, scaled on the number of tracks so that small workbooks stay coherent. */
export function resolveOptions(partial: Partial<GenerateOptions> = {}): GenerateOptions {
  const tracks = partial.tracks ?? PRODUCT_SCALE.tracks;
  const competencies = partial.competencies ?? tracks * 60;
  const foundation = foundationSize(competencies);
  const pool = competencies - foundation;
  const defaultRows = Math.min(PRODUCT_SCALE.rowsPerMatrix, foundation + Math.max(1, Math.floor((pool * Math.min(3.8, tracks / 3)) / tracks)));
  const options: GenerateOptions = {
    tracks,
    levelsPerTrack: partial.levelsPerTrack ?? PRODUCT_SCALE.levelsPerTrack,
    competencies,
    rowsPerMatrix: partial.rowsPerMatrix ?? defaultRows,
    positions: partial.positions ?? tracks * 40,
    modules: partial.modules ?? tracks * 20,
    employees: partial.employees ?? 0,
    seed: partial.seed ?? PRODUCT_SCALE.seed,
  };
  const roleRows = options.rowsPerMatrix - foundation;
  if (tracks < 1 || options.levelsPerTrack < 1) throw new RangeError('generateWorkbook needs at least one track with one level.');
  if (options.employees > 0 && options.positions < 1) throw new RangeError('Employees hold positions: generate at least one position.');
  if (competencies < 3) throw new RangeError('generateWorkbook needs at least 3 competencies.');
  if (roleRows < 1 || roleRows > pool)
    throw new RangeError(`rowsPerMatrix must be between ${foundation + 1} and ${competencies} (the shared foundation has ${foundation} competencies).`);
  return options;
}

/** The shared foundation: 80 of 3,000 at product scale, a few in small workbooks. */
function foundationSize(competencies: number): number {
  return Math.min(80, Math.max(2, Math.round(competencies / 37.5)), competencies - 1);
}

// ---------------------------------------------------------------------------------------------------------------
// Seeded randomness

type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];

function shuffle<T>(rng: Rng, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const widthOf = (count: number) => String(Math.max(count, 1)).length;

// ---------------------------------------------------------------------------------------------------------------
// Word lists

const FUNCTIONS: readonly (readonly [code: string, name: string])[] = [
  ['BE', 'Backend Engineering'], ['FE', 'Frontend Engineering'], ['MOB', 'Mobile Engineering'], ['DE', 'Data Engineering'],
  ['DS', 'Data Science'], ['ML', 'Machine Learning'], ['SRE', 'Site Reliability'], ['SEC', 'Security Engineering'],
  ['QA', 'Quality Engineering'], ['PM', 'Product Management'], ['PD', 'Product Design'], ['UXR', 'User Research'],
  ['TW', 'Technical Writing'], ['SAL', 'Sales'], ['AM', 'Account Management'], ['CS', 'Customer Success'],
  ['SUP', 'Customer Support'], ['MKT', 'Marketing'], ['CON', 'Content'], ['FIN', 'Finance'], ['ACC', 'Accounting'],
  ['LEG', 'Legal'], ['PEO', 'People Operations'], ['REC', 'Recruiting'], ['OPS', 'Business Operations'],
];
const IC_LADDER = ['Associate', 'Junior', 'Intermediate', 'Senior', 'Staff', 'Senior Staff', 'Principal', 'Senior Principal', 'Distinguished', 'Fellow'];
const MANAGER_LADDER = ['Team Lead', 'Manager', 'Senior Manager', 'Associate Director', 'Director', 'Senior Director', 'Head', 'Vice President', 'Senior Vice President', 'Chief'];

const FOUNDATION_TOPICS = [
  'Written communication', 'Giving feedback', 'Collaboration', 'Ownership', 'Problem solving', 'Ethics and compliance',
  'Security awareness', 'Data literacy', 'Customer focus', 'Time management', 'Inclusion', 'Planning', 'Learning agility',
  'Decision making', 'Presenting', 'Negotiation', 'Resilience', 'Prioritisation', 'Stakeholder management', 'Accessibility',
];
const FOUNDATION_ASPECTS = ['basics', 'in practice', 'across teams', 'at scale'];
const ROLE_TOPICS = [
  'API design', 'Query tuning', 'Test automation', 'Incident response', 'Capacity planning', 'Code review',
  'Release management', 'Schema design', 'Observability', 'Threat modelling', 'Experiment design', 'Feature scoping',
  'Roadmapping', 'Pricing', 'Forecasting', 'Pipeline hygiene', 'Discovery calls', 'Contract review', 'Onboarding',
  'Interviewing', 'Budgeting', 'Vendor management', 'Campaign planning', 'Content strategy', 'Brand voice',
  'Visual design', 'Prototyping', 'Usability testing', 'Survey design', 'Statistical modelling', 'Feature engineering',
  'Model evaluation', 'Data modelling', 'Stream processing', 'Batch processing', 'Cloud networking', 'Cost control',
  'Access control', 'Audit readiness', 'Reporting', 'Reconciliation', 'Tax filing', 'Payroll', 'Benefits design',
  'Compensation', 'Workforce planning', 'Escalation handling', 'Knowledge base', 'Ticket triage', 'Churn analysis',
  'Renewals', 'Upselling', 'Territory planning', 'Partner enablement', 'Process mapping', 'Quality audits',
  'Documentation', 'Localisation', 'Performance tuning', 'Dependency upgrades',
];
const ROLE_ASPECTS = [
  'fundamentals', 'practice', 'tooling', 'standards', 'reviews', 'automation', 'strategy', 'metrics', 'risk',
  'coaching', 'planning', 'governance', 'quality', 'delivery', 'operations', 'communication', 'experiments', 'scaling',
  'debugging', 'design', 'roadmaps', 'budgets', 'hiring', 'documentation', 'security', 'compliance', 'migration',
  'estimation', 'prioritisation', 'handover', 'research', 'playbooks', 'forecasts', 'pairing', 'evaluation',
  'templates', 'checklists', 'dashboards', 'retrospectives', 'escalations', 'audits', 'onboarding', 'benchmarks',
  'interfaces', 'workflows', 'incidents', 'trade-offs', 'contracts', 'feedback', 'mentoring',
];
/** One phrase per level: the expectation at level l reads `${LEVEL_PHRASES[l](skill)} ${context}`. */
const LEVEL_PHRASES: readonly ((skill: string) => string)[] = [
  (s) => `Learns the basics of ${s}`,
  (s) => `Applies ${s} with guidance`,
  (s) => `Applies ${s} independently`,
  (s) => `Adapts ${s} to new situations`,
  (s) => `Leads ${s} for the team`,
  (s) => `Coaches others in ${s}`,
  (s) => `Sets standards for ${s}`,
  (s) => `Shapes ${s} across teams`,
  (s) => `Drives strategy for ${s}`,
  (s) => `Is an authority on ${s}`,
];
const CONTEXTS = [
  'on routine tasks', 'in day-to-day work', 'on complex projects', 'under time pressure', 'with customers in mind',
  'in ambiguous situations', 'with measurable results', 'while keeping risk low', 'in cross-team work', 'for new hires',
];
const SCORE_LABELS = ['1 Beginning', '2 Developing', '3 Proficient', '4 Exemplary'];
const SCORE_PHRASES: readonly ((skill: string, track: string) => string)[] = [
  (s, t) => `Rarely shows ${s} in ${t} work`,
  (s, t) => `Shows ${s} with support in ${t} work`,
  (s, t) => `Consistently shows ${s} in ${t} work`,
  (s, t) => `Models ${s} for other ${t} colleagues`,
];
const RUBRIC_WEIGHTS = [30, 25, 20, 15, 10];
const MODULE_KINDS = ['Workshop', 'Course', 'Lab', 'Clinic', 'Bootcamp', 'Seminar', 'Practicum', 'Masterclass'];
const FIRST_NAMES = ['Ana', 'Ben', 'Chloe', 'Dev', 'Elif', 'Femi', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemi', 'Liam', 'Mara', 'Nils', 'Olga', 'Pedro', 'Quinn', 'Rosa', 'Sami', 'Tara', 'Uma', 'Viktor', 'Wen', 'Yara', 'Zane'];
const LAST_NAMES = ['Abe', 'Brown', 'Costa', 'Dubois', 'Eze', 'Fischer', 'Garcia', 'Haddad', 'Ito', 'Jensen', 'Kowalski', 'Lee', 'Moreau', 'Nakamura', 'Okafor', 'Patel', 'Quist', 'Rossi', 'Silva', 'Tanaka', 'Usman', 'Virtanen', 'Wong', 'Xu', 'Young', 'Zhang'];

// ---------------------------------------------------------------------------------------------------------------
// The plan: competencies, tracks and what each track requires, before any cell is written

interface CompetencyPlan {
  id: string;
  name: string;
  shared: boolean;
  /** 0-based level from which every track that requires it expects it. */
  startLevel: number;
  dependsOn: number[];
  /** Index of its block: blocks are consecutive, so block order is id order. */
  block: number;
  context: string;
}

interface TrackPlan {
  id: string;
  name: string;
  type: TrackType;
  levelCodes: string[];
  levelNames: string[];
  /** Indexes of the competencies its matrix requires, ascending. */
  required: number[];
}

/** Consecutive runs of `size` (the last one shorter) over [from, to). */
function chunks(from: number, to: number, size: number): number[][] {
  const out: number[][] = [];
  for (let i = from; i < to; i += size) out.push(range(i, Math.min(i + size, to)));
  return out;
}

/** Consecutive runs of 1-3 over the given ids. */
function blocksOf(rng: Rng, ids: readonly number[]): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < ids.length; ) {
    const size = Math.min(int(rng, 1, 3), ids.length - i);
    out.push(ids.slice(i, i + size));
    i += size;
  }
  return out;
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

function competencyName(i: number, foundation: number): string {
  const [topics, aspects, k] = i < foundation ? [FOUNDATION_TOPICS, FOUNDATION_ASPECTS, i] : [ROLE_TOPICS, ROLE_ASPECTS, i - foundation];
  const combos = topics.length * aspects.length;
  const base = `${topics[k % topics.length]} ${aspects[Math.floor(k / topics.length) % aspects.length]}`;
  return k < combos ? base : `${base} ${Math.floor(k / combos) + 1}`;
}

function planCompetencies(rng: Rng, o: GenerateOptions, foundation: number, families: number[][]): CompetencyPlan[] {
  const width = widthOf(o.competencies);
  const maxRoleStart = Math.max(0, Math.ceil(o.levelsPerTrack * 0.6) - 1);
  const groups = [range(0, foundation), ...families];
  const plans: CompetencyPlan[] = [];
  let block = 0;
  for (const [g, group] of groups.entries()) {
    const shared = g === 0;
    for (const members of blocksOf(rng, group)) {
      // Candidates: the group's earlier blocks (and, for role competencies, the foundation).
      const earlier = group.filter((c) => c < members[0]);
      for (const i of members) {
        const startLevel = shared ? (o.levelsPerTrack > 1 && rng() < 0.15 ? 1 : 0) : int(rng, 0, maxRoleStart);
        const fits = (c: number) => plans[c].startLevel <= startLevel;
        const deps = new Set<number>();
        const own = earlier.filter(fits);
        const ownCount = own.length === 0 ? 0 : shared ? (rng() < 0.4 ? 1 : 0) : int(rng, 0, 2);
        for (let k = 0; k < ownCount; k++) deps.add(pick(rng, own));
        if (!shared && rng() < 0.3) {
          const base = range(0, foundation).filter(fits);
          if (base.length > 0) deps.add(pick(rng, base));
        }
        plans.push({
          id: `C${pad(i + 1, width)}`,
          name: competencyName(i, foundation),
          shared,
          startLevel,
          dependsOn: [...deps].sort((a, b) => a - b),
          block,
          context: CONTEXTS[(i * 7) % CONTEXTS.length],
        });
      }
      block++;
    }
  }
  return plans;
}

function planTracks(o: GenerateOptions): Omit<TrackPlan, 'required'>[] {
  return range(0, o.tracks).map((i) => {
    const [code, fn] = FUNCTIONS[i % FUNCTIONS.length];
    const wrap = Math.floor(i / FUNCTIONS.length);
    const type: TrackType = i % 3 === 2 ? 'Manager' : 'Individual Contributor';
    const manager = type === 'Manager';
    const ladder = manager ? MANAGER_LADDER : IC_LADDER;
    const suffix = wrap > 0 ? ` ${wrap + 1}` : '';
    return {
      id: `${code}${wrap > 0 ? wrap + 1 : ''}-${manager ? 'MGR' : 'IC'}`,
      name: `${fn}${suffix}${manager ? ' Management' : ''}`,
      type,
      levelCodes: range(0, o.levelsPerTrack).map((l) => `${manager ? 'M' : 'IC'}${l + 1}`),
      levelNames: range(0, o.levelsPerTrack).map((l) => (l < ladder.length ? ladder[l] : `${ladder[ladder.length - 1]} ${l - ladder.length + 2}`)),
    };
  });
}

/** Deals families to tracks from reshuffled decks until each track has `roleRows` role competencies; the last family is a prefix. */
function dealFamilies(rng: Rng, tracks: number, families: number[][], roleRows: number): number[][] {
  let deck: number[] = [];
  return range(0, tracks).map(() => {
    const held = new Set<number>();
    const required: number[] = [];
    const skipped: number[] = [];
    while (required.length < roleRows) {
      if (deck.length === 0) deck = shuffle(rng, range(0, families.length));
      const f = deck.pop()!;
      if (held.has(f)) {
        skipped.push(f);
        continue;
      }
      held.add(f);
      required.push(...families[f].slice(0, roleRows - required.length));
    }
    deck.push(...skipped);
    return required;
  });
}

function maxOverlap(sets: readonly Set<number>[]): number {
  let max = 0;
  for (let i = 0; i < sets.length; i++)
    for (let j = i + 1; j < sets.length; j++) {
      let common = 0;
      for (const c of sets[i]) if (sets[j].has(c)) common++;
      max = Math.max(max, common / (sets[i].size + sets[j].size - common));
    }
  return max;
}

function assignRequired(rng: Rng, o: GenerateOptions, foundation: number, families: number[][]): number[][] {
  const roleRows = o.rowsPerMatrix - foundation;
  const base = range(0, foundation);
  for (let attempt = 0; attempt < 50; attempt++) {
    const roles = dealFamilies(rng, o.tracks, families, roleRows);
    const sets = roles.map((r) => new Set([...base, ...r]));
    if (maxOverlap(sets) <= MAX_GENERATED_OVERLAP) return roles.map((r) => [...base, ...r.sort((a, b) => a - b)]);
  }
  throw new RangeError(`Cannot keep the tracks' overlap under ${MAX_GENERATED_OVERLAP}: use fewer rows per matrix or more competencies.`);
}

// ---------------------------------------------------------------------------------------------------------------
// Tabs

type Cell = string | number;
const headerRow = (spec: TabSpec) => spec.columns.map((c) => c.header);
const sheet = (name: string, values: Cell[][]): SheetSnapshot => ({ name, values });

function isoDay(daysAfter2027: number): string {
  return new Date(Date.UTC(2027, 0, 2) + daysAfter2027 * 86_400_000).toISOString().slice(0, 10);
}

function tracksTab(rng: Rng, tracks: TrackPlan[]): SheetSnapshot {
  const rows = tracks.map((t): Cell[] => [
    t.id, t.name, t.type, `owner.${t.id.toLowerCase()}@acme.example`, rng() < 0.8 ? 'Active' : 'Draft',
    isoDay(int(rng, 0, 700)), `Career track for ${t.name.toLowerCase()}.`,
  ]);
  return sheet(TRACKS_TAB.name, [headerRow(TRACKS_TAB), ...rows]);
}

function levelsTab(tracks: TrackPlan[]): SheetSnapshot {
  const rows = tracks.flatMap((t) => t.levelCodes.map((code, l): Cell[] => [t.id, code, t.levelNames[l], l + 1, `${t.levelNames[l]} in ${t.name}.`]));
  return sheet(LEVELS_TAB.name, [headerRow(LEVELS_TAB), ...rows]);
}

function competenciesTab(comps: CompetencyPlan[]): SheetSnapshot {
  const rows = comps.map((c): Cell[] => [
    c.id, c.name, c.shared ? 'Shared' : 'Role', c.dependsOn.map((d) => comps[d].id).join(', '), `${c.name}, as the organisation practises it.`,
  ]);
  return sheet(COMPETENCIES_TAB.name, [headerRow(COMPETENCIES_TAB), ...rows]);
}

function expectation(c: CompetencyPlan, level: number): string {
  const phrase = LEVEL_PHRASES[Math.min(level, LEVEL_PHRASES.length - 1)](c.name.toLowerCase());
  const text = level < LEVEL_PHRASES.length ? `${phrase} ${c.context}` : `${phrase} ${c.context} (step ${level + 1})`;
  return text.length > 90 ? phrase : text;
}

function matrixTab(t: TrackPlan, comps: CompetencyPlan[]): SheetSnapshot {
  const rows = t.required.map((i): Cell[] => {
    const c = comps[i];
    return [c.id, c.name, ...t.levelCodes.map((_, l) => (l >= c.startLevel ? expectation(c, l) : ''))];
  });
  return sheet(matrixTabName(t.id), [[MATRIX_ID_HEADER, MATRIX_NAME_HEADER, ...t.levelCodes], ...rows]);
}

function rubricTab(rng: Rng, t: TrackPlan, comps: CompetencyPlan[]): SheetSnapshot {
  const roles = t.required.filter((i) => !comps[i].shared);
  const chosen = shuffle(rng, [...(roles.length >= RUBRIC_WEIGHTS.length ? roles : t.required)]).slice(0, RUBRIC_WEIGHTS.length);
  const trackWords = t.name.toLowerCase();
  const rows = chosen.map((i, d): Cell[] => {
    const c = comps[i];
    return [c.name, c.id, RUBRIC_WEIGHTS[d], ...SCORE_PHRASES.map((say) => say(c.name.toLowerCase(), trackWords))];
  });
  const threshold: Cell[] = [RUBRIC_THRESHOLD_LABEL, '', '70%', ...SCORE_LABELS.map(() => '')];
  return sheet(rubricTabName(t.id), [[RUBRIC_DIMENSION_HEADER, RUBRIC_COMPETENCY_HEADER, RUBRIC_WEIGHT_HEADER, ...SCORE_LABELS], ...rows, threshold]);
}

function positionsTab(rng: Rng, o: GenerateOptions, tracks: TrackPlan[]): SheetSnapshot {
  const width = widthOf(o.positions);
  const rows = range(0, o.positions).map((i): Cell[] => {
    const t = tracks[i % tracks.length];
    // More positions at the lower levels, as in a real organisation.
    const level = Math.min(o.levelsPerTrack - 1, Math.floor(o.levelsPerTrack * rng() ** 1.7));
    return [`POS-${pad(i + 1, width)}`, `${t.levelNames[level]}, ${t.name}`, t.id, t.levelCodes[level]];
  });
  return sheet(POSITIONS_TAB.name, [headerRow(POSITIONS_TAB), ...rows]);
}

interface ModuleDraft {
  trackId: string;
  /** -1 for Shared, else the track's index: the tie-break after the block. */
  trackOrder: number;
  develops: number[];
  block: number;
  seq: number;
}

/** Draws `count` modules over the given blocks, each block once before any repeats. */
function draftModules(rng: Rng, count: number, blocks: number[][], comps: CompetencyPlan[], trackId: string, trackOrder: number, out: ModuleDraft[]): void {
  let deck: number[][] = [];
  for (let k = 0; k < count; k++) {
    if (deck.length === 0) deck = shuffle(rng, [...blocks]);
    const develops = deck.pop()!;
    out.push({ trackId, trackOrder, develops, block: comps[develops[0]].block, seq: out.length });
  }
}

/** The track's role competencies grouped by block (a block cut by the track's prefix keeps its part). */
function trackBlocks(t: TrackPlan, comps: CompetencyPlan[]): number[][] {
  const byBlock = new Map<number, number[]>();
  for (const i of t.required) {
    if (comps[i].shared) continue;
    const list = byBlock.get(comps[i].block);
    if (list) list.push(i);
    else byBlock.set(comps[i].block, [i]);
  }
  return [...byBlock.values()];
}

function modulesTab(rng: Rng, o: GenerateOptions, tracks: TrackPlan[], comps: CompetencyPlan[], foundationBlocks: number[][]): SheetSnapshot {
  const shared = Math.round(o.modules * SHARED_MODULE_SHARE);
  const role = o.modules - shared;
  const drafts: ModuleDraft[] = [];
  draftModules(rng, shared, foundationBlocks, comps, SHARED_TRACK, -1, drafts);
  tracks.forEach((t, ti) => {
    const count = Math.floor(role / tracks.length) + (ti < role % tracks.length ? 1 : 0);
    draftModules(rng, count, trackBlocks(t, comps), comps, t.id, ti, drafts);
  });
  drafts.sort((a, b) => a.block - b.block || a.trackOrder - b.trackOrder || a.seq - b.seq);

  const width = widthOf(o.modules);
  const earlier = new Map<string, string[]>();
  const rows = drafts.map((m, i): Cell[] => {
    const id = `MOD-${pad(i + 1, width)}`;
    const prerequisites = pickPrerequisites(rng, m.trackId, earlier);
    (earlier.get(m.trackId) ?? earlier.set(m.trackId, []).get(m.trackId)!).push(id);
    const r = rng();
    const gate = r < 0.2 ? 'quiz >= 80%' : r < 0.3 ? 'assessment >= 70%' : '';
    const title = `${MODULE_KINDS[i % MODULE_KINDS.length]}: ${comps[m.develops[0]].name}`;
    return [id, title, m.trackId, m.develops.map((c) => comps[c].id).join(', '), prerequisites.join(', '), gate, int(rng, 1, 16)];
  });
  return sheet(MODULES_TAB.name, [headerRow(MODULES_TAB), ...rows]);
}

/** 0-2 prerequisites among the last modules above this one: its own track's, or Shared ones. */
function pickPrerequisites(rng: Rng, trackId: string, earlier: Map<string, string[]>): string[] {
  const r = rng();
  const count = r < 0.1 ? 2 : r < 0.4 ? 1 : 0;
  const own = earlier.get(trackId) ?? [];
  const base = earlier.get(SHARED_TRACK) ?? [];
  const out = new Set<string>();
  for (let k = 0; k < count; k++) {
    const from = own.length > 0 && (rng() < 0.7 || base.length === 0) ? own : base;
    if (from.length > 0) out.add(from[from.length - 1 - Math.floor(rng() * Math.min(5, from.length))]);
  }
  return [...out];
}

function employeesTab(rng: Rng, o: GenerateOptions): SheetSnapshot {
  const width = widthOf(o.employees);
  const emails: string[] = [];
  const rows = range(0, o.employees).map((i): Cell[] => {
    const first = FIRST_NAMES[i % FIRST_NAMES.length];
    const last = LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length];
    const email = `${first}.${last}.${i + 1}@acme.example`.toLowerCase();
    emails.push(email);
    const manager = i === 0 ? '' : emails[Math.floor((i - 1) / 8)];
    return [`E${pad(i + 1, width)}`, `${first} ${last}`, email, `POS-${pad(int(rng, 1, o.positions), widthOf(o.positions))}`, manager];
  });
  return sheet(EMPLOYEES_TAB.name, [headerRow(EMPLOYEES_TAB), ...rows]);
}

// ---------------------------------------------------------------------------------------------------------------

/** A valid workbook snapshot: zero findings at any size the options allow. */
export function generateWorkbook(partial: Partial<GenerateOptions> = {}): WorkbookSnapshot {
  const o = resolveOptions(partial);
  const rng = mulberry32(o.seed);
  const foundation = foundationSize(o.competencies);
  const roleRows = o.rowsPerMatrix - foundation;
  const familySize = Math.max(2, Math.min(20, Math.floor(roleRows / 4)));
  const families = chunks(foundation, o.competencies, familySize);
  const comps = planCompetencies(rng, o, foundation, families);
  const required = assignRequired(rng, o, foundation, families);
  const tracks: TrackPlan[] = planTracks(o).map((t, i) => ({ ...t, required: required[i] }));
  const foundationBlocks = blocksByIndex(comps, range(0, foundation));

  const sheets: SheetSnapshot[] = [
    tracksTab(rng, tracks),
    levelsTab(tracks),
    competenciesTab(comps),
    positionsTab(rng, o, tracks),
    modulesTab(rng, o, tracks, comps, foundationBlocks),
  ];
  if (o.employees > 0) sheets.push(employeesTab(rng, o));
  for (const t of tracks) sheets.push(matrixTab(t, comps));
  for (const t of tracks) sheets.push(rubricTab(rng, t, comps));
  return { spreadsheetId: `generated-${o.seed}`, sheets };
}

function blocksByIndex(comps: CompetencyPlan[], ids: number[]): number[][] {
  const out: number[][] = [];
  for (const i of ids) {
    const last = out[out.length - 1];
    if (last && comps[last[0]].block === comps[i].block) last.push(i);
    else out.push([i]);
  }
  return out;
}
