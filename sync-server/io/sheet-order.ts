import { FIXED_TABS, headerKey, MATRIX_PREFIX, RUBRIC_PREFIX } from '../../shared';

const FIXED_RANK = new Map(FIXED_TABS.map((tab, i) => [headerKey(tab.name), i]));

function group(name: string): number {
  const key = headerKey(name);
  if (FIXED_RANK.has(key)) return 0;
  if (key.startsWith(headerKey(MATRIX_PREFIX) + ' ')) return 1;
  if (key.startsWith(headerKey(RUBRIC_PREFIX) + ' ')) return 2;
  return 3;
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The order a folder's tabs are presented in (a folder has none of its own): the fixed tabs in contract order,
 * then `Matrix *`, then `Rubric *`, then any other tab; alphabetical within each group.
 */
export function compareSheetNames(a: string, b: string): number {
  const ga = group(a);
  const gb = group(b);
  if (ga !== gb) return ga - gb;
  if (ga === 0) return (FIXED_RANK.get(headerKey(a)) ?? 0) - (FIXED_RANK.get(headerKey(b)) ?? 0);
  return byCodeUnits(a, b);
}
