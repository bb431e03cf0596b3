/**
 * Who may see which people (F11). A token bound to another workbook sees nobody there. Admins see everyone; a
 * manager token sees its own direct reports (its email is their Manager Email); a track owner sees the employees
 * on their tracks; integrators see nobody.
 */
import { normalizeEmail } from '../../shared/team/tab-title';
import type { Principal } from './access';

/** Which of a team's reports a principal may see: all of them, or those on some tracks. */
export type TeamScope = { all: true } | { tracks: readonly string[] };

const boundElsewhere = (p: Principal, spreadsheetId: string) => p.workbookId !== null && p.workbookId !== spreadsheetId;

const isManagerOf = (p: Principal, managerEmail: string) => p.email !== null && normalizeEmail(p.email) === normalizeEmail(managerEmail) && normalizeEmail(managerEmail) !== '';

/** The reports of `managerEmail`'s team the principal may see, or null: 403. */
export function canSeeTeam(p: Principal, spreadsheetId: string, managerEmail: string): TeamScope | null {
  if (boundElsewhere(p, spreadsheetId)) return null;
  switch (p.role) {
    case 'admin':
      return p.tracks === null ? { all: true } : { tracks: p.tracks };
    case 'manager':
      return isManagerOf(p, managerEmail) ? { all: true } : null;
    case 'owner':
      return p.tracks === null ? { all: true } : { tracks: p.tracks };
    case 'integrator':
      return null;
  }
}

/** Whether the principal may see one person (People panel, one person's view). */
export function canSeePerson(p: Principal, spreadsheetId: string, person: { trackId: string | null; managerEmail: string }): boolean {
  const scope = canSeeTeam(p, spreadsheetId, person.managerEmail);
  if (scope === null) return false;
  return 'all' in scope || (person.trackId !== null && scope.tracks.includes(person.trackId));
}

/** Whether a Team tab is listed to the principal: it covers people on every track, so only to its manager and to admins. */
export function canSeeTeamTab(p: Principal, spreadsheetId: string, managerEmail: string): boolean {
  const scope = canSeeTeam(p, spreadsheetId, managerEmail);
  return scope !== null && 'all' in scope;
}

/** What a refusal says: who may see this team instead. */
export function teamRefusal(p: Principal, spreadsheetId: string, managerEmail: string): string {
  if (boundElsewhere(p, spreadsheetId)) return `This token belongs to another workbook (${p.workbookId}).`;
  if (p.role === 'manager') {
    return p.email === null
      ? 'This manager token is not tied to an email, so it cannot read any team. Ask an admin for a token made with your email.'
      : `This token reads the team of ${p.email} only, not the team of ${normalizeEmail(managerEmail)}.`;
  }
  return 'An integrator token cannot read teams. Use an admin, a track owner or the manager\'s own token.';
}
