import { z } from 'zod';

export const SeveritySchema = z.enum(['error', 'warning']);
export type Severity = z.infer<typeof SeveritySchema>;

export const FindingSchema = z.object({
  sheet: z.string(),
  cell: z.string(),
  severity: SeveritySchema,
  code: z.string(),
  message: z.string(),
});
export type Finding = z.infer<typeof FindingSchema>;

/** A message quotes at most this much of one cell ("..." runs are cut, with an ellipsis). */
export const MAX_QUOTE_CHARS = 200;
/** And is never longer than this. */
export const MAX_MESSAGE_CHARS = 2000;

const LONG_QUOTE = new RegExp(`"([^"]{${MAX_QUOTE_CHARS + 1},})"`, 'g');

/** `text` cut to at most `max` characters, never between the two halves of a surrogate pair. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** A message as findings carry it: quoted cell text and the whole message bounded, so a huge cell makes no huge answer. */
export function boundedMessage(message: string): string {
  if (message.length <= MAX_QUOTE_CHARS + 2) return message;
  return cutText(message.replace(LONG_QUOTE, (_, quoted: string) => `"${cutText(quoted, MAX_QUOTE_CHARS)}"`), MAX_MESSAGE_CHARS);
}

export function error(sheet: string, cell: string, code: string, message: string): Finding {
  return { sheet, cell, severity: 'error', code, message: boundedMessage(message) };
}

export function warning(sheet: string, cell: string, code: string, message: string): Finding {
  return { sheet, cell, severity: 'warning', code, message: boundedMessage(message) };
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/** Stable order: by the order tabs appear in the workbook, then row, then column, then code. */
export function sortFindings(findings: Finding[], sheetOrder: readonly string[]): Finding[] {
  // A name listed twice (a tab, then again as a tab of the contract) ranks where it first appears.
  const rank = new Map<string, number>();
  sheetOrder.forEach((name, i) => {
    if (!rank.has(name)) rank.set(name, i);
  });
  const pos = (cell: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(cell);
    if (!m) return [0, 0];
    let col = 0;
    for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
    return [Number(m[2]), col];
  };
  return findings
    .map((f) => ({ f, s: rank.get(f.sheet) ?? sheetOrder.length, p: pos(f.cell) }))
    .sort((a, b) => a.s - b.s || (a.f.sheet < b.f.sheet ? -1 : a.f.sheet > b.f.sheet ? 1 : 0) || a.p[0] - b.p[0] || a.p[1] - b.p[1] || (a.f.code < b.f.code ? -1 : a.f.code > b.f.code ? 1 : 0))
    .map((x) => x.f);
}

export function countBySeverity(findings: readonly Finding[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const f of findings) if (f.severity === 'error') errors++;
  return { errors, warnings: findings.length - errors };
}

/** An answer lists at most this many findings ... */
export const LISTED_FINDINGS_MAX = 1000;
/** ... holding at most this many characters of JSON, so that it stays well under 1 MB. */
export const LISTED_FINDINGS_CHARS = 900_000;

export interface ListedFindings {
  /** The findings an answer carries: errors before warnings chosen, kept in their order. */
  findings: Finding[];
  /** Every finding, listed or not. */
  total: number;
}

/** The findings an answer lists, within its limits; `total` counts them all. */
export function listFindings(all: readonly Finding[], max = LISTED_FINDINGS_MAX, chars = LISTED_FINDINGS_CHARS): ListedFindings {
  const keep = new Set<number>();
  let used = 0;
  for (const severity of ['error', 'warning'] as const) {
    for (let i = 0; i < all.length && keep.size < max && used < chars - 200; i++) {
      if (all[i].severity !== severity) continue;
      const size = JSON.stringify(all[i]).length + 1;
      if (used + size > chars) continue;
      used += size;
      keep.add(i);
    }
  }
  return { findings: keep.size === all.length ? [...all] : all.filter((_, i) => keep.has(i)), total: all.length };
}
