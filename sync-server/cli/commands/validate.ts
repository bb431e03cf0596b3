import { parseArgs } from 'node:util';
import { z } from 'zod';
import { hasErrors, todayIso, validateSnapshot } from '../../../shared';
import { formatFindings } from '../format-findings';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, type CliIO } from '../io';
import { loadForCommand } from '../load-for-command';

const USAGE = 'Usage: rungs validate <snapshot.json | folder of tab CSVs> [--json] [--today YYYY-MM-DD]';

const ValidateArgsSchema = z.object({
  workbook: z.string().min(1),
  json: z.boolean(),
  today: z.iso.date('--today must be a date written YYYY-MM-DD, e.g. 2026-03-31').optional(),
});
type ValidateArgs = z.infer<typeof ValidateArgsSchema>;

function readArgs(args: string[]): ValidateArgs | string {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { json: { type: 'boolean', default: false }, today: { type: 'string' } } });
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  if (parsed.positionals.length !== 1) {
    return parsed.positionals.length === 0 ? 'Which workbook? Pass a snapshot .json file or a folder of tab CSVs.' : `Expected one workbook, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}`;
  }
  const checked = ValidateArgsSchema.safeParse({ workbook: parsed.positionals[0], json: parsed.values.json, today: parsed.values.today });
  return checked.success ? checked.data : checked.error.issues.map((i) => i.message).join('; ');
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const options = readArgs(args);
  if (typeof options === 'string') {
    io.err(`rungs validate: ${options}\n${USAGE}`);
    return EXIT_UNUSABLE;
  }
  const snapshot = await loadForCommand('validate', options.workbook, io);
  if (!snapshot) return EXIT_UNUSABLE;
  const findings = validateSnapshot(snapshot, { today: options.today ?? todayIso() });
  io.out(options.json ? JSON.stringify(findings, null, 2) : formatFindings(findings, snapshot.sheets.length));
  return hasErrors(findings) ? EXIT_FINDINGS : EXIT_OK;
}
