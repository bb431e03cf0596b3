import { FIXED_TABS } from '../contract';
import { sortFindings, type Finding } from '../findings';
import type { Workbook } from '../model';
import { parseWorkbook } from '../parse/workbook';
import type { WorkbookSnapshot } from '../snapshot';
import { moduleSequence } from '../sequencing';
import { indexWorkbook } from '../workbook-index';
import { RULES, type RuleContext } from './rules';

export interface ValidateOptions {
  /** Today's date, ISO YYYY-MM-DD: the clock review-by dates are checked against. */
  today: string;
}

export interface ValidationResult {
  workbook: Workbook;
  findings: Finding[];
}

/** Parses and validates a snapshot: every finding names sheet, A1 cell, severity, a stable code and a message. */
export function validateWorkbook(snapshot: WorkbookSnapshot, options: ValidateOptions): ValidationResult {
  const { workbook, findings } = parseWorkbook(snapshot);
  const index = indexWorkbook(workbook);
  const ctx: RuleContext = { wb: workbook, index, today: options.today, findings, sequence: moduleSequence(workbook, index) };
  for (const rule of RULES) rule(ctx);
  // Tabs that do not exist yet (missing-tab findings) come after the others, in contract order.
  const order = [...workbook.sheetNames, ...FIXED_TABS.map((t) => t.name)];
  return { workbook, findings: sortFindings(findings, order) };
}

/** Just the findings. */
export function validateSnapshot(snapshot: WorkbookSnapshot, options: ValidateOptions): Finding[] {
  return validateWorkbook(snapshot, options).findings;
}

/** Today as ISO date in UTC, for callers that use the real clock. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
