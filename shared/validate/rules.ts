import type { Finding } from '../findings';
import type { Workbook } from '../model';
import type { ModuleSequence } from '../sequencing';
import type { WorkbookIndex } from '../workbook-index';
import { checkCycles } from './cycles';
import { checkDuplicates } from './identity';
import { checkMatrices } from './matrix';
import { checkModules } from './modules';
import { checkOverlap } from './overlap';
import { checkReferences } from './references';
import { checkRubrics } from './rubrics';
import { checkTracks } from './tracks';

export interface RuleContext {
  wb: Workbook;
  index: WorkbookIndex;
  today: string;
  findings: Finding[];
  /** The modules' "must come before" graph, built once for the rules that need it. */
  sequence: ModuleSequence;
}

export type Rule = (ctx: RuleContext) => void;

export const RULES: Rule[] = [checkDuplicates, checkReferences, checkTracks, checkMatrices, checkCycles, checkModules, checkRubrics, checkOverlap];
