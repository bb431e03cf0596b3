/**
 * Learner-record CSVs of any size, generated lazily (a chunk of lines at a time), so a 5,000,000-row file never
 * exists in memory: streamed straight into an import, or written to disk for the benchmark. Deterministic.
 */
import { Readable } from 'node:stream';
import { mulberry32 } from '../support/generate-workbook';

export interface CompletionsCsvOptions {
  employees: readonly string[];
  modules: readonly string[];
  rows: number;
  /** Lines per chunk. */
  chunkRows?: number;
}

const STATUSES = ['completed', 'completed', 'in_progress', 'enrolled', 'failed'] as const;

/** Row i is employee i / modules.length with module i % modules.length: natural keys never repeat. */
export function* completionLines(o: CompletionsCsvOptions): Generator<string> {
  if (o.rows > o.employees.length * o.modules.length) throw new RangeError('not enough employee x module pairs for unique rows');
  const rng = mulberry32(7);
  const chunkRows = o.chunkRows ?? 2000;
  let out = 'employee_id,module_id,status,started_at,completed_at,score\n';
  for (let i = 0; i < o.rows; i++) {
    const employee = o.employees[Math.floor(i / o.modules.length)];
    const module = o.modules[i % o.modules.length];
    const status = STATUSES[Math.floor(rng() * STATUSES.length)];
    const day = 1 + Math.floor(rng() * 27);
    const started = `2026-03-${String(day).padStart(2, '0')}`;
    const done = status === 'completed' || status === 'failed';
    const completed = done ? `2026-04-${String(day).padStart(2, '0')}T10:30:00Z` : '';
    const score = done ? String(40 + Math.floor(rng() * 61)) : '';
    out += `${employee},${module},${status},${started},${completed},${score}\n`;
    if ((i + 1) % chunkRows === 0) {
      yield out;
      out = '';
    }
  }
  if (out) yield out;
}

/** The generated file as a byte stream, as a file or an upload would arrive. */
export function completionsCsv(o: CompletionsCsvOptions): Readable {
  return Readable.from((function* () {
    for (const text of completionLines(o)) yield Buffer.from(text, 'utf8');
  })());
}

export const ids = (prefix: string, n: number, width = 6) => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(width, '0')}`);
