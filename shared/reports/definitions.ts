/** How each number of a report is defined, in the words the report tabs print beside it. */
export const DEFINITIONS = {
  enrolled: "Employees with a record on one of the track's own modules, or who hold a position on the track and have a record on its path.",
  completedPath: 'Enrolled learners who completed every module of the path.',
  completionRate: 'Completed the whole path / enrolled.',
  learnersAssessed: 'Learners scored on every rubric dimension (self-assessments aside).',
  passRate: "Fully assessed learners whose weighted score (each dimension: mean of each evaluator's latest score) reaches the pass threshold / fully assessed.",
  scores: "Each evaluator's latest score per learner and dimension; self-assessments are not counted in scores, pass rates or calibration.",
  agreement: 'Share of (learner, dimension) cases scored by two evaluators or more whose scores span at most the agreement span.',
  calibration: "Mean offset: the evaluator's score minus the mean of the other evaluators' scores on the same learner and dimension, averaged over those shared cases.",
  funnel: 'Completed up to here: learners who completed this module and every module before it on the path. Drop-off: the share of those through the step before who are not through this one.',
  quartiles: 'Quartiles and median interpolate between ranks, as Sheets QUARTILE does.',
  peerGaps: 'Peer scores below the pass score (pass threshold x top score of the scale), per competency.',
  employeeGaps: "Competencies the employee's level expects whose score on this track's rubric (mean over its dimensions) is below the pass score.",
} as const;
