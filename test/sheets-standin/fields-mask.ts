/**
 * The `fields` query parameter (partial responses): `sheets(properties(title,sheetId),charts/chartId)`. Both "/"
 * and "." separate nested names; "*" keeps everything below.
 */

export type MaskTree = Map<string, MaskTree | true>;

function merge(into: MaskTree, name: string, sub: MaskTree | true): void {
  const had = into.get(name);
  if (had === true || sub === true) { into.set(name, true); return; }
  if (!had) { into.set(name, sub); return; }
  for (const [k, v] of sub) merge(had, k, v);
}

/** Parses a mask; throws on unbalanced parentheses (the API answers 400). */
export function parseFieldsMask(text: string): MaskTree {
  let i = 0;
  function list(): MaskTree {
    const tree: MaskTree = new Map();
    for (;;) {
      const m = /^[A-Za-z0-9_*./]+/.exec(text.slice(i));
      if (!m) throw new Error(`Invalid field selection at ${i}`);
      i += m[0].length;
      const path = m[0].split(/[./]/).filter((p) => p !== '');
      let sub: MaskTree | true = true;
      if (text[i] === '(') {
        i++;
        sub = list();
        if (text[i] !== ')') throw new Error(`Invalid field selection: missing ) at ${i}`);
        i++;
      }
      for (let k = path.length - 1; k >= 1; k--) sub = new Map([[path[k], sub]]);
      merge(tree, path[0], sub);
      if (text[i] !== ',') return tree;
      i++;
    }
  }
  const tree = list();
  if (i !== text.replace(/\s+$/, '').length) throw new Error(`Invalid field selection at ${i}`);
  return tree;
}

/** Keeps only what the mask selects; arrays are filtered element by element. */
export function applyFieldsMask(value: unknown, mask: MaskTree | true): unknown {
  if (mask === true || value === null || typeof value !== 'object') return value;
  if (mask.get('*') === true) return value;
  if (Array.isArray(value)) return value.map((v) => applyFieldsMask(v, mask));
  const out: Record<string, unknown> = {};
  for (const [k, sub] of mask) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = applyFieldsMask(v, sub);
  }
  return out;
}

/** Reads a FieldMask of a batchUpdate request (`userEnteredFormat.numberFormat,userEnteredValue`) as paths. */
export function fieldPaths(mask: string): string[][] {
  const tree = parseFieldsMask(mask);
  const out: string[][] = [];
  const walk = (t: MaskTree, prefix: string[]) => {
    for (const [k, v] of t) {
      if (v === true) out.push([...prefix, k]);
      else walk(v, [...prefix, k]);
    }
  };
  walk(tree, []);
  return out;
}
