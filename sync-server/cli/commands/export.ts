import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { hasErrors } from '../../../shared';
import { exportFramework } from '../../services/exchange';
import { formatFindings } from '../format-findings';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, type CliIO } from '../io';
import { loadForCommand } from '../load-for-command';

const USAGE = 'Usage: rungs export <snapshot.json | folder of tab CSVs> --format csv|moodle|case --out <path> [--base-uri URI] [--json]';

const ExportArgsSchema = z.object({
  workbook: z.string().min(1),
  format: z.enum(['csv', 'moodle', 'case'], '--format must be csv, moodle or case'),
  out: z.string().min(1, '--out names where to write: a folder for csv, a file for moodle and case'),
  baseUri: z.url('--base-uri must be a URL').optional(),
  json: z.boolean(),
});
type ExportArgs = z.infer<typeof ExportArgsSchema>;

function readArgs(args: string[]): ExportArgs | string {
  let parsed;
  try {
    parsed = parseArgs({
      args, allowPositionals: true, strict: true,
      options: { format: { type: 'string' }, out: { type: 'string' }, 'base-uri': { type: 'string' }, json: { type: 'boolean', default: false } },
    });
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  if (parsed.positionals.length !== 1) return parsed.positionals.length === 0 ? 'Which workbook? Pass a snapshot .json file or a folder of tab CSVs.' : `Expected one workbook, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}`;
  const v = parsed.values;
  const checked = ExportArgsSchema.safeParse({ workbook: parsed.positionals[0], format: v.format, out: v.out ?? '', baseUri: v['base-uri'], json: v.json });
  return checked.success ? checked.data : checked.error.issues.map((i) => i.message).join('; ');
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const options = readArgs(args);
  if (typeof options === 'string') {
    io.err(`rungs export: ${options}\n${USAGE}`);
    return EXIT_UNUSABLE;
  }
  const snapshot = await loadForCommand('export', options.workbook, io);
  if (!snapshot) return EXIT_UNUSABLE;
  const exported = exportFramework(snapshot, options.format, options.baseUri ? { baseUri: options.baseUri } : {});
  const { findings, what } = exported;
  if (hasErrors(findings)) {
    io.out(options.json ? JSON.stringify(findings, null, 2) : `${formatFindings(findings, snapshot.sheets.length)}\nNothing written.`);
    return EXIT_FINDINGS;
  }
  try {
    if (exported.files) {
      await mkdir(options.out, { recursive: true });
      for (const [name, text] of Object.entries(exported.files)) await writeFile(join(options.out, name), text, 'utf8');
    } else await writeFile(options.out, exported.content ?? '', 'utf8');
  } catch (e) {
    io.err(`rungs export: cannot write "${options.out}": ${e instanceof Error ? e.message : String(e)}`);
    return EXIT_UNUSABLE;
  }
  if (options.json) io.out(JSON.stringify(findings, null, 2));
  else {
    if (findings.length > 0) io.out(formatFindings(findings, snapshot.sheets.length));
    io.out(`Wrote ${what} to ${options.out}.`);
  }
  return EXIT_OK;
}
