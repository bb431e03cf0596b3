/**
 * The optional columns and tabs the exchange formats (Moodle, CASE) use to keep what the core contract has no column
 * for. All of them are ordinary extra columns / extra tabs for the parser: kept, never required. docs/workbook.md
 * documents them ("Exchange columns and tabs").
 */

/** Competencies (and Groupings, Levels): the id of the competency or grouping this row sits under. */
export const PARENT_ID_HEADER = 'Parent ID';
/** Competencies: the framework id number a Moodle import came from (older workbooks; the Framework tab replaces it). */
export const FRAMEWORK_HEADER = 'Framework';
/** Competencies, Groupings, Levels: ids of related rows (Moodle cross references, CASE isRelatedTo). */
export const RELATED_HEADER = 'Related';
/** The CASE item type (CFItemType) when it is not the one Rungs writes for that tab. */
export const ITEM_TYPE_HEADER = 'Item Type';
export const EDUCATION_LEVEL_HEADER = 'Education Level';
export const LANGUAGE_HEADER = 'Language';
export const NOTES_HEADER = 'Notes';
export const KEYWORDS_HEADER = 'Keywords';
/** The item's human coding scheme when it could not be the row's id (taken twice, or holding a comma). */
export const CASE_CODE_HEADER = 'CASE Code';
/** The CASE identifier and URI an item came with, when they are not the ones Rungs derives itself. */
export const CASE_IDENTIFIER_HEADER = 'CASE Identifier';
export const CASE_URI_HEADER = 'CASE URI';
/** CASE associations Rungs has no column for (exactMatchOf, exemplar, links outside the package...), one per line. */
export const CASE_ASSOCIATIONS_HEADER = 'CASE Associations';

/**
 * Competencies, Groupings: the position among the siblings under the same parent, written by a CASE import only where
 * a competency comes before a grouping under one parent (the two tabs cannot show that order).
 */
export const SEQUENCE_HEADER = 'Sequence';

/** The order exchange columns are written in, after the contract's own columns. */
export const EXCHANGE_COLUMN_ORDER: readonly string[] = [
  PARENT_ID_HEADER, SEQUENCE_HEADER, RELATED_HEADER, FRAMEWORK_HEADER, ITEM_TYPE_HEADER, EDUCATION_LEVEL_HEADER, LANGUAGE_HEADER, NOTES_HEADER,
  KEYWORDS_HEADER, CASE_CODE_HEADER, CASE_IDENTIFIER_HEADER, CASE_URI_HEADER, CASE_ASSOCIATIONS_HEADER,
];

/** Optional tab: the framework itself, one row under the header. */
export const FRAMEWORK_TAB = 'Framework';
export const FRAMEWORK_ID_HEADER = 'Framework ID';
export const FRAMEWORK_CODE_HEADER = 'Framework Code';

/** The Framework tab's columns, and the CFDocument field each one carries (none for the Moodle id number). */
export const FRAMEWORK_COLUMNS = [
  { header: FRAMEWORK_ID_HEADER, field: 'identifier' },
  { header: FRAMEWORK_CODE_HEADER, field: null },
  { header: 'Title', field: 'title' },
  { header: 'Description', field: 'description' },
  { header: 'Creator', field: 'creator' },
  { header: 'Publisher', field: 'publisher' },
  { header: 'Language', field: 'language' },
  { header: 'Subject', field: 'subject' },
  { header: 'Version', field: 'version' },
  { header: 'Adoption Status', field: 'adoptionStatus' },
  { header: 'Official Source URL', field: 'officialSourceURL' },
  { header: 'Notes', field: 'notes' },
  { header: 'URI', field: 'uri' },
] as const;
export type FrameworkHeader = (typeof FRAMEWORK_COLUMNS)[number]['header'];

/** Optional tab: groupings of competencies (grades, domains, clusters, strands...) as a CASE framework has them. */
export const GROUPINGS_TAB = 'Groupings';
export const GROUPING_ID_HEADER = 'Grouping ID';
export const GROUPING_NAME_HEADER = 'Grouping Name';
export const GROUPINGS_HEADERS: readonly string[] = [
  GROUPING_ID_HEADER, GROUPING_NAME_HEADER, ITEM_TYPE_HEADER, PARENT_ID_HEADER, SEQUENCE_HEADER, 'Description', EDUCATION_LEVEL_HEADER,
  LANGUAGE_HEADER, NOTES_HEADER, KEYWORDS_HEADER, RELATED_HEADER, CASE_CODE_HEADER, CASE_IDENTIFIER_HEADER, CASE_URI_HEADER,
  CASE_ASSOCIATIONS_HEADER,
];
