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

export function error(sheet: string, cell: string, code: string, message: string): Finding {
  return { sheet, cell, severity: 'error', code, message };
}

export function warning(sheet: string, cell: string, code: string, message: string): Finding {
  return { sheet, cell, severity: 'warning', code, message };
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/** Stable order: by the order tabs appear in the workbook, then row, then column, then code. */
export function sortFindings(findings: Finding[], sheetOrder: readonly string[]): Finding[] {
  const rank = new Map(sheetOrder.map((name, i) => [name, i]));
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
