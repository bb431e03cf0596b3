import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { hasErrors, type WorkbookSnapshot } from '../../../shared';
import { decodeFileBytes } from '../../../shared/formats/encoding';
import { workbookToCsvTabs } from '../../../shared/formats/workbook-csv';
import { completeImport, incomingFromCsvTabs, incomingFromText, type Incoming } from '../../services/exchange';
import { writeWorkbookFolder } from '../../io/load-workbook';
import { formatFindings } from '../format-findings';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, type CliIO } from '../io';
import { loadForCommand } from '../load-for-command';

const USAGE = 'Usage: rungs import <file | folder of tab CSVs> --format csv|moodle|case [--into <workbook>] [--out <folder>] [--json]';

const ImportArgsSchema = z.object({
  input: z.string().min(1),
  format: z.enum(['csv', 'moodle', 'case'], '--format must be csv, moodle or case'),
  into: z.string().min(1).optional(),
  out: z.string().min(1).optional(),
  json: z.boolean(),
});
type ImportArgs = z.infer<typeof ImportArgsSchema>;

function readArgs(args: string[]): ImportArgs | string {
  let parsed;
  try {
    parsed = parseArgs({
      args, allowPositionals: true, strict: true,
      options: { format: { type: 'string' }, into: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean', default: false } },
    });
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  if (parsed.positionals.length !== 1) return parsed.positionals.length === 0 ? 'What to import? Pass a file (moodle, case) or a folder of tab CSVs (csv).' : `Expected one input, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}`;
  const v = parsed.values;
  const checked = ImportArgsSchema.safeParse({ input: parsed.positionals[0], format: v.format, into: v.into, out: v.out, json: v.json });
  return checked.success ? checked.data : checked.error.issues.map((i) => i.message).join('; ');
}

async function readIncoming(options: ImportArgs, io: CliIO): Promise<Incoming | undefined> {
  if (options.format === 'csv') {
    const tabs = await loadForCommand('import', options.input, io);
    if (!tabs) return undefined;
    // Only CSV files carry neutralized cells; a snapshot .json holds the text as people wrote it.
    const isFolder = (await stat(options.input).catch(() => undefined))?.isDirectory() ?? false;
    return incomingFromCsvTabs(tabs, isFolder);
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(options.input);
  } catch (e) {
    io.err(`rungs import: cannot read "${options.input}": ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  const name = basename(options.input);
  const decoded = decodeFileBytes(bytes, options.format === 'case' ? 'CASE' : name);
  if (!decoded.ok) return { sheets: [], alone: { spreadsheetId: name, sheets: [] }, findings: [decoded.finding], summary: '' };
  return incomingFromText(options.format, decoded.text, name);
}

async function write(snapshot: WorkbookSnapshot, dest: string): Promise<void> {
  const info = await stat(dest).catch(() => undefined);
  if (info?.isFile()) {
    await writeFile(dest, JSON.stringify(snapshot, null, 2) + '\n', 'utf8');
    return;
  }
  await writeWorkbookFolder(workbookToCsvTabs(snapshot).snapshot, dest);
}

export async function run(args: string[], io: CliIO): Promise<number> {
  if (args.some((a) => a === '--records' || a.startsWith('--records='))) return (await import('./import-records')).runRecordsImport(args, io);
  const options = readArgs(args);
  if (typeof options === 'string') {
    io.err(`rungs import: ${options}\n${USAGE}`);
    return EXIT_UNUSABLE;
  }
  const incoming = await readIncoming(options, io);
  if (!incoming) return EXIT_UNUSABLE;
  let into: WorkbookSnapshot | undefined;
  if (options.into && !hasErrors(incoming.findings)) {
    into = await loadForCommand('import', options.into, io);
    if (!into) return EXIT_UNUSABLE;
  }
  const { snapshot: result, findings } = completeImport(incoming, into);
  const dest = options.out ?? options.into;
  const failed = result === null;
  if (result && dest) {
    try {
      await write(result, dest);
    } catch (e) {
      io.err(`rungs import: cannot write "${dest}": ${e instanceof Error ? e.message : String(e)}`);
      return EXIT_UNUSABLE;
    }
  }
  if (options.json) io.out(JSON.stringify(findings, null, 2));
  else {
    if (findings.length > 0) io.out(formatFindings(findings, incoming.sheets.length));
    io.out(failed ? 'Nothing imported: fix the errors above and import again.' : dest ? `Imported ${incoming.summary} into ${dest}.` : `Checked ${incoming.summary}; nothing written (pass --into or --out to write).`);
  }
  return failed ? EXIT_FINDINGS : EXIT_OK;
}
