import type { CommandRun } from './io';
import { CONNECTION_USAGE } from './remote/connection';

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
      'rungs export <snapshot.json | folder of tab CSVs> --format csv|moodle|case --out <path> [--base-uri URI] [--changed-at DATE-TIME] [--json]',
      '',
      '  --format F       csv (a folder, one CSV per tab), moodle (lpimportcsv CSV file) or case (CASE 1.1 JSON file)',
      '  --out PATH       the folder (csv) or file (moodle, case) to write',
      '  --base-uri URI   base of the uri fields in a CASE package',
      '  --changed-at T   CASE lastChangeDateTime, e.g. 2026-11-23T09:30:00Z (default: when the workbook files last changed)',
      '  --json           print the findings (what the format cannot carry) as a JSON array',
      '',
      'Exit code: 0 written, 1 nothing written (errors), 2 unusable input or bad usage.',
    ].join('\n'),
    load: () => import('./commands/export'),
  },
  import: {
    summary: 'Import a framework (tab CSVs, Moodle CSV, CASE) into a workbook, or learner records (completions, assessments, HRIS employees) into a server or the store.',
    usage: [
      'rungs import <file | folder of tab CSVs> --format csv|moodle|case [--into <workbook>] [--out <folder>] [--dry-run] [--json]',
      'rungs import <file.csv> --records completions|assessments|employees --workbook <spreadsheetId> [--map JSON] [--delimiter D] [--replace] [--server URL] [--token TOKEN] [--json]',
      '',
      '  --into WORKBOOK  merge into this workbook by id: what the format does not carry is never changed, every change is listed',
      '  --out FOLDER     write the result as a folder of tab CSVs (default with --into: back into that workbook)',
      '  --dry-run        list what the import would change, write nothing',
      '  --records KIND   learner records, all rows or none: sent to the running server with --server (or RUNGS_SERVER),',
      '                   otherwise written to the store the server uses (DATABASE_URL or RUNGS_DATA_DIR)',
      '  --workbook ID    the connected spreadsheet the records belong to',
      '  --server URL     the running server to send the records to (default: $RUNGS_SERVER)',
      '  --token TOKEN    an integrator or admin token for that server (default: $RUNGS_TOKEN)',
      '  --map JSON       the file\'s header for a column, e.g. \'{"employee_id":"User ID"}\' (aliases are matched without it)',
      '  --delimiter D    comma, semicolon, tab or pipe (default: detected from the header row)',
      '  --replace        employees: also delete the stored employees the file does not list',
      '  --json           print the findings (--format) or the import result (--records) as JSON on stdout',
      '',
      'Exit code: 0 imported, 1 findings with errors (nothing written), 2 unusable input or bad usage.',
    ].join('\n'),
    load: () => import('./commands/import'),
  },
  connect: {
    summary: 'Connect a workbook to the running server (the first step before drafts, publishes and learner records).',
    usage: [
      'rungs connect <folder of tab CSVs | snapshot.json> [--workbook ID] [--name TEXT] [--server URL] [--token TOKEN] [--json]',
      '',
      '  --workbook ID    the spreadsheet id on the server (default: the folder\'s name, or the snapshot\'s spreadsheetId)',
      '  --name TEXT      the workbook\'s name on the server (default: its id)',
      ...CONNECTION_USAGE,
      '  --json           print the server\'s answer as JSON',
      '',
      'Exit code: 0 connected, 2 unusable input, bad usage, or the server refused or could not be reached.',
    ].join('\n'),
    load: () => import('./commands/connect'),
  },
  draft: {
    summary: 'Save tracks of a workbook as drafts on the server and show what publishing them would change.',
    usage: [
      'rungs draft <folder of tab CSVs | snapshot.json> --track ID [--track ID ...] [--workbook ID] [--server URL] [--token TOKEN] [--json]',
      '',
      '  --track ID       a track to save (repeat it, or separate ids with commas)',
      '  --workbook ID    the connected spreadsheet id (default: the folder\'s name, or the snapshot\'s spreadsheetId)',
      ...CONNECTION_USAGE,
      '  --json           print the drafts and their diffs as JSON',
      '',
      'Exit code: 0 saved without errors, 1 a draft has errors, 2 unusable input, bad usage, or the server refused or could not be reached.',
    ].join('\n'),
    load: async () => ({ run: (await import('./commands/publish')).runDraft }),
  },
  publish: {
    summary: 'Save tracks as drafts on the server, show the diff against the active version, and publish them.',
    usage: [
      'rungs publish <folder of tab CSVs | snapshot.json> --track ID [--track ID ...] [--workbook ID] [--note TEXT] [--server URL] [--token TOKEN] [--json]',
      '',
      '  --track ID       a track to publish (repeat it, or separate ids with commas); nothing is published unless every',
      '                   draft is free of errors',
      '  --workbook ID    the connected spreadsheet id (default: the folder\'s name, or the snapshot\'s spreadsheetId)',
      '  --note TEXT      kept with the new versions',
      ...CONNECTION_USAGE,
      '  --json           print the drafts, diffs and new versions as JSON',
      '',
      'Exit code: 0 published (or nothing changed), 1 a draft has errors or another version became active meanwhile,',
      '2 unusable input, bad usage, or the server refused or could not be reached.',
    ].join('\n'),
    load: () => import('./commands/publish'),
  },
  reports: {
    summary: 'Refresh the report tabs of a connected workbook on the server, or print one.',
    usage: [
      'rungs reports refresh --workbook ID [--timeout SECONDS] [--server URL] [--token TOKEN] [--json]',
      'rungs reports show --workbook ID [--track ID] [--server URL] [--token TOKEN] [--json]',
      '',
      '  refresh          asks for a refresh and waits until it has finished (at most --timeout, default 120 s)',
      '  show             prints the overview tab, or with --track the track\'s report tab',
      '  --workbook ID    the connected spreadsheet id',
      ...CONNECTION_USAGE,
      '  --json           print the refresh state or the tab as JSON',
      '',
      'Exit code: 0 done, 1 the refresh failed or did not finish in time, or no such report yet,',
      '2 bad usage, or the server refused or could not be reached.',
    ].join('\n'),
    load: () => import('./commands/reports'),
  },
  token: {
    summary: 'Create, bind or list API tokens (the first admin token comes from here).',
    usage: [
      'rungs token create --role admin|owner|manager|integrator --label <text> [--workbook ID] [--tracks ID,ID] [--email EMAIL] [--data-dir DIR]',
      'rungs token bind <tokenId> --workbook ID [--email EMAIL] [--data-dir DIR]',
      'rungs token list [--json] [--data-dir DIR]',
      '',
      '  --workbook ID    the spreadsheet id of the one workbook the token may reach. Required for owner, manager and',
      '                   integrator tokens; an admin token without it reaches every workbook, with it only that one',
      '  --tracks ID,ID   the tracks it may reach: required for owner tokens; the others default to every track',
      '  --email EMAIL    manager tokens (required): the manager\'s email; the token shows that manager their own team',
      '  bind             binds a token made before tokens were bound to a workbook (see "rungs token list")',
      '',
      '  Uses the same store as the server (DATABASE_URL, or RUNGS_DATA_DIR / --data-dir for the embedded one; "rungs where" prints it).',
      '  The token is printed once on stdout; only its hash is stored.',
    ].join('\n'),
    load: () => import('./commands/token'),
  },
  where: {
    summary: 'Print where the store is (the one the server and token/import commands use) and what chose it.',
    usage: [
      'rungs where [--data-dir DIR] [--json]',
      '',
      '  The embedded store is <project>/.data/rungs.db wherever you run rungs from, unless RUNGS_DATA_DIR or',
      '  --data-dir (on any command that opens the store) names another directory; DATABASE_URL selects PostgreSQL.',
      '  --json           print engine, location and whether it exists as JSON',
    ].join('\n'),
    load: () => import('./commands/where'),
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
