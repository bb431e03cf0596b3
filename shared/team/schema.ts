/**
 * What a manager's team and one person look like (F11): the same shapes feed the `Team <manager>` tabs, the HTTP
 * answers and the sidebar's People panel, so the types are inferred from these schemas.
 */
import { z } from 'zod';
import { InheritedLevelSchema } from '../inheritance/schema';

export const CompetencyRefSchema = z.object({ competencyId: z.string(), competencyName: z.string() });
export type CompetencyRef = z.infer<typeof CompetencyRefSchema>;

export const EXPECTATION_STATUSES = ['met', 'gap', 'not-assessed'] as const;
export type ExpectationStatus = (typeof EXPECTATION_STATUSES)[number];

export const MemberExpectationSchema = CompetencyRefSchema.extend({
  expectation: z.string().describe('The matrix cell at the employee\'s level.'),
  status: z.enum(EXPECTATION_STATUSES).describe('met: the rubric score reaches the pass score; gap: below it; not-assessed: no score yet (or the rubric cannot judge).'),
  score: z.number().nullable().describe("Mean over the track rubric's dimensions for this competency of each evaluator's latest score (self-assessments aside); null without one."),
});
export type MemberExpectation = z.infer<typeof MemberExpectationSchema>;

export const AddedExpectationSchema = CompetencyRefSchema.extend({ expectation: z.string() });
export const RaisedExpectationSchema = CompetencyRefSchema.extend({ from: z.string(), to: z.string() });
export type RaisedExpectation = z.infer<typeof RaisedExpectationSchema>;

export const NextLevelStepSchema = z.object({
  level: InheritedLevelSchema,
  added: z.array(AddedExpectationSchema).describe('Competencies first expected at the next level, in matrix order.'),
  raised: z.array(RaisedExpectationSchema).describe('Competencies whose expectation text changes at the next level, in matrix order.'),
});
export type NextLevelStep = z.infer<typeof NextLevelStepSchema>;

export const RemainingModuleSchema = z.object({ moduleId: z.string(), title: z.string(), gate: z.string().nullable() });
export type RemainingModule = z.infer<typeof RemainingModuleSchema>;

export const MemberPathSchema = z.object({
  remaining: z.array(RemainingModuleSchema).describe('Modules still ahead on the path to the next level, in path order.'),
  completed: z.number().int().describe('Modules of that path the employee completed.'),
  total: z.number().int().describe('Modules on the path to the next level.'),
  completedShare: z.number().nullable().describe('completed / total; null when the path has no modules (or there is no next level).'),
});
export type MemberPath = z.infer<typeof MemberPathSchema>;

/** placed, or why the employee inherits nothing (the inheritance refusals an employee of the Employees tab can get). */
export const MEMBER_STATUSES = ['placed', 'position-unknown', 'position-not-linked', 'track-draft', 'level-unknown'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

const memberFields = {
  employeeId: z.string(),
  name: z.string(),
  email: z.string(),
  managerEmail: z.string(),
  position: z.object({ id: z.string(), title: z.string() }),
  status: z.enum(MEMBER_STATUSES),
  track: z.object({ id: z.string(), name: z.string() }).nullable(),
  level: InheritedLevelSchema.nullable(),
  counts: z.object({ expected: z.number().int(), met: z.number().int(), gaps: z.number().int(), notAssessed: z.number().int() }),
  gaps: z.array(CompetencyRefSchema).describe('Expected competencies scored below the pass score, in matrix order (as the track report defines gaps).'),
  next: NextLevelStepSchema.nullable().describe('What the next level adds or raises; null at the top level or when not placed.'),
  path: MemberPathSchema.nullable().describe('The path to the next level; null at the top level, when not placed or when the path cannot be ordered.'),
  lastActivity: z.string().nullable().describe('YYYY-MM-DD of the latest completion record (started or completed) or assessment; null without records.'),
  notes: z.array(z.string()).describe('Plain sentences for what cannot be shown as numbers (unknown position, no rubric, no records, top level...).'),
};

/** One person as a Team tab row shows them: everything but the list of expectations. */
export const MemberSummarySchema = z.object(memberFields);
export type MemberSummary = z.infer<typeof MemberSummarySchema>;

export const TeamMemberSchema = z
  .object({
    ...memberFields,
    expectations: z.array(MemberExpectationSchema).describe('What the level expects, in matrix order, each with its status.'),
  })
  .meta({ id: 'TeamMember' });
export type TeamMember = z.infer<typeof TeamMemberSchema>;

export const TeamSchema = z
  .object({
    manager: z.object({
      email: z.string(),
      name: z.string().nullable().describe('From the Employees tab, when the manager is listed there.'),
      employeeId: z.string().nullable(),
    }),
    tabTitle: z.string().nullable().describe("The name of the manager's Team tab in the spreadsheet; null when they have no reports (no tab)."),
    asOf: z.string(),
    reports: z.array(TeamMemberSchema).describe('Direct reports (their Manager Email is this manager), by name.'),
    note: z.string().nullable().describe('Why the list is empty, in words; null otherwise.'),
  })
  .meta({ id: 'Team' });
export type Team = z.infer<typeof TeamSchema>;
/** A team as its Team tab shows it: each report's summary. */
export type TeamSummary = Omit<Team, 'reports'> & { reports: MemberSummary[] };

export const LEVEL_CHANGES = ['added', 'raised', 'unchanged', 'dropped'] as const;
export type LevelChange = (typeof LEVEL_CHANGES)[number];

export const LevelComparisonRowSchema = CompetencyRefSchema.extend({
  change: z.enum(LEVEL_CHANGES),
  from: z.string().nullable().describe('The expectation at the "from" level; null when not expected there.'),
  to: z.string().nullable().describe('The expectation at the "to" level; null when not expected there.'),
});
export type LevelComparisonRow = z.infer<typeof LevelComparisonRowSchema>;

export const LevelComparisonSchema = z
  .object({
    track: z.object({ id: z.string(), name: z.string() }),
    from: InheritedLevelSchema,
    to: InheritedLevelSchema,
    counts: z.object({ added: z.number().int(), raised: z.number().int(), unchanged: z.number().int(), dropped: z.number().int() }),
    rows: z.array(LevelComparisonRowSchema).describe('One row per competency expected at either level, in matrix order.'),
  })
  .meta({ id: 'LevelComparison' });
export type LevelComparison = z.infer<typeof LevelComparisonSchema>;

export const COMPARE_ERRORS = ['unknown-track', 'unknown-level'] as const;
export const CompareErrorSchema = z.object({
  code: z.enum(COMPARE_ERRORS),
  message: z.string(),
  valid: z.array(z.string()).describe('The codes that would have worked: track ids, or the level codes of the track.'),
});
export type CompareError = z.infer<typeof CompareErrorSchema>;
export type CompareResult = { ok: true; comparison: LevelComparison } | { ok: false; error: CompareError };

export const PersonMatchSchema = z.object({
  employeeId: z.string(),
  name: z.string(),
  positionId: z.string(),
  trackId: z.string().nullable().describe('The track their position is on, when it is a published (Active) one.'),
  managerEmail: z.string(),
});
export type PersonMatch = z.infer<typeof PersonMatchSchema>;

export const PersonViewSchema = z
  .object({
    person: TeamMemberSchema,
    teamTab: z.string().nullable().describe("The Team tab of the person's manager, where their row is; null without a manager."),
    levels: z.array(InheritedLevelSchema).describe("The levels of the person's track, in order (to compare two of them)."),
  })
  .meta({ id: 'PersonView' });
export type PersonView = z.infer<typeof PersonViewSchema>;
