/**
 * Managers and their direct reports (F11), from the Employees tab's Manager Email column: every manager's team,
 * one person, or people found by name or id. Built once per workbook and set of records; each answer is computed
 * on demand.
 */
import type { InheritedLevel } from '../inheritance/schema';
import type { Employee, Workbook } from '../model';
import type { PlacementIndex } from '../inheritance/placement';
import { memberSummary, teamMember, type MemberContext } from './member';
import type { TeamRecords } from './records';
import type { PersonMatch, Team, TeamMember, TeamSummary } from './schema';
import { normalizeEmail, teamTabTitles } from './tab-title';

export interface TeamOptions {
  /** The as-of date printed on the tabs (YYYY-MM-DD). */
  asOf: string;
  /** 'published' on the server (only published tracks are known); 'workbook' for a sheet as it is. */
  framework?: MemberContext['framework'];
  /** Each track's own published version, when tracks may hold Shared items differently (see MemberContext.own). */
  own?: ReadonlyMap<string, Workbook>;
}

export interface TeamIndex {
  /** Managers with at least one direct report (normalized emails), sorted. */
  managers: string[];
  tabTitle(managerEmail: string): string | null;
  teamOf(managerEmail: string): Team;
  /** Every manager's team as their Team tab shows it (each report's summary), by tab title. */
  teams(): TeamSummary[];
  member(employeeId: string): TeamMember | null;
  /** A track's levels in Order (for choosing two to compare). */
  levelsOf(trackId: string): InheritedLevel[];
  /** Employees whose id or name contains the text (ignoring case), exact ids first, then by name; the first `limit` visible ones. */
  find(text: string, limit: number, visible?: (match: PersonMatch) => boolean): PersonMatch[];
}

const byNameThenId = (a: Employee, b: Employee) => {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};

/**
 * Employees whose id or name contains the text (ignoring case), exact ids first, then by name; the first `limit` that
 * `visible` lets through. Needs no records: the People panel's search.
 */
export function findPeople(index: PlacementIndex, text: string, limit: number, visible: (match: PersonMatch) => boolean = () => true): PersonMatch[] {
  const q = text.trim().toLowerCase();
  if (q === '') return [];
  const hits = [...index.employeeById.values()].filter((e) => e.id.toLowerCase().includes(q) || e.name.toLowerCase().includes(q));
  hits.sort((a, b) => Number(b.id.toLowerCase() === q) - Number(a.id.toLowerCase() === q) || byNameThenId(a, b));
  const out: PersonMatch[] = [];
  for (const e of hits) {
    if (out.length >= limit) break;
    const position = index.workbook.positionById.get(e.positionId);
    const track = position ? index.workbook.trackById.get(position.trackId) : undefined;
    const match = { employeeId: e.id, name: e.name, positionId: e.positionId, trackId: track?.status === 'Active' ? track.id : null, managerEmail: normalizeEmail(e.managerEmail) };
    if (visible(match)) out.push(match);
  }
  return out;
}

export function createTeamIndex(wb: Workbook, records: TeamRecords, options: TeamOptions): TeamIndex {
  const { inheritance, paths } = records.indexes;
  const ctx: MemberContext = { wb, inheritance, paths, records, framework: options.framework ?? 'workbook', levels: new Map(), byPosition: new Map(), own: options.own };
  const employees = [...inheritance.employeeById.values()];
  const reportsOf = new Map<string, Employee[]>();
  const byEmail = new Map<string, Employee>();
  for (const e of employees) {
    const email = normalizeEmail(e.email);
    if (email !== '' && !byEmail.has(email)) byEmail.set(email, e);
    const manager = normalizeEmail(e.managerEmail);
    if (manager === '') continue;
    (reportsOf.get(manager) ?? reportsOf.set(manager, []).get(manager)!).push(e);
  }
  for (const list of reportsOf.values()) list.sort(byNameThenId);
  const managers = [...reportsOf.keys()].sort();
  const titles = teamTabTitles(managers.map((email) => ({ email, name: byEmail.get(email)?.name ?? null })));
  const members = new Map<string, TeamMember>();
  const member = (e: Employee) => members.get(e.id) ?? members.set(e.id, teamMember(ctx, e)).get(e.id)!;

  function teamWith<M>(managerEmail: string, view: (e: Employee) => M) {
    const email = normalizeEmail(managerEmail);
    const manager = byEmail.get(email);
    const reports = reportsOf.get(email) ?? [];
    return {
      manager: { email, name: manager?.name ?? null, employeeId: manager?.id ?? null },
      tabTitle: titles.get(email) ?? null,
      asOf: options.asOf,
      reports: reports.map(view),
      note: reports.length > 0 ? null : `No one in the Employees tab names ${email} as their manager, so ${manager?.name ?? 'this manager'} has no direct reports (and no Team tab).`,
    };
  }
  const teamOf = (managerEmail: string): Team => teamWith(managerEmail, member);

  return {
    managers,
    tabTitle: (email) => titles.get(normalizeEmail(email)) ?? null,
    teamOf,
    teams: () =>
      managers
        .map((email): TeamSummary => teamWith(email, (e) => memberSummary(ctx, e)))
        .sort((a, b) => (a.tabTitle!.toLowerCase() < b.tabTitle!.toLowerCase() ? -1 : 1)),
    levelsOf: (trackId) => (inheritance.workbook.levelsByTrack.get(trackId) ?? []).map((l, i) => ({ code: l.code, name: l.name, order: l.order ?? i + 1 })),
    member(employeeId) {
      const e = inheritance.employeeById.get(employeeId);
      return e ? member(e) : null;
    },
    find: (text, limit, visible) => findPeople(inheritance, text, limit, visible),
  };
}
