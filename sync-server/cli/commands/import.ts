import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Finding, WorkbookSnapshot } from '../../../shared';
import { decodeFileBytes } from '../../../shared/formats/encoding';
import { CHANGE_CODES } from '../../../shared/formats/merge';
import { workbookToCsvTabs } from '../../../shared/formats/workbook-csv';
import { completeImport, incomingFromCsvTabs, incomingFromText, mergeTarget, type Incoming } from '../../services/exchange';
import { tabCsvText } from '../../io/csv-folder';
import { writeWorkbookFolder } from '../../io/load-workbook';
import { formatFindings } from '../format-findings';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, type CliIO } from '../io';
import { loadForCommand } from '../load-for-command';

const USAGE = 'Usage: rungs import <file | folder of tab CSVs> --format csv|moodle|case [--into <workbook>] [--out <folder>] [--dry-run] [--json]';

const ImportArgsSchema = z.object({
  input: z.string().min(1),
  format: z.enum(['csv', 'moodle', 'case'], '--format must be csv, moodle or case'),
  into: z.string().min(1).optional(),
  out: z.string().min(1).optional(),
  dryRun: z.boolean(),
  json: z.boolean(),
});
type ImportArgs = z.infer<typeof ImportArgsSchema>;

function readArgs(args: string[]): ImportArgs | string {
  let parsed;
  try {
    parsed = parseArgs({
      args, allowPositionals: true, strict: true,
      options: {
        format: { type: 'string' }, into: { type: 'string' }, out: { type: 'string' },
        'dry-run': { type: 'boolean', default: false }, json: { type: 'boolean', default: false },
      },
    });
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  if (parsed.positionals.length !== 1) return parsed.positionals.length === 0 ? 'What to import? Pass a file (moodle, case) or a folder of tab CSVs (csv).' : `Expected one input, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}`;
  const v = parsed.values;
  const checked = ImportArgsSchema.safeParse({ input: parsed.positionals[0], format: v.format, into: v.into, out: v.out, dryRun: v['dry-run'], json: v.json });
  return checked.success ? checked.data : checked.error.issues.map((i) => i.message).join('; ');
}

const isFolder = async (path: string) => (await stat(path).catch(() => undefined))?.isDirectory() ?? false;

interface Target {
  snapshot: WorkbookSnapshot;
  folder: boolean;
}

/** The workbook to merge into, cells as people wrote them (loadForCommand restores a folder's neutralized cells). */
async function loadTarget(path: string, io: CliIO): Promise<Target | undefined> {
  const loaded = await loadForCommand('import', path, io);
  if (!loaded) return undefined;
  return { snapshot: loaded, folder: await isFolder(path) };
}

async function readIncoming(options: ImportArgs, target: Target | undefined, io: CliIO): Promise<Incoming | undefined> {
  if (options.format === 'csv') {
    const tabs = await loadForCommand('import', options.input, io);
    if (!tabs) return undefined;
    // Only CSV files carry neutralized cells; a snapshot .json holds the text as people wrote it.
    return incomingFromCsvTabs(tabs, await isFolder(options.input));
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(options.input);
  } catch (e) {
    io.err(`rungs import: cannot read "${options.input}": ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  const name = basename(options.input);
  const decoded = decodeFileBytes(bytes, name);
  if (!decoded.ok) return { tabs: [], alone: { spreadsheetId: name, sheets: [] }, findings: [decoded.finding], summary: '', details: [] };
  return incomingFromText(options.format, decoded.text, name, target ? mergeTarget(target.snapshot, !target.folder) : undefined);
}

/**
 * Writes the result: into a snapshot file, or into a folder (only the tabs that changed, so the files of untouched
 * tabs keep their bytes).
 */
async function write(snapshot: WorkbookSnapshot, dest: string, changedTabs: readonly string[], whole: boolean): Promise<void> {
  const info = await stat(dest).catch(() => undefined);
  if (info?.isFile()) {
    await writeFile(dest, JSON.stringify(snapshot, null, 2) + '\n', 'utf8');
    return;
  }
  const safe = workbookToCsvTabs(snapshot).snapshot;
  if (whole || !info) {
    await writeWorkbookFolder(safe, dest);
    return;
  }
  const changed = new Set(changedTabs);
  for (const sheet of safe.sheets) if (changed.has(sheet.name)) await writeFile(join(dest, `${sheet.name}.csv`), tabCsvText(sheet.values), 'utf8');
}

function report(findings: Finding[], incoming: Incoming, message: string, options: ImportArgs, io: CliIO): void {
  if (options.json) {
    io.out(JSON.stringify(findings, null, 2));
    return;
  }
  if (incoming.details.length > 0) io.out(`Where the file's items go:\n${incoming.details.map((d) => `  ${d}`).join('\n')}\n`);
  if (findings.length > 0) io.out(formatFindings(findings, incoming.tabs.length));
  io.out(message);
}

export async function run(args: string[], io: CliIO): Promise<number> {
  if (args.some((a) => a === '--records' || a.startsWith('--records='))) return (await import('./import-records')).runRecordsImport(args, io);
  const options = readArgs(args);
  if (typeof options === 'string') {
    io.err(`rungs import: ${options}\n${USAGE}`);
    return EXIT_UNUSABLE;
  }
  let target: Target | undefined;
  if (options.into) {
    target = await loadTarget(options.into, io);
    if (!target) return EXIT_UNUSABLE;
  }
  const incoming = await readIncoming(options, target, io);
  if (!incoming) return EXIT_UNUSABLE;
  const { snapshot: result, findings, changedTabs } = completeImport(incoming, target?.snapshot);
  const dest = options.out ?? options.into;
  if (result === null) {
    report(findings, incoming, 'Nothing imported: fix the errors above and import again.', options, io);
    return EXIT_FINDINGS;
  }
  const changes = findings.filter((f) => CHANGE_CODES.has(f.code)).length;
  if (options.dryRun) {
    report(findings, incoming, `Dry run: ${incoming.summary} checked; ${dest ? `${changes === 0 ? 'no change' : `${changes} change${changes === 1 ? '' : 's'}`} to ${dest} listed above, ` : ''}nothing written.`, options, io);
    return EXIT_OK;
  }
  // An import into a workbook that changes nothing leaves its files as they were.
  if (dest && (options.out !== undefined || changedTabs.length > 0)) {
    try {
      // --out writes the whole result; --into alone rewrites only what changed.
      await write(result, dest, changedTabs, options.out !== undefined);
    } catch (e) {
      io.err(`rungs import: cannot write "${dest}": ${e instanceof Error ? e.message : String(e)}`);
      return EXIT_UNUSABLE;
    }
  }
  const into = target ? ` (${changes === 0 ? 'nothing in it changed' : `${changes} change${changes === 1 ? '' : 's'}, each listed above`})` : '';
  report(findings, incoming, dest ? `Imported ${incoming.summary} into ${dest}${into}.` : `Checked ${incoming.summary}; nothing written (pass --into or --out to write).`, options, io);
  return EXIT_OK;
}
