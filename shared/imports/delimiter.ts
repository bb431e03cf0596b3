/** Delimiters exports use; the header row tells which one a file uses. */
export const DELIMITERS = [',', ';', '\t', '|'] as const;

/** The delimiter that occurs most often outside quotes in the header line; a comma when none occurs. */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}
