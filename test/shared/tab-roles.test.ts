import { describe, expect, it } from 'vitest';
import { resolveRoles, snapshotTabNames } from '../../shared/tab-roles';

describe('which tab plays which fixed role', () => {
  it('a renamed tab bound by metadata keeps its role; others are matched by name, ignoring case and spaces', () => {
    const titles = ['People and roles', ' levels ', 'Tracks', 'Matrix ENG'];
    const roles = resolveRoles(titles, [{ tab: 0, role: 'tracks' }]);
    expect(roles.get('tracks')).toBe(0);
    expect(roles.get('levels')).toBe(1);
    // "Tracks" by name loses to the bound tab: a role has one tab.
    expect([...roles.values()]).not.toContain(2);
    expect(snapshotTabNames(titles, [{ tab: 0, role: 'tracks' }])).toEqual(['Tracks', 'Levels', 'Tracks', 'Matrix ENG']);
  });

  it('the first binding of a role wins; unknown roles and out-of-range tabs are ignored; a tab holds one role', () => {
    const titles = ['A', 'B', 'C'];
    const roles = resolveRoles(titles, [
      { tab: 1, role: 'levels' }, { tab: 2, role: 'levels' }, { tab: 0, role: 'nonsense' }, { tab: 9, role: 'tracks' }, { tab: 1, role: 'modules' },
    ]);
    expect([...roles]).toEqual([['levels', 1]]);
  });
});
