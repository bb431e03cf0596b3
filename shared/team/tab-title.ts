/**
 * The `Team <manager>` tab names: readable (the manager's name from the Employees tab, else their email), unique
 * ignoring case (as Sheets compares tab names), at most 100 characters, without the characters Sheets refuses in a
 * tab name ([ ] * ? : / \) and without a leading or trailing apostrophe.
 */
export const TEAM_PREFIX = 'Team ';
export const MAX_TAB_TITLE = 100;
/** The developer-metadata key on a Team tab; its value is the manager's email. Finds the tabs Rungs made. */
export const TEAM_TAB_KEY = 'rungs.team';
/** The header of a Team tab's first column: the rows below it, down to the first blank, are one per direct report. */
export const TEAM_ID_HEADER = 'Employee ID';

const ROOM = MAX_TAB_TITLE - TEAM_PREFIX.length;

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

function clean(text: string): string {
  return text.replace(/[[\]*?:/\\]/g, ' ').replace(/\s+/g, ' ').trim().replace(/^'+|'+$/g, '').trim();
}

function fit(base: string, suffix = ''): string {
  return TEAM_PREFIX + base.slice(0, ROOM - suffix.length).trimEnd() + suffix;
}

export interface TitledManager {
  email: string;
  name: string | null;
}

/** Manager email (normalized) -> tab title, for every manager at once: a title depends on the names of the others. */
export function teamTabTitles(managers: readonly TitledManager[]): Map<string, string> {
  const sorted = [...managers].sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
  const nameCount = new Map<string, number>();
  for (const m of sorted) {
    const name = clean(m.name ?? '').toLowerCase();
    if (name !== '') nameCount.set(name, (nameCount.get(name) ?? 0) + 1);
  }
  const taken = new Set<string>();
  const out = new Map<string, string>();
  for (const m of sorted) {
    const name = clean(m.name ?? '');
    const email = clean(m.email) || 'unknown manager';
    const shared = name !== '' && (nameCount.get(name.toLowerCase()) ?? 0) > 1;
    const candidates = name === '' ? [fit(email)] : shared ? [fit(name, ` (${email})`)] : [fit(name), fit(name, ` (${email})`)];
    let title = candidates.find((t) => !taken.has(t.toLowerCase()));
    for (let n = 2; title === undefined; n++) {
      const t = fit(candidates[candidates.length - 1].slice(TEAM_PREFIX.length), ` ${n}`);
      if (!taken.has(t.toLowerCase())) title = t;
    }
    taken.add(title.toLowerCase());
    out.set(m.email, title);
  }
  return out;
}
