import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { hasErrors } from '../../../shared';
import { exportFramework } from '../../services/exchange';
import { formatFindings } from '../format-findings';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, type CliIO } from '../io';
import { loadForCommand } from '../load-for-command';

const USAGE = 'Usage: rungs export <snapshot.json | folder of tab CSVs> --format csv|moodle|case --out <path> [--base-uri URI] [--changed-at ISO-DATE-TIME] [--json]';

/** An ISO 8601 date-time with a zone, as CASE's lastChangeDateTime requires (e.g. 2026-11-23T09:30:00Z). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const ExportArgsSchema = z.object({
  workbook: z.string().min(1),
  format: z.enum(['csv', 'moodle', 'case'], '--format must be csv, moodle or case'),
  out: z.string().min(1, '--out names where to write: a folder for csv, a file for moodle and case'),
  baseUri: z.url('--base-uri must be a URL').optional(),
  changedAt: z.string().regex(DATE_TIME, '--changed-at must be an ISO date-time with a zone, e.g. 2026-11-23T09:30:00Z').refine((s) => !Number.isNaN(Date.parse(s)), '--changed-at is not a real date-time').optional(),
  json: z.boolean(),
});
type ExportArgs = z.infer<typeof ExportArgsSchema>;

function readArgs(args: string[]): ExportArgs | string {
  let parsed;
  try {
    parsed = parseArgs({
      args, allowPositionals: true, strict: true,
      options: { format: { type: 'string' }, out: { type: 'string' }, 'base-uri': { type: 'string' }, 'changed-at': { type: 'string' }, json: { type: 'boolean', default: false } },
    });
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  if (parsed.positionals.length !== 1) return parsed.positionals.length === 0 ? 'Which workbook? Pass a snapshot .json file or a folder of tab CSVs.' : `Expected one workbook, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}`;
  const v = parsed.values;
  const checked = ExportArgsSchema.safeParse({ workbook: parsed.positionals[0], format: v.format, out: v.out ?? '', baseUri: v['base-uri'], changedAt: v['changed-at'], json: v.json });
  return checked.success ? checked.data : checked.error.issues.map((i) => i.message).join('; ');
}

/**
 * When a workbook on disk last changed: the newest modification time of its CSV files (or of the snapshot file), to
 * the second, in UTC. Exporting the same files twice gives the same time, hence the same bytes.
 */
async function lastChanged(path: string, isFolder: boolean): Promise<string> {
  let newest = 0;
  if (isFolder) {
    for (const f of await readdir(path)) if (/\.csv$/i.test(f)) newest = Math.max(newest, (await stat(join(path, f))).mtimeMs);
  } else newest = (await stat(path)).mtimeMs;
  return new Date(Math.floor(newest / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const options = readArgs(args);
  if (typeof options === 'string') {
    io.err(`rungs export: ${options}\n${USAGE}`);
    return EXIT_UNUSABLE;
  }
  const snapshot = await loadForCommand('export', options.workbook, io);
  if (!snapshot) return EXIT_UNUSABLE;
  const source = await stat(options.workbook);
  const exported = exportFramework(snapshot, options.format, {
    changedAt: options.changedAt ?? (await lastChanged(options.workbook, source.isDirectory())),
    hasSpreadsheetId: !source.isDirectory(),
    ...(options.baseUri ? { baseUri: options.baseUri } : {}),
  });
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
