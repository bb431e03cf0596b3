/**
 * Which tab plays which fixed role, as the add-on decides it (addon/src/tabs.ts resolveFixedTabs): a tab bound
 * to a role by developer metadata first, even when renamed, then a tab whose name matches; the snapshot names
 * such a tab by its role's name, so a renamed "Tracks" tab still arrives as "Tracks".
 */
import { FIXED_TABS, headerKey } from '../../shared';

/** The developer-metadata key the add-on binds fixed tabs with (the value is the role). */
export const TAB_ROLE_KEY = 'rungs.tab';

export interface TabWithRoles {
  title: string;
  /** Values of this sheet's TAB_ROLE_KEY metadata. */
  roles: string[];
}

/** The name each tab takes in the snapshot, by position. */
export function snapshotTabNames(tabs: TabWithRoles[]): string[] {
  const names = tabs.map((t) => t.title);
  const bound = new Set<number>();
  const boundRoles = new Set<string>();
  const specs = new Map(FIXED_TABS.map((t) => [t.role, t]));
  tabs.forEach((tab, i) => {
    for (const role of tab.roles) {
      const spec = specs.get(role);
      if (!spec || boundRoles.has(role) || bound.has(i)) continue;
      names[i] = spec.name;
      bound.add(i);
      boundRoles.add(role);
    }
  });
  for (const spec of FIXED_TABS) {
    if (boundRoles.has(spec.role)) continue;
    const i = tabs.findIndex((t) => headerKey(t.title) === headerKey(spec.name));
    if (i < 0 || bound.has(i)) continue;
    names[i] = spec.name;
    bound.add(i);
  }
  return names;
}
