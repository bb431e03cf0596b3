import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ColumnMappingSchema, type ColumnMapping } from '../../../shared/imports';
import { RECORD_KINDS } from '../../../shared/records';
import { loadConfig } from '../../config';
import { textSource } from '../../imports/text-source';
import { serviceContext } from '../../services/context';
import { ServiceError } from '../../services/errors';
import { importRecords, type RecordImportResult } from '../../services/records';
import { openStore } from '../../storage/store';
import { describeIssues } from '../../zod-issues';
import { formatFindings } from '../format-findings';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, type CliIO } from '../io';
import { progressBar, type ProgressTarget } from '../progress';
import { CONNECTION_OPTIONS, wantsServer } from '../remote/connection';
import { uploadToServer } from '../remote/upload-records';

export const RECORDS_USAGE = 'Usage: rungs import <file.csv> --records completions|assessments|employees --workbook <spreadsheetId> [--map JSON] [--delimiter comma|semicolon|tab|pipe] [--replace] [--server URL [--token TOKEN]] [--json]';

const DELIMITERS = { comma: ',', semicolon: ';', tab: '\t', pipe: '|' } as const;

const ArgsSchema = z.object({
  file: z.string().min(1),
  records: z.enum(RECORD_KINDS, `--records must be one of: ${RECORD_KINDS.join(', ')}`),
  workbook: z.string({ error: '--workbook is required: the spreadsheet id the records belong to' }).min(1),
  map: z.string().optional(),
  delimiter: z.enum(['comma', 'semicolon', 'tab', 'pipe'], '--delimiter must be comma, semicolon, tab or pipe').optional(),
  replace: z.boolean(),
  json: z.boolean(),
  server: z.string().optional(),
  token: z.string().optional(),
});
type Args = z.infer<typeof ArgsSchema>;

function readArgs(args: string[]): Args | string {
  let parsed;
  try {
    parsed = parseArgs({
      args, allowPositionals: true, strict: true,
      options: {
        records: { type: 'string' }, workbook: { type: 'string' }, map: { type: 'string' }, delimiter: { type: 'string' },
        replace: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, ...CONNECTION_OPTIONS,
      },
    });
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  if (parsed.positionals.length !== 1) return parsed.positionals.length === 0 ? 'Which file? Pass the CSV to import.' : `Expected one file, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}`;
  const v = parsed.values;
  const checked = ArgsSchema.safeParse({ file: parsed.positionals[0], ...v });
  if (!checked.success) return checked.error.issues.map((i) => i.message).join('; ');
  if (checked.data.replace && checked.data.records !== 'employees') return '--replace applies to --records employees only.';
  return checked.data;
}

function mappingOf(text: string | undefined): ColumnMapping | undefined | string {
  if (text === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return `--map is not JSON: ${text}. Write it like '{"employee_id":"User ID"}'.`;
  }
  const parsed = ColumnMappingSchema.safeParse(raw);
  return parsed.success ? parsed.data : `--map does not match the schema: ${describeIssues(parsed.error)}`;
}

function summary(r: RecordImportResult, workbook: string, seconds: number): string {
  const n = (x: number) => x.toLocaleString('en-US');
  if (!r.imported) return `Nothing imported: ${n(r.totalFindings)} finding${r.totalFindings === 1 ? '' : 's'} in ${n(r.rows)} rows${r.totalFindings > r.findings.length ? ` (the first ${n(r.findings.length)} listed)` : ''}. Fix them and import again.`;
  const removed = r.removed ? `, ${n(r.removed)} removed` : '';
  return `Imported ${n(r.rows)} ${r.kind} rows into ${workbook}: ${n(r.inserted)} inserted, ${n(r.updated)} updated, ${n(r.unchanged)} unchanged${removed} (${seconds.toFixed(1)} s, ${n(Math.round(r.rows / Math.max(seconds, 1e-3)))} rows/s).`;
}

/**
 * `rungs import <file.csv> --records <kind> --workbook <id>`: learner records into the store the server uses
 * (DATABASE_URL or RUNGS_DATA_DIR), streamed from the file, with a progress bar on a terminal.
 */
export async function runRecordsImport(args: string[], io: CliIO, terminal: ProgressTarget = process.stderr): Promise<number> {
  const options = readArgs(args);
  if (typeof options === 'string') {
    io.err(`rungs import: ${options}\n${RECORDS_USAGE}`);
    return EXIT_UNUSABLE;
  }
  const mapping = mappingOf(options.map);
  if (typeof mapping === 'string') {
    io.err(`rungs import: ${mapping}`);
    return EXIT_UNUSABLE;
  }
  const info = await stat(options.file).catch(() => undefined);
  if (!info?.isFile()) {
    io.err(`rungs import: cannot read "${options.file}": no such file.`);
    return EXIT_UNUSABLE;
  }
  if (wantsServer(options.server) || options.token !== undefined) return uploadToServer(options, mapping, io, terminal);
  const store = await openStore(loadConfig().storage);
  const bar = progressBar(terminal, info.size);
  let rows = 0;
  const started = performance.now();
  try {
    const text = textSource(createReadStream(options.file), { onBytes: (bytes) => bar.update(bytes, rows) });
    const result = await importRecords(serviceContext(store), {
      spreadsheetId: options.workbook, kind: options.records, text, fileName: basename(options.file), mapping,
      delimiter: options.delimiter ? DELIMITERS[options.delimiter] : undefined, replace: options.replace, actor: 'cli',
      onProgress: (r) => (rows = r),
    });
    bar.done();
    const line = summary(result, options.workbook, (performance.now() - started) / 1000);
    if (options.json) {
      io.out(JSON.stringify(result, null, 2));
      io.err(line);
    } else {
      if (result.findings.length) io.out(formatFindings(result.findings, 1));
      io.out(line);
    }
    return result.imported ? EXIT_OK : EXIT_FINDINGS;
  } catch (e) {
    bar.done();
    if (e instanceof ServiceError) {
      io.err(`rungs import: ${e.message}`);
      return EXIT_UNUSABLE;
    }
    throw e;
  } finally {
    await store.close();
  }
}
