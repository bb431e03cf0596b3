import type { CommandRun } from './io';

export interface CommandEntry {
  summary: string;
  usage: string;
  /** Loaded on demand so that one command's imports never slow down another. */
  load(): Promise<{ run: CommandRun }>;
}

/** Every `rungs <command>`; a new command is one file in ./commands (exporting `run`) plus one entry here. */
export const COMMANDS: Record<string, CommandEntry> = {
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
