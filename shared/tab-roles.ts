/**
 * Which tab plays which fixed role of the contract: a tab bound to a role by developer metadata first (so a renamed
 * tab keeps its role), then a tab whose name matches the role's name (ignoring case and surrounding spaces). The
 * add-on (SpreadsheetApp) and the server's Sheets connector (the API's developer metadata) both decide with this.
 */
import { headerKey } from './cells';
import { FIXED_TABS } from './contract';

/** The developer-metadata key binding a sheet to its role (the value is the role, e.g. "tracks"). */
export const TAB_ROLE_KEY = 'rungs.tab';

export interface RoleBinding {
  /** The tab's position among the spreadsheet's tabs. */
  tab: number;
  role: string;
}

const FIXED_ROLES = new Set<string>(FIXED_TABS.map((t) => t.role));

/** Role -> tab position. `bindings` in the order the metadata was found: the first binding of a role wins. */
export function resolveRoles(titles: readonly string[], bindings: readonly RoleBinding[]): Map<string, number> {
  const byRole = new Map<string, number>();
  const taken = new Set<number>();
  for (const { tab, role } of bindings) {
    if (!FIXED_ROLES.has(role) || byRole.has(role) || taken.has(tab) || tab < 0 || tab >= titles.length) continue;
    byRole.set(role, tab);
    taken.add(tab);
  }
  const keys = titles.map(headerKey);
  for (const spec of FIXED_TABS) {
    if (byRole.has(spec.role)) continue;
    const i = keys.indexOf(headerKey(spec.name));
    if (i < 0 || taken.has(i)) continue;
    byRole.set(spec.role, i);
    taken.add(i);
  }
  return byRole;
}

/** The name each tab takes in a snapshot: a fixed tab goes by its role's name, whatever it is called now. */
export function snapshotTabNames(titles: readonly string[], bindings: readonly RoleBinding[]): string[] {
  const names = [...titles];
  const byName = new Map(FIXED_TABS.map((t) => [t.role, t.name]));
  for (const [role, tab] of resolveRoles(titles, bindings)) names[tab] = byName.get(role) ?? names[tab];
  return names;
}
