import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import { createRoute, z } from '@hono/zod-openapi';
import { ColumnMappingSchema, type ColumnMapping } from '../../shared/imports';
import { RECORD_KINDS } from '../../shared/records';
import { errorResponses, ErrorBodySchema, HttpError } from '../errors';
import { SourceTooLargeError, textSource } from '../imports/text-source';
import { tooLarge } from '../middleware/body-limit';
import { FindingDocSchema } from '../openapi-schemas';
import { actorName } from '../services/auth';
import type { ServiceContext } from '../services/context';
import { importRecords } from '../services/records';
import { describeIssues } from '../zod-issues';
import { principalOf } from './guard';
import { Id, json, requires, StoredText } from './openapi-parts';
import { createRouter } from './router';

/** Learner files are far larger than workbooks: 5,000,000 rows are ~200 MB. */
export const DEFAULT_RECORDS_BODY_LIMIT_BYTES = 2 * 1024 * 1024 * 1024;

/** The upload path: app.ts keeps its general body limit off it, since this route streams and counts bytes itself. */
export const RECORDS_UPLOAD_PATH = /^\/v1\/workbooks\/[^/]+\/records\/[^/]+\/?$/;

const CSV_TYPES = ['text/csv', 'text/plain', 'application/csv', 'application/octet-stream', 'text/tab-separated-values'];
const DELIMITERS = { comma: ',', semicolon: ';', tab: '\t', pipe: '|' } as const;

const Counts = {
  kind: z.enum(RECORD_KINDS),
  rows: z.number().int().openapi({ description: 'Data rows read (blank lines not counted).' }),
  totalFindings: z.number().int().openapi({ description: 'Every finding; `findings` lists the first 1,000.' }),
};

const ImportedSchema = z.object({
  ...Counts,
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int().openapi({ description: 'Rows identical to what was stored: a re-import of the same file has only these.' }),
  removed: z.number().int().openapi({ description: 'employees with replace=true: stored employees the file did not list.' }),
  findings: z.array(FindingDocSchema).openapi({ description: 'Warnings only (e.g. a column nothing reads).' }),
  refreshJobId: z.number().int().nullable().openapi({ description: 'The report refresh queued because something changed.' }),
}).openapi('RecordImportResult');

const RejectedSchema = ErrorBodySchema.extend({ ...Counts }).openapi('RecordImportRejected');

const importRoute = createRoute({
  method: 'post', path: '/v1/workbooks/{spreadsheetId}/records/{kind}', tags: ['records'], ...requires('records.import', { body: 'streamed' }),
  summary: 'Import a CSV of completions, assessments or (HRIS) employees; all rows or none',
  description: 'The body is the CSV file itself (Content-Type: text/csv), streamed: it is never held in memory whole. '
    + 'Headers are matched ignoring case and punctuation, with common LMS/HRIS aliases; `map` (or the X-Column-Map header) '
    + 'names the file\'s header for a column, e.g. {"employee_id":"User ID"}. Any error finding rejects the whole file (422) and '
    + 'nothing changes; re-importing the same file changes nothing.',
  request: {
    params: z.object({ spreadsheetId: Id, kind: z.enum(RECORD_KINDS) }),
    query: z.object({
      map: z.string().optional().openapi({ description: 'JSON column mapping: canonical column -> the file\'s header.' }),
      delimiter: z.enum(['comma', 'semicolon', 'tab', 'pipe']).optional().openapi({ description: 'Default: detected from the header row.' }),
      replace: z.enum(['true', 'false']).default('false').openapi({ description: 'employees: also delete the stored employees the file does not list.' }),
      name: StoredText(200).min(1).optional().openapi({ description: 'The file name findings use (default `<kind>.csv`).' }),
    }),
    body: { required: true, content: { 'text/csv': { schema: z.string().openapi({ description: 'The CSV file, UTF-8, header row first.' }) } } },
  },
  responses: {
    200: json(ImportedSchema, 'Imported: the counts, and warnings if any.'),
    422: json(RejectedSchema, 'Rejected: findings with row numbers (the first 1,000) and how many in all; nothing changed.'),
    ...errorResponses(400, 401, 403, 404, 413),
  },
});

function mappingOf(query: string | undefined, header: string | undefined): ColumnMapping | undefined {
  const text = query ?? header;
  if (text === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid-query', `The column mapping is not JSON: ${text.slice(0, 100)}. Write it like {"employee_id":"User ID"}.`);
  }
  const parsed = ColumnMappingSchema.safeParse(raw);
  if (!parsed.success) throw new HttpError(400, 'invalid-query', `The column mapping does not match the schema: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** F7 over HTTP: integrators (and admins) upload learner-record CSVs into a workbook's store. */
export function recordsRoutes({ services, maxBodyBytes = DEFAULT_RECORDS_BODY_LIMIT_BYTES }: { services: ServiceContext; maxBodyBytes?: number }) {
  return createRouter().openapi(importRoute, async (c) => {
    const p = principalOf(c);
    if (Number(c.req.header('content-length') ?? 0) > maxBodyBytes) throw tooLarge(maxBodyBytes);
    const { spreadsheetId, kind } = c.req.valid('param');
    const query = c.req.valid('query');
    const mapping = mappingOf(query.map, c.req.header('x-column-map'));
    const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (!CSV_TYPES.includes(type)) throw new HttpError(415, 'unsupported-media-type', `Send the CSV file itself as the body with Content-Type: text/csv (got "${type || 'none'}").`);
    const body = c.req.raw.body;
    if (!body) throw new HttpError(400, 'invalid-body', 'The body is empty: send the CSV file.');
    const text = textSource(Readable.fromWeb(body as unknown as NodeWebStream<Uint8Array>), { limitBytes: maxBodyBytes });
    try {
      const result = await importRecords(services, {
        spreadsheetId, kind, text, mapping, actor: actorName(p), fileName: query.name ?? `${kind}.csv`,
        delimiter: query.delimiter ? DELIMITERS[query.delimiter] : undefined, replace: query.replace === 'true',
      });
      if (!result.imported) {
        const message = `Nothing was imported: ${result.totalFindings} finding${result.totalFindings === 1 ? '' : 's'} in the file. Fix them and send it again.`;
        return c.json({ error: { code: 'has-errors', message, findings: result.findings }, kind, rows: result.rows, totalFindings: result.totalFindings }, 422);
      }
      const { imported: _imported, ...answer } = result;
      return c.json(answer, 200);
    } catch (e) {
      if (e instanceof SourceTooLargeError) throw new HttpError(413, 'body-too-large', `The file is larger than the ${Math.round(maxBodyBytes / 1024 / 1024)} MB this server accepts for learner records; nothing was imported.`);
      throw e;
    }
  });
}
