import type { z } from 'zod';

/** `['sheets', 2, 'values', 0, 3]` -> `sheets[2].values[0][3]`; the root is `(root)`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/** Zod issues as one plain-language line each, naming the JSON path; long lists end with "... and N more". */
export function describeIssues(error: z.ZodError, limit = 5): string {
  const lines = error.issues.slice(0, limit).map((issue) => `${jsonPath(issue.path)}: ${issue.message}`);
  const rest = error.issues.length - limit;
  if (rest > 0) lines.push(`... and ${rest} more`);
  return lines.join('; ');
}
