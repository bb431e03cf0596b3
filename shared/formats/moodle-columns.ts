/**
 * The CSV format of Moodle's competency framework import/export tool (admin/tool/lpimportcsv): 14 columns in this
 * order. The row with "Is framework" = 1 is the framework; every other row is a competency whose "Parent id
 * number" names its parent's "Id number" (blank = top level).
 */
export const MOODLE_COLUMNS = [
  { key: 'parent', header: 'Parent id number', required: true },
  { key: 'idnumber', header: 'Id number', required: true },
  { key: 'shortname', header: 'Shortname', required: true },
  { key: 'description', header: 'Description', required: true },
  { key: 'descriptionFormat', header: 'Description format', required: true },
  { key: 'scaleValues', header: 'Scale values', required: true },
  { key: 'scaleConfiguration', header: 'Scale configuration', required: true },
  { key: 'ruleType', header: 'Rule type (optional)', required: false },
  { key: 'ruleOutcome', header: 'Rule outcome (optional)', required: false },
  { key: 'ruleConfig', header: 'Rule config (optional)', required: false },
  { key: 'crossRefs', header: 'Cross referenced competency id numbers', required: true },
  { key: 'exportedId', header: 'Exported id (optional)', required: false },
  { key: 'isFramework', header: 'Is framework', required: true },
  { key: 'taxonomy', header: 'Taxonomy', required: true },
] as const;

export type MoodleKey = (typeof MOODLE_COLUMNS)[number]['key'];
export const MOODLE_HEADERS: readonly string[] = MOODLE_COLUMNS.map((c) => c.header);

/** Moodle's description formats (FORMAT_MOODLE 0, FORMAT_HTML 1, FORMAT_PLAIN 2, FORMAT_MARKDOWN 4). */
export const MOODLE_FORMAT_HTML = '1';
export const MOODLE_FORMAT_PLAIN = '2';

/** The two-point scale Rungs exports, with a scale configuration Moodle accepts (Competent = default and proficient). */
export const MOODLE_DEFAULT_SCALE = 'Not yet competent,Competent';
export const MOODLE_DEFAULT_SCALE_CONFIGURATION = JSON.stringify([{ scaleid: '2' }, { id: 2, scaledefault: 1, proficient: 1 }]);

/** Cross reference lists are comma-separated; a comma inside an id is written %2C. */
export function splitMoodleList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => s.replace(/%2C/gi, ','));
}

export function joinMoodleList(ids: readonly string[]): string {
  return ids.map((id) => id.replace(/,/g, '%2C')).join(',');
}

/** The "levels" branch: a top-level competency whose id number or short name is "level" / "levels". */
export function isLevelsBranch(idnumber: string, shortname: string): boolean {
  return /^levels?$/i.test(idnumber.trim()) || /^levels?$/i.test(shortname.trim());
}
