import type { CommandRun } from './io';

export interface CommandEntry {
  summary: string;
  usage: string;
  /** Loaded on demand so that one command's imports never slow down another. */
  load(): Promise<{ run: CommandRun }>;
}

/** Every `rungs <command>`; a new command is one file in ./commands (exporting `run`) plus one entry here. */
export const COMMANDS: Record<string, CommandEntry> = {
  export: {
    summary: 'Export a workbook as tab CSVs (formula-safe), a Moodle competency framework CSV or a 1EdTech CASE package.',
    usage: [
      'rungs export <snapshot.json | folder of tab CSVs> --format csv|moodle|case --out <path> [--base-uri URI] [--json]',
      '',
      '  --format F       csv (a folder, one CSV per tab), moodle (lpimportcsv CSV file) or case (CASE 1.0 JSON file)',
      '  --out PATH       the folder (csv) or file (moodle, case) to write',
      '  --base-uri URI   base of the uri fields in a CASE package',
      '  --json           print the findings (what the format cannot carry) as a JSON array',
      '',
      'Exit code: 0 written, 1 nothing written (errors), 2 unusable input or bad usage.',
    ].join('\n'),
    load: () => import('./commands/export'),
  },
  import: {
    summary: 'Import a framework (tab CSVs, Moodle CSV, CASE) into a workbook, or learner records (completions, assessments, HRIS employees) into the store.',
    usage: [
      'rungs import <file | folder of tab CSVs> --format csv|moodle|case [--into <workbook>] [--out <folder>] [--json]',
      'rungs import <file.csv> --records completions|assessments|employees --workbook <spreadsheetId> [--map JSON] [--delimiter D] [--replace] [--json]',
      '',
      '  --into WORKBOOK  merge into this workbook (rows replaced by id); written back there unless --out is given',
      '  --out FOLDER     write the result as a folder of tab CSVs',
      '  --records KIND   learner records into the store the server uses (DATABASE_URL or RUNGS_DATA_DIR), all rows or none',
      '  --workbook ID    the connected spreadsheet the records belong to',
      '  --map JSON       the file\'s header for a column, e.g. \'{"employee_id":"User ID"}\' (aliases are matched without it)',
      '  --delimiter D    comma, semicolon, tab or pipe (default: detected from the header row)',
      '  --replace        employees: also delete the stored employees the file does not list',
      '  --json           print the findings (--format) or the import result (--records) as JSON on stdout',
      '',
      'Exit code: 0 imported, 1 findings with errors (nothing written), 2 unusable input or bad usage.',
    ].join('\n'),
    load: () => import('./commands/import'),
  },
  token: {
    summary: 'Create or list API tokens (the first admin token comes from here).',
    usage: [
      'rungs token create --role admin|owner|manager|integrator --label <text> [--tracks ID,ID]',
      'rungs token list [--json]',
      '',
      '  Uses the same store as the server (DATABASE_URL, or RUNGS_DATA_DIR for the embedded one).',
      '  The token is printed once on stdout; only its hash is stored. Owner and manager tokens need --tracks.',
    ].join('\n'),
    load: () => import('./commands/token'),
  },
  path: {
    summary: 'Print the ordered learning path of a track: shared foundation, then the role branch.',
    usage: [
      'rungs path <snapshot.json | folder of tab CSVs> --track <id> [--level <code>] [--json]',
      '',
      '  --track ID       the track whose path to order',
      '  --level CODE     only the modules that level needs (and their prerequisites)',
      '  --json           print the path as JSON on stdout',
      '',
      'Exit code: 0 ordered, 1 unknown track or level or the modules cannot be ordered (a loop), 2 unusable input or bad usage.',
    ].join('\n'),
    load: () => import('./commands/path'),
  },
  'compare-levels': { summary: 'Compare two levels of a track: per competency, added, raised, unchanged or dropped.', usage: 'rungs compare-levels <snapshot.json | folder of tab CSVs> --track <id> <from> <to> [--json]\n\nExit code: 0 compared, 1 unknown track or level (the valid codes are named), 2 unusable input or bad usage.', load: () => import('./commands/compare-levels') },
  analyze: {
    summary: 'Compare tracks: overlap table, shared foundation candidates, over-segmentation.',
    usage: [
      'rungs analyze <snapshot.json | folder of tab CSVs> [--json]',
      '',
      '  --json           print the analysis as JSON on stdout',
      '',
      'Exit code: 0 analysed, 2 unusable input or bad usage.',
    ].join('\n'),
    load: () => import('./commands/analyze'),
  },
  validate: {
    summary: 'Check a workbook against the workbook contract and the validation rules.',
    usage: [
      'rungs validate <snapshot.json | folder of tab CSVs> [--json] [--today YYYY-MM-DD]',
      '',
      '  --json           print the findings as a JSON array on stdout',
      '  --today DATE     the date review-by dates are checked against (default: today, UTC)',
      '',
      'Exit code: 0 no errors (warnings allowed), 1 errors found, 2 unusable input or bad usage.',
    ].join('\n'),
    load: () => import('./commands/validate'),
  },
};
