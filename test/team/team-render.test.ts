/** Team tab names (readable, unique, within Sheets' limits) and what a Team tab shows. */
import { describe, expect, it } from 'vitest';
import { renderTeamTab } from '../../shared/reports/render-team';
import { createTeamIndex, createTeamRecords, TEAM_DEFINITIONS, TEAM_LISTED, TEAM_TAB_KEY, teamTabTitles } from '../../shared/team';
import { acmeActive, AISHA, AS_OF, HANNAH, hannahRecords } from './fixtures';

describe('Team tab names', () => {
  it("use the manager's name, else their email; unique ignoring case; at most 100 characters without the characters Sheets refuses", () => {
    const long = 'Maximiliana '.repeat(12);
    const titles = teamTabTitles([
      { email: 'ana@x.com', name: 'Ana Li' },
      { email: 'ana.li@y.com', name: 'ana li' },
      { email: 'bo@x.com', name: null },
      { email: 'odd@x.com', name: "'[Ops]: R&D / Q*A? \\ West'" },
      { email: 'long@x.com', name: long },
      { email: 'long2@x.com', name: long },
      { email: 'team@x.com', name: 'Bo@x.com' },
    ]);
    expect(titles.get('ana@x.com')).toBe('Team Ana Li (ana@x.com)');
    expect(titles.get('ana.li@y.com')).toBe('Team ana li (ana.li@y.com)');
    expect(titles.get('bo@x.com')).toBe('Team bo@x.com');
    expect(titles.get('odd@x.com')).toBe('Team Ops R&D Q A West');
    const all = [...titles.values()];
    expect(new Set(all.map((t) => t.toLowerCase())).size).toBe(all.length);
    for (const t of all) {
      expect(t.length).toBeLessThanOrEqual(100);
      expect(t).not.toMatch(/[[\]*?:/\\]/);
      expect(t).toMatch(/^Team \S(.*\S)?$/);
    }
    expect(titles.get('long@x.com')!.endsWith('(long@x.com)')).toBe(true);
    // A name equal to another manager's email-titled tab takes its email to stay unique.
    expect(titles.get('team@x.com')).toBe('Team Bo@x.com (team@x.com)');
  });
});

describe('a Team tab', () => {
  it('has one row per direct report with words for what is not a number, gaps marked, a legend, and its manager as editor', async () => {
    const wb = await acmeActive((snap) => {
      snap.sheets.find((s) => s.name === 'Employees')!.values.push(['E9001', 'New Hire', 'new.hire@acmecloud.com', 'POS-NOPE', AISHA]);
    });
    const acc = createTeamRecords(wb);
    const { completions, assessments } = hannahRecords();
    acc.addCompletions(completions);
    acc.addAssessments(assessments);
    const team = createTeamIndex(wb, acc.finish(), { asOf: AS_OF, framework: 'published' }).teamOf(AISHA);
    const tab = renderTeamTab(team);

    expect(tab.title).toBe('Team Aisha Karimi');
    expect(tab.rows.slice(0, 4)).toEqual([['Team of Aisha Karimi'], ['Manager', AISHA], ['As of', AS_OF], ['Direct reports', 5]]);
    expect(tab.editors).toEqual([AISHA]);
    expect(tab.metadata).toEqual({ [TEAM_TAB_KEY]: AISHA });
    const header = tab.rows[5];
    expect(tab.frozenRows).toBe(6);
    const col = (name: string) => header.indexOf(name);
    const row = (id: string) => tab.rows.find((r) => r[0] === id)!;
    const hannah = row(HANNAH);
    expect(hannah[col('Level')]).toBe('IC1 Junior Engineer');
    expect([hannah[col('Expected')], hannah[col('Met')], hannah[col('Not yet met')], hannah[col('Not assessed')]]).toEqual([15, 1, 2, 12]);
    expect(hannah[col('Gaps')]).toBe('Code quality & testing, Technical documentation');
    expect(hannah[col('Next level')]).toBe('IC2 Engineer');
    expect([hannah[col('Adds')], hannah[col('Raises')]]).toEqual([2, 15]);
    // IC2 raises 15 competencies: the cell names the first 10 and says how many more.
    const raised = team.reports.find((r) => r.employeeId === HANNAH)!.next!.raised.map((r) => r.competencyName);
    expect(hannah[col('What the next level adds or raises')]).toBe(`Adds: Operational ownership, System design. Raises: ${raised.slice(0, TEAM_LISTED).join(', ')}, and 5 more`);
    expect(hannah[col('Modules ahead')]).toBe(12);
    const ahead = team.reports.find((r) => r.employeeId === HANNAH)!.path!.remaining;
    expect(ahead).toHaveLength(12);
    expect(hannah[col('Modules ahead, in path order')]).toBe(`${ahead.slice(0, TEAM_LISTED).map((m) => `${m.moduleId} ${m.title}`).join(', ')}, and 2 more`);
    expect(String(hannah[col('Modules ahead, in path order')])).toMatch(/^MOD-SH-03 Security and compliance essentials: SOC 2, GDPR and data handling, MOD-SH-04 /);
    expect(hannah[col('Completed')]).toBe(0.1429);
    expect(hannah[col('Last activity')]).toBe('2026-03-05');

    // Edge cases are words, not blanks.
    const newHire = row('E9001');
    expect(newHire[col('Level')]).toBe('Not placed');
    expect(newHire[col('Gaps')]).toBe('Not placed: see Notes');
    expect(newHire[col('Last activity')]).toBe('No records yet');
    expect(newHire[col('Notes')]).toMatch(/^Position "POS-NOPE" is not on any published track/);
    expect(row('E1010')[col('Gaps')]).toBe('Not assessed yet');

    // Gaps red (any count above 0), completion as a scale, over the data rows of those columns only.
    const data = { startRow: 6, endRow: 11 };
    expect(tab.heatmaps).toEqual([
      { range: { ...data, startColumn: col('Not yet met'), endColumn: col('Not yet met') + 1 }, direction: 'lower-is-better', min: 0, max: 1 },
      { range: { ...data, startColumn: col('Completed'), endColumn: col('Completed') + 1 }, direction: 'higher-is-better', min: 0, max: 1 },
    ]);
    const legend = tab.rows.slice(tab.rows.findIndex((r) => r[0] === 'How each number is computed'));
    for (const text of Object.values(TEAM_DEFINITIONS)) expect(legend.some((r) => r[1] === text)).toBe(true);
  });

  it('says so when the manager has no reports', async () => {
    const acc = createTeamRecords(await acmeActive());
    const index = createTeamIndex(await acmeActive(), acc.finish(), { asOf: AS_OF });
    const tab = renderTeamTab(index.teamOf('nobody@acmecloud.com'));
    expect(tab.rows[5][0]).toMatch(/^No one in the Employees tab names nobody@acmecloud.com/);
    expect(tab.heatmaps).toEqual([]);
  });
});
