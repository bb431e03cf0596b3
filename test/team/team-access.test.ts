/** Who may see which team, person and Team tab. */
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../sync-server/services/access';
import { canSeePerson, canSeeTeam, canSeeTeamTab, teamRefusal } from '../../sync-server/services/team-access';

const WB = 'acme-sheet';
const principal = (role: Principal['role'], extra: Partial<Principal> = {}): Principal => ({
  tokenId: 't', role, label: role, tracks: role === 'owner' || role === 'manager' ? ['ENG-IC'] : null, workbookId: null, email: null, ...extra,
});
const aishaToken = principal('manager', { email: 'Aisha.Karimi@acmecloud.com', workbookId: WB });

describe('canSeeTeam', () => {
  it('lets a manager token read its own team only, tied to its workbook', () => {
    expect(canSeeTeam(aishaToken, WB, 'aisha.karimi@acmecloud.com')).toEqual({ all: true });
    expect(canSeeTeam(aishaToken, WB, 'ben.lindqvist@acmecloud.com')).toBeNull();
    expect(canSeeTeam(aishaToken, 'another-sheet', 'aisha.karimi@acmecloud.com')).toBeNull();
    expect(canSeeTeam(principal('manager'), WB, 'aisha.karimi@acmecloud.com')).toBeNull();
    expect(canSeeTeam(principal('manager', { email: '' }), WB, '')).toBeNull();
  });

  it('lets admins see every team and owners the reports on their tracks; integrators none', () => {
    expect(canSeeTeam(principal('admin'), WB, 'ben.lindqvist@acmecloud.com')).toEqual({ all: true });
    expect(canSeeTeam(principal('admin', { workbookId: 'another-sheet' }), WB, 'ben.lindqvist@acmecloud.com')).toBeNull();
    expect(canSeeTeam(principal('owner'), WB, 'ben.lindqvist@acmecloud.com')).toEqual({ tracks: ['ENG-IC'] });
    expect(canSeeTeam(principal('integrator'), WB, 'ben.lindqvist@acmecloud.com')).toBeNull();
  });

  it('says in words why a team is refused', () => {
    expect(teamRefusal(aishaToken, WB, 'Ben.Lindqvist@acmecloud.com')).toBe('This token reads the team of Aisha.Karimi@acmecloud.com only, not the team of ben.lindqvist@acmecloud.com.');
    expect(teamRefusal(principal('manager'), WB, 'x@y.z')).toMatch(/not tied to an email/);
    expect(teamRefusal(aishaToken, 'another-sheet', 'x@y.z')).toMatch(/belongs to another workbook/);
  });
});

describe('canSeePerson and canSeeTeamTab', () => {
  it('owners see people on their tracks; a Team tab spans tracks, so only its manager and admins see it', () => {
    const owner = principal('owner');
    expect(canSeePerson(owner, WB, { trackId: 'ENG-IC', managerEmail: 'ben.lindqvist@acmecloud.com' })).toBe(true);
    expect(canSeePerson(owner, WB, { trackId: 'CS', managerEmail: 'ben.lindqvist@acmecloud.com' })).toBe(false);
    expect(canSeePerson(owner, WB, { trackId: null, managerEmail: 'ben.lindqvist@acmecloud.com' })).toBe(false);
    expect(canSeePerson(aishaToken, WB, { trackId: 'CS', managerEmail: 'aisha.karimi@acmecloud.com' })).toBe(true);
    expect(canSeePerson(aishaToken, WB, { trackId: 'ENG-IC', managerEmail: 'ben.lindqvist@acmecloud.com' })).toBe(false);
    expect(canSeeTeamTab(owner, WB, 'ben.lindqvist@acmecloud.com')).toBe(false);
    expect(canSeeTeamTab(aishaToken, WB, 'aisha.karimi@acmecloud.com')).toBe(true);
    expect(canSeeTeamTab(aishaToken, WB, 'ben.lindqvist@acmecloud.com')).toBe(false);
    expect(canSeeTeamTab(principal('admin'), WB, 'ben.lindqvist@acmecloud.com')).toBe(true);
  });
});
