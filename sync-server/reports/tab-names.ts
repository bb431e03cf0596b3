import { REPORT_PREFIX } from '../../shared/contract';
import { OVERVIEW_TAB_NAME } from '../../shared/reports/render-overview';

/** The track a report tab belongs to, or null for a tab that is not one track's (the overview). */
export function reportTrackId(title: string): string | null {
  if (title === OVERVIEW_TAB_NAME || !title.startsWith(REPORT_PREFIX)) return null;
  return title.slice(REPORT_PREFIX.length);
}
