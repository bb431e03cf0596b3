import { cellText, headerKey } from '../cells';
import type { ExtraCells } from '../model';

/** The text of an extra column, its header matched the way the contract matches headers (case, spaces). */
export function extraText(extra: ExtraCells, header: string): string {
  const key = headerKey(header);
  for (const [h, v] of Object.entries(extra)) if (headerKey(h) === key) return cellText(v);
  return '';
}
