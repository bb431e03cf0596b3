/**
 * A manager's team as their `Team <manager>` tab: one row per direct report, gaps marked red, a legend saying how each
 * number is computed. Protected to the manager (and the admins); its developer metadata names the manager so a later
 * refresh can find and remove the tab once the manager has no reports.
 */
import { TEAM_DEFINITIONS, TEAM_LISTED } from '../team/definitions';
import type { MemberSummary, NextLevelStep, TeamSummary } from '../team/schema';
import { TEAM_ID_HEADER, TEAM_TAB_KEY } from '../team/tab-title';
import type { ReportCell, ReportTab } from './layout';
import { TabBuilder, type TableColumn } from './tab-builder';

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

const COLUMNS: TableColumn[] = [
  { header: TEAM_ID_HEADER }, { header: 'Name' }, { header: 'Position' }, { header: 'Track' }, { header: 'Level' },
  { header: 'Expected', format: 'integer' }, { header: 'Met', format: 'integer' }, { header: 'Not yet met', format: 'integer' },
  { header: 'Not assessed', format: 'integer' }, { header: 'Gaps' },
  { header: 'Next level' }, { header: 'Adds', format: 'integer' }, { header: 'Raises', format: 'integer' }, { header: 'What the next level adds or raises' },
  { header: 'Modules ahead', format: 'integer' }, { header: 'Modules ahead, in path order' }, { header: 'Completed', format: 'percent' },
  { header: 'Last activity' }, { header: 'Notes' },
];
/** Column indexes the conditional formats point at. */
const NOT_YET_MET = 7;
const COMPLETED = 16;

/** A share as the tab prints it (a percent with a decimal): the cell holds exactly what is shown. */
const share = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);

/** The first TEAM_LISTED items, then how many more ("..., and 12 more"). */
function listed<T>(items: readonly T[], text: (item: T) => string): string {
  const shown = items.slice(0, TEAM_LISTED).map(text).join(', ');
  return items.length > TEAM_LISTED ? `${shown}, and ${items.length - TEAM_LISTED} more` : shown;
}

const names = (items: readonly { competencyName: string }[]) => listed(items, (i) => i.competencyName);

/** The next level's cells, once per level: everyone at a level shares its `next`. */
const nextCellsOf = new WeakMap<NextLevelStep, ReportCell[]>();

function levelCell(m: MemberSummary): string {
  return m.level ? `${m.level.code} ${m.level.name}`.trim() : 'Not placed';
}

function gapsCell(m: MemberSummary): string {
  if (m.status !== 'placed') return 'Not placed: see Notes';
  if (m.counts.expected === 0) return 'Nothing expected at this level';
  if (m.gaps.length > 0) return names(m.gaps);
  return m.counts.notAssessed === m.counts.expected ? 'Not assessed yet' : 'None';
}

function nextCells(m: MemberSummary): ReportCell[] {
  if (m.status !== 'placed') return ['Not placed', null, null, 'Not placed: see Notes'];
  if (!m.next) return ['Top level', 0, 0, 'Nothing: this is the top level'];
  let cells = nextCellsOf.get(m.next);
  if (!cells) {
    const { level, added, raised } = m.next;
    const what = [added.length > 0 ? `Adds: ${names(added)}` : '', raised.length > 0 ? `Raises: ${names(raised)}` : ''].filter((s) => s !== '').join('. ');
    nextCellsOf.set(m.next, (cells = [`${level.code} ${level.name}`.trim(), added.length, raised.length, what || 'Same expectations as now']));
  }
  return cells;
}

function pathCells(m: MemberSummary): ReportCell[] {
  if (m.status !== 'placed') return [null, 'Not placed: see Notes', null];
  if (!m.next) return [0, 'None: no next level', 'No next level'];
  const p = m.path;
  if (!p) return [null, 'Cannot be shown: see Notes', null];
  if (p.total === 0) return [0, 'No module leads to the next level yet', 'No modules'];
  const list = p.remaining.length > 0 ? listed(p.remaining, (r) => `${r.moduleId} ${r.title}`) : 'None: all completed';
  return [p.remaining.length, list, share(p.completedShare)];
}

function memberRow(m: MemberSummary): ReportCell[] {
  const placed = m.status === 'placed';
  const position = m.position.title ? `${m.position.id} ${m.position.title}` : m.position.id;
  return [
    m.employeeId, m.name, position, m.track ? m.track.id : 'None', levelCell(m),
    placed ? m.counts.expected : null, placed ? m.counts.met : null, placed ? m.counts.gaps : null, placed ? m.counts.notAssessed : null, gapsCell(m),
    ...nextCells(m), ...pathCells(m),
    m.lastActivity ?? 'No records yet', m.notes.join(' ') || 'None',
  ];
}

function legend(b: TabBuilder): void {
  b.row(['How each number is computed'], true);
  b.line('Expected', TEAM_DEFINITIONS.expected);
  b.line('Met', TEAM_DEFINITIONS.met);
  b.line('Not yet met (gaps)', TEAM_DEFINITIONS.gaps);
  b.line('Not assessed', TEAM_DEFINITIONS.notAssessed);
  b.line('Adds / Raises', TEAM_DEFINITIONS.nextLevel);
  b.line('Modules ahead', TEAM_DEFINITIONS.modulesAhead);
  b.line('Completed', TEAM_DEFINITIONS.completedShare);
  b.line('Last activity', TEAM_DEFINITIONS.lastActivity);
  b.line('Colours', TEAM_DEFINITIONS.colours);
  b.line('Long lists', TEAM_DEFINITIONS.longLists);
}

export function renderTeamTab(team: TeamSummary, title: string = team.tabTitle ?? `Team ${team.manager.email}`): ReportTab {
  const b = new TabBuilder();
  const who = team.manager.name ?? team.manager.email;
  b.row([`Team of ${who}`], true);
  b.line('Manager', team.manager.email);
  b.line('As of', team.asOf);
  b.line('Direct reports', team.reports.length, 'integer');
  b.blank();
  let frozen = 1;
  if (team.reports.length === 0) b.row([team.note ?? 'No direct reports.']);
  else {
    const t = b.table(COLUMNS, team.reports.map(memberRow));
    frozen = t.headerRow + 1;
    b.heatmap({ range: t.column(NOT_YET_MET), direction: 'lower-is-better', min: 0, max: 1 });
    b.heatmap({ range: t.column(COMPLETED), direction: 'higher-is-better', min: 0, max: 1 });
  }
  b.blank();
  legend(b);
  const email = team.manager.email;
  return { ...b.build(title, frozen), editors: EMAIL.test(email) ? [email] : [], metadata: { [TEAM_TAB_KEY]: email } };
}

/** Every manager's Team tab, in the order of `teams`. */
export function renderTeamTabs(teams: readonly TeamSummary[]): ReportTab[] {
  return teams.map((t) => renderTeamTab(t));
}
