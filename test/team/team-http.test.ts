/**
 * Teams, people and level comparisons over HTTP from a real server process: the example workbook published, its
 * employees stored, records planted through the records route. Who may read what is checked token by token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LevelComparison, PersonMatch, PersonView, Team } from '../../shared/team';
import { AISHA, BEN, HANNAH, hannahRecords, recordCsvs } from './fixtures';
import { startTeamServer, type TeamServer } from './team-server';

let s: TeamServer;
const W = () => `/v1/workbooks/${s.spreadsheetId}`;
const team = (email: string, token?: string) => s.api('GET', `${W()}/managers/${encodeURIComponent(email)}/team`, undefined, token);
const errorOf = (json: unknown) => (json as { error: { code: string; message: string } }).error;

beforeAll(async () => {
  s = await startTeamServer();
  const csv = recordCsvs(hannahRecords());
  expect((await s.upload('completions', csv.completions)).status).toBe(200);
  expect((await s.upload('assessments', csv.assessments)).status).toBe(200);
}, 120_000);

afterAll(async () => {
  await s?.stop();
});

describe('GET managers/{email}/team', () => {
  it("answers a manager's direct reports with their level, gaps, next level and remaining modules by id in path order", async () => {
    const r = await team(AISHA);
    expect(r.status).toBe(200);
    const t = r.json as Team;
    expect(t.manager).toEqual({ email: AISHA, name: 'Aisha Karimi', employeeId: 'E1004' });
    expect(t.tabTitle).toBe('Team Aisha Karimi');
    expect(t.reports.map((m) => m.employeeId)).toEqual(['E1010', HANNAH, 'E1008', 'E1009']);
    const hannah = t.reports.find((m) => m.employeeId === HANNAH)!;
    expect(hannah.level?.code).toBe('IC1');
    expect(hannah.gaps.map((g) => g.competencyId)).toEqual(['ENG-CODE', 'ENG-DOC']);
    expect(hannah.next?.level.code).toBe('IC2');
    expect(hannah.next?.added.map((x) => x.competencyId)).toEqual(['ENG-OPS', 'ENG-DES']);
    expect(hannah.path?.remaining.map((m) => m.moduleId)).toEqual([
      'MOD-SH-03', 'MOD-SH-04', 'MOD-SH-05', 'MOD-SH-06', 'MOD-ENG-01', 'MOD-ENG-02', 'MOD-ENG-03', 'MOD-ENG-04', 'MOD-ENG-05', 'MOD-ENG-06', 'MOD-ENG-07', 'MOD-ENG-08',
    ]);
    expect(hannah.lastActivity).toBe('2026-03-05');
    // Nobody else's records were planted.
    expect(t.reports.filter((m) => m.employeeId !== HANNAH).every((m) => m.lastActivity === null)).toBe(true);
  });

  it('answers an empty team with a note for an email nobody reports to', async () => {
    const r = await team('nobody@acmecloud.com');
    expect(r.status).toBe(200);
    expect((r.json as Team).reports).toEqual([]);
    expect((r.json as Team).note).toMatch(/No one in the Employees tab names nobody@acmecloud.com/);
  });

  it("lets a manager token read its own team and refuses another manager's (403)", async () => {
    const aisha = await s.managerToken(AISHA, ['ENG-IC']);
    const own = await team(AISHA, aisha);
    expect(own.status).toBe(200);
    expect((own.json as Team).reports).toHaveLength(4);

    const other = await team(BEN, aisha);
    expect(other.status).toBe(403);
    expect(errorOf(other.json)).toEqual({ code: 'forbidden', message: `This token reads the team of ${AISHA} only, not the team of ${BEN}.` });
    // Nor one person of that other team: answered like an id that does not exist (nor does it say whose report they are).
    const hidden = await s.api('GET', `${W()}/people/E1011`, undefined, aisha);
    const unknown = await s.api('GET', `${W()}/people/E0000`, undefined, aisha);
    expect([hidden.status, errorOf(hidden.json).message.replace('E1011', 'X')]).toEqual([404, errorOf(unknown.json).message.replace('E0000', 'X')]);
    expect((await s.api('GET', `${W()}/people/${HANNAH}`, undefined, aisha)).status).toBe(200);

    const elsewhere = await s.managerToken(AISHA, ['ENG-IC'], 'another-workbook');
    expect((await team(AISHA, elsewhere)).status).toBe(403);
    expect((await team(AISHA, await s.token('integrator'))).status).toBe(403);
  });

  it("gives a track owner only the reports on their tracks, saying how many are left out", async () => {
    const cs = await s.token('owner', ['CS']);
    const aishas = (await team(AISHA, cs)).json as Team;
    expect(aishas.reports).toEqual([]);
    expect(aishas.note).toBe("4 direct reports are not on this token's tracks (CS) and not shown.");
    const olivers = (await team('oliver.grant@acmecloud.com', cs)).json as Team;
    expect(olivers.reports.map((m) => m.employeeId).sort()).toEqual(['E2004', 'E2005', 'E2006', 'E2007', 'E2008', 'E2009', 'E2010']);
    expect(olivers.note).toBeNull();
  });
});

describe('people', () => {
  it('finds people by name or id among those the token may see', async () => {
    const cs = await s.token('owner', ['CS']);
    const all = (await s.api('GET', `${W()}/people?q=an`)).json as { people: PersonMatch[] };
    const owned = (await s.api('GET', `${W()}/people?q=an`, undefined, cs)).json as { people: PersonMatch[] };
    expect(all.people.some((p) => p.trackId === 'ENG-IC')).toBe(true);
    expect(owned.people.length).toBeGreaterThan(0);
    expect(owned.people.every((p) => p.trackId === 'CS')).toBe(true);
    expect((await s.api('GET', `${W()}/people?q=`)).status).toBe(400);
  });

  it("answers one person's view with their manager's Team tab and their track's levels", async () => {
    const r = await s.api('GET', `${W()}/people/${HANNAH}`);
    expect(r.status).toBe(200);
    const view = r.json as PersonView;
    expect(view.person.name).toBe('Hannah Schultz');
    expect(view.teamTab).toBe('Team Aisha Karimi');
    expect(view.levels.map((l) => l.code)).toEqual(['IC1', 'IC2', 'IC3', 'IC4', 'IC5', 'IC6']);
    expect(view.person.path).toMatchObject({ completed: 2, total: 14 });
    const offTrack = await s.api('GET', `${W()}/people/${HANNAH}`, undefined, await s.token('owner', ['CS']));
    expect([offTrack.status, errorOf(offTrack.json).code]).toEqual([404, 'unknown-employee']);
    const missing = await s.api('GET', `${W()}/people/E0000`);
    expect(missing.status).toBe(404);
    expect(errorOf(missing.json).code).toBe('unknown-employee');
  });
});

describe('GET tracks/{id}/levels/compare', () => {
  it('compares two levels of a published track, and names the valid codes when one is unknown', async () => {
    const ok = await s.api('GET', `${W()}/tracks/ENG-IC/levels/compare?from=IC2&to=IC3`);
    expect(ok.status).toBe(200);
    const c = ok.json as LevelComparison;
    expect(c.counts).toEqual({ added: 1, raised: 17, unchanged: 0, dropped: 0 });
    expect(c.rows.find((x) => x.change === 'added')?.competencyId).toBe('ENG-MENT');

    const badLevel = await s.api('GET', `${W()}/tracks/ENG-IC/levels/compare?from=IC2&to=IC9`);
    expect(badLevel.status).toBe(404);
    expect(errorOf(badLevel.json)).toEqual({ code: 'unknown-level', message: 'Track ENG-IC has no level "IC9". Its levels are: IC1, IC2, IC3, IC4, IC5, IC6.' });
    const badTrack = await s.api('GET', `${W()}/tracks/NOPE/levels/compare?from=IC2&to=IC3`);
    expect(badTrack.status).toBe(404);
    expect(errorOf(badTrack.json)).toEqual({ code: 'unknown-track', message: 'Track "NOPE" is not published on this server. Published tracks: CS, ENG-IC, ENG-MGR.' });
    expect((await s.api('GET', `${W()}/tracks/ENG-IC/levels/compare?from=IC2`)).status).toBe(400);
  });
});

describe('GET reports', () => {
  it('lists the Team tabs with the report tabs: all to an admin, only its own to a manager', async () => {
    const admin = await s.refresh();
    const titles = admin.tabs.map((t) => t.title);
    expect(titles.filter((t) => t.startsWith('Report '))).toEqual(['Report Overview', 'Report CS', 'Report ENG-IC', 'Report ENG-MGR']);
    expect(titles.filter((t) => t.startsWith('Team '))).toEqual([
      'Team Aisha Karimi', 'Team Ben Lindqvist', 'Team Helen Park', 'Team ines.castillo@acmecloud.com', 'Team Marcus Oyelaran',
      'Team Oliver Grant', 'Team sofia.martins@acmecloud.com', 'Team Tomás Alvarez',
    ]);
    const aisha = await s.managerToken(AISHA, ['ENG-IC']);
    const mine = (await s.api('GET', `${W()}/reports`, undefined, aisha)).json as { tabs: { title: string }[] };
    expect(mine.tabs.map((t) => t.title)).toEqual(['Report ENG-IC', 'Team Aisha Karimi']);
  });
});
