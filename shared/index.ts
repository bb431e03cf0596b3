export * from './cells';
export * from './contract';
export * from './findings';
export * from './snapshot';
export type * from './model';
export { parseWorkbook, findSheet, perTrackSheets } from './parse/workbook';
export { indexWorkbook, levelColumnsInOrder, type WorkbookIndex } from './workbook-index';
export { validateWorkbook, validateSnapshot, todayIso, type ValidateOptions, type ValidationResult } from './validate/index';
export {
  trackOverlaps, overSegmentedPairs, isOverSegmented, OVERLAP_THRESHOLD, FOUNDATION_CANDIDATE_SHARE, foundationCandidates, analyzeTracks,
  overSegmentationMessage, TrackOverlapSchema, TrackAnalysisSchema, type TrackOverlap, type TrackAnalysis, type FoundationCandidate, type OverSegmentation,
} from './analysis';
export * from './paths';
export * from './inheritance';
export { findCycles, stronglyConnected, describeCycle, type Cycle } from './graph';
export { cellOf } from './at';
export { tabValues, matrixValues, rubricValues, workbookToSnapshot } from './write';
export { moduleSequence, developersByCompetency, isShared, type SequenceEdge, type ModuleSequence } from './sequencing';
export { FINDING_CODES, type FindingCode } from './validate/codes';
