/** How each number of a Team tab is computed, in the words the tab's legend (and docs/team.md) prints. */
import { DEFINITIONS } from '../reports/definitions';

/** Names a Team tab cell lists before saying how many more there are: a cell stays readable and a refresh small. */
export const TEAM_LISTED = 10;

export const TEAM_DEFINITIONS = {
  expected: "Competencies the employee's level expects: the non-blank cells of their level's column in the track's matrix.",
  met: "Expected competencies whose score on this track's rubric (mean over its dimensions of each evaluator's latest score, self-assessments aside) reaches the pass score (pass threshold x top score of the scale).",
  gaps: `${DEFINITIONS.employeeGaps} The same gaps as the track's report tab.`,
  notAssessed: "Expected competencies nobody has scored yet on this track's rubric (or that the rubric cannot judge).",
  nextLevel: 'Adds: competencies first expected at the next level. Raises: competencies whose expectation text changes at the next level.',
  modulesAhead: 'Modules on the path to the next level (the modules developing what the levels up to it require, with their prerequisites) not completed yet, in path order.',
  completedShare: 'Completed modules of the path to the next level / all modules of that path.',
  lastActivity: "The latest date among the employee's completion records (started or completed) and assessments.",
  colours: 'Not yet met is red when the employee has a gap, green when none; Completed runs from red (0%) to green (100%).',
  longLists: `A cell lists the first ${TEAM_LISTED} names, then how many more; the People panel of the Rungs sidebar shows them all.`,
} as const;
