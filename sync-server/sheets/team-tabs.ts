/**
 * What the report write does for Team tabs beyond any report tab: the developer metadata that marks a tab as a Team
 * tab Rungs made (its value: the manager's email), and the removal of the Team tabs of managers who no longer have
 * reports. A tab is removed only when it carries that metadata: a tab a person named "Team ..." is never touched.
 */
import type { sheets_v4 } from 'googleapis';
import type { ReportTab } from '../../shared/reports/layout';
import { TEAM_TAB_KEY } from '../../shared/team/tab-title';
import type { ExistingSheet } from './report-plan';

type Request = sheets_v4.Schema$Request;

/** Puts the tab's metadata on it: kept when already there with the same value, replaced when the value changed. */
export function metadataRequests(sheetId: number, tab: ReportTab, existing: ExistingSheet | undefined): Request[] {
  const out: Request[] = [];
  for (const [metadataKey, metadataValue] of Object.entries(tab.metadata ?? {})) {
    const had = existing?.metadata.filter((m) => m.key === metadataKey) ?? [];
    if (had.length === 1 && had[0].value === metadataValue) continue;
    for (const m of had) out.push({ deleteDeveloperMetadata: { dataFilter: { developerMetadataLookup: { metadataId: m.id } } } });
    out.push({ createDeveloperMetadata: { developerMetadata: { metadataKey, metadataValue, location: { sheetId }, visibility: 'DOCUMENT' } } });
  }
  return out;
}

/**
 * Deletes the Team tabs this write does not write: every refresh writes the Team tab of every manager who has
 * reports, so a Team tab left out belongs to a manager who has none any more.
 */
export function staleTeamTabRequests(tabs: readonly ReportTab[], existing: readonly ExistingSheet[]): Request[] {
  const written = new Set(tabs.map((t) => t.title.toLowerCase()));
  return existing
    .filter((s) => s.metadata.some((m) => m.key === TEAM_TAB_KEY) && !written.has(s.title.toLowerCase()))
    .map((s) => ({ deleteSheet: { sheetId: s.sheetId } }));
}
