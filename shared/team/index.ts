/** Managers and employees in the sheet (F11): Team tabs, one person's view, and any two levels compared. */
export * from './schema';
export { compareLevels } from './compare-levels';
export { createTeamRecords, type TeamRecords, type TeamRecordsAccumulator } from './records';
export { createTeamIndex, findPeople, type TeamIndex, type TeamOptions } from './teams';
export { teamTabTitles, normalizeEmail, TEAM_PREFIX, TEAM_TAB_KEY, TEAM_ID_HEADER, MAX_TAB_TITLE } from './tab-title';
export { TEAM_DEFINITIONS, TEAM_LISTED } from './definitions';
