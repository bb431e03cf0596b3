import { z } from 'zod';
import { a1 } from '../cells';
import { error, warning, type Finding } from '../findings';
import type { RecordKind } from '../records';
import { IMPORT_COLUMNS, importHeaderKey } from './columns';

/** An explicit column mapping: canonical column name -> the header the file uses, e.g. { "employee_id": "User ID" }. */
export const ColumnMappingSchema = z.record(z.string(), z.string().trim().min(1, 'a mapped header cannot be blank'));
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

/** Where each column of a record kind sits in one file. */
export interface ImportLayout {
  kind: RecordKind;
  /** The file's name, used as the `sheet` of findings. */
  sheet: string;
  /** 0-based column of each canonical column; -1 for an optional column the file does not have. */
  columns: Readonly<Record<string, number>>;
  /** The header row as the file has it (BOM removed, trimmed). */
  headers: readonly string[];
}

/**
 * Reads a header row: an explicit mapping wins, then the column's own name, then its aliases. A required column
 * missing, two headers claiming one column, or a mapping naming an unknown column or header are errors; a header
 * nothing reads is a warning (its cells are ignored, and said so).
 */
export function resolveLayout(kind: RecordKind, headerCells: readonly string[], sheet: string, mapping: ColumnMapping = {}): { layout: ImportLayout | null; findings: Finding[] } {
  const specs = IMPORT_COLUMNS[kind];
  const headers = headerCells.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
  const keys = headers.map(importHeaderKey);
  // Report tools (Cornerstone's, for one) prefix each header with its section: "Transcript - Transcript Status".
  // A header nothing matches whole is matched by what follows its last " - ".
  const fieldKeys = headers.map((h) => (h.includes(' - ') ? importHeaderKey(h.slice(h.lastIndexOf(' - ') + 3)) : ''));
  const findings: Finding[] = [];
  const known = new Set(specs.map((s) => s.name));
  for (const name of Object.keys(mapping)) {
    if (!known.has(name)) findings.push(error(sheet, 'A1', 'bad-mapping', `The column mapping names "${name}", which is not a ${kind} column. Use: ${[...known].join(', ')}.`));
  }
  const everyWanted = new Set(specs.flatMap((spec) => [spec.name, ...spec.aliases].map(importHeaderKey)));
  const wholeMatch = (key: string) => everyWanted.has(key);
  const columns: Record<string, number> = {};
  const claimed = new Map<number, string>();
  let nextFree = headers.length;
  for (const spec of specs) {
    const mapped = mapping[spec.name];
    const wanted = mapped !== undefined ? [importHeaderKey(mapped)] : [spec.name, ...spec.aliases].map(importHeaderKey);
    const whole = keys.flatMap((k, i) => (k !== '' && wanted.includes(k) && !claimed.has(i) ? [i] : []));
    const hits = whole.length > 0 || mapped !== undefined ? whole : fieldKeys.flatMap((k, i) => (k !== '' && wanted.includes(k) && !claimed.has(i) && !wholeMatch(keys[i]) ? [i] : []));
    if (hits.length === 0) {
      columns[spec.name] = -1;
      if (mapped !== undefined) {
        findings.push(error(sheet, a1(0, nextFree++), 'missing-header', `The column mapping reads ${spec.name} from "${mapped}", but the header row has no such column. Headers: ${headers.filter(Boolean).join(', ')}.`));
      } else if (spec.required) {
        findings.push(error(sheet, a1(0, nextFree++), 'missing-header', `The file has no ${spec.name} column (header "${spec.name}" or one of: ${spec.aliases.slice(0, 6).join(', ')}). Rename the header, or pass a column mapping such as {"${spec.name}": "<your header>"}.`));
      }
      continue;
    }
    if (hits.length > 1) {
      const named = hits.map((i) => `"${headers[i]}" (${a1(0, i)})`).join(' and ');
      for (const i of hits.slice(1)) claimed.set(i, spec.name);
      findings.push(error(sheet, a1(0, hits[1]), 'duplicate-header', `${named} can both be read as ${spec.name}; Rungs cannot tell which to use. Remove one, or pass a column mapping such as {"${spec.name}": "${headers[hits[0]]}"}.`));
    }
    columns[spec.name] = hits[0];
    claimed.set(hits[0], spec.name);
  }
  headers.forEach((h, i) => {
    if (h !== '' && !claimed.has(i)) findings.push(warning(sheet, a1(0, i), 'column-ignored', `The column "${h}" is not a ${kind} column; its cells are not imported.`));
  });
  const failed = findings.some((f) => f.severity === 'error');
  return { layout: failed ? null : { kind, sheet, columns, headers }, findings };
}
