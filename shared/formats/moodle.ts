/** Moodle competency framework CSV (admin tool lpimportcsv): import and export. */
export { importMoodle, type MoodleImportOptions } from './moodle-import';
export { exportMoodle, type MoodleExport, type MoodleExportOptions, type MoodleSource } from './moodle-export';
export { MOODLE_HEADERS } from './moodle-columns';
