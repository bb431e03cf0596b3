import type { CommandRun } from './io';

export interface CommandEntry {
  summary: string;
  usage: string;
  /** Loaded on demand so that one command's imports never slow down another. */
  load(): Promise<{ run: CommandRun }>;
}

/** Every `rungs <command>`; a new command is one file in ./commands (exporting `run`) plus one entry here. */
export const COMMANDS: Record<string, CommandEntry> = {
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
