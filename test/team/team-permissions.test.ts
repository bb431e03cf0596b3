/**
 * "Apply track permissions" in the built add-on (node:vm, fake spreadsheet) on Team tabs: a tab Rungs made (its
 * developer metadata names the manager) is protected to that manager and the admins; a tab someone named "Team ..."
 * by hand is left alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PermissionsView } from '../../addon/src/sidebar-api';
import { TEAM_TAB_KEY } from '../../shared/team';
import { buildToTemp, loadAddon, valueOf, type BuiltAddon } from '../addon/server-harness';
import { TIME_ZONE, fillWorkbook } from '../addon/workbook';

let built: BuiltAddon;

beforeAll(async () => {
  built = await buildToTemp();
}, 60_000);
afterAll(async () => {
  await built?.remove();
});

describe('applyTrackPermissions on Team tabs', () => {
  it("protects each Team tab Rungs made to its manager and the admins, and nothing else named Team", () => {
    const addon = loadAddon(built, { session: { activeUserEmail: 'admin@example.com' } });
    const ss = addon.gas.SpreadsheetApp.create({ id: 'team-permissions', name: 'Team Co', timeZone: TIME_ZONE, ownerEmail: 'owner@example.com' });
    fillWorkbook(ss);
    ss.putSheet('Team Aisha Karimi', [['Team of Aisha Karimi']]).addDeveloperMetadata(TEAM_TAB_KEY, 'aisha.karimi@example.com');
    ss.putSheet('Team notes', [['Our own notes']]);
    const editorsOf = (name: string) => [...ss.protections.find((p) => p.range.sheet.name === name)!.editors].sort();

    const first = valueOf(addon.run<PermissionsView>('applyTrackPermissions'));
    expect(first.changes).toContain('Team Aisha Karimi: protected, editors set to aisha.karimi@example.com + 1 admin');
    expect(editorsOf('Team Aisha Karimi')).toEqual(['admin@example.com', 'aisha.karimi@example.com', 'owner@example.com']);
    expect(ss.protections.find((p) => p.range.sheet.name === 'Team Aisha Karimi')!.warningOnly).toBe(false);
    expect(ss.protections.some((p) => p.range.sheet.name === 'Team notes')).toBe(false);

    const again = valueOf(addon.run<PermissionsView>('applyTrackPermissions'));
    expect(again.changes).toEqual([]);
    expect(again.unchanged).toBe(first.changes.length);
  });
});
