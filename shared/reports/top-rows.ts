/**
 * The first `k` of `n` items in `compare` order, sorting only the items whose numeric `key` (descending, consistent
 * with `compare`'s first criteria) reaches the k-th largest key: tens of thousands of evaluators, fifty rows shown.
 */
export function topRows(n: number, k: number, key: (i: number) => number, compare: (a: number, b: number) => number): number[] {
  if (k <= 0 || n === 0) return [];
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = key(i);
  const cut = n <= k ? -Infinity : keys.slice().sort()[n - k];
  const candidates: number[] = [];
  for (let i = 0; i < n; i++) if (keys[i] >= cut) candidates.push(i);
  return candidates.sort(compare).slice(0, k);
}
