import type { Finding } from '../findings';
import type { Workbook } from '../model';
import type { WorkbookIndex } from '../workbook-index';

export interface RuleContext {
  wb: Workbook;
  index: WorkbookIndex;
  today: string;
  findings: Finding[];
}

export type Rule = (ctx: RuleContext) => void;

export const RULES: Rule[] = [];
