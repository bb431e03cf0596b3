import { countBySeverity, type Finding } from '../../shared';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Findings grouped by sheet, one aligned line each (`  B7  error  duplicate-id  message`), then a summary line.
 * `tabCount` is how many tabs were checked.
 */
export function formatFindings(findings: readonly Finding[], tabCount: number): string {
  const tabs = plural(tabCount, 'tab');
  if (findings.length === 0) return `No problems found in ${tabs}.`;
  const cellWidth = Math.max(...findings.map((f) => f.cell.length));
  const severityWidth = Math.max(...findings.map((f) => f.severity.length));
  const codeWidth = Math.max(...findings.map((f) => f.code.length));
  const bySheet = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = bySheet.get(f.sheet);
    if (list) list.push(f);
    else bySheet.set(f.sheet, [f]);
  }
  const blocks = [...bySheet].map(([sheet, list]) =>
    [sheet, ...list.map((f) => `  ${f.cell.padEnd(cellWidth)}  ${f.severity.padEnd(severityWidth)}  ${f.code.padEnd(codeWidth)}  ${f.message}`)].join('\n'),
  );
  const { errors, warnings } = countBySeverity(findings);
  return `${blocks.join('\n\n')}\n\n${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${tabs}.`;
}
