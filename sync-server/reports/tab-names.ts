import { REPORT_PREFIX } from '../../shared/contract';

/** The track a report tab belongs to, or null for a tab that is not one track's (the overview). */
export function reportTrackId(title: string, overviewTitle = `${REPORT_PREFIX}Overview`): string | null {
  if (title === overviewTitle || !title.startsWith(REPORT_PREFIX)) return null;
  return title.slice(REPORT_PREFIX.length);
}
