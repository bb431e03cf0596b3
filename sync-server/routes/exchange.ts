import { createRoute, z } from '@hono/zod-openapi';
import { parseWorkbook, type WorkbookSnapshot } from '../../shared';
import { errorResponses, HttpError } from '../errors';
import { FindingDocSchema, WorkbookSnapshotDocSchema } from '../openapi-schemas';
import { parseTabCsv } from '../io/csv-folder';
import { WorkbookLoadError } from '../io/workbook-load-error';
import { appendAudit } from '../services/audit';
import { actorName } from '../services/auth';
import { timestamp, type ServiceContext } from '../services/context';
import { getDraft } from '../services/drafts';
import { completeImport, EXCHANGE_FORMATS, exportFramework, incomingFromCsvTabs, incomingFromText, mergeTarget, type Incoming } from '../services/exchange';
import { ServiceError } from '../services/errors';
import { activeSnapshot, getVersion } from '../services/versions';
import { principalOf } from './guard';
import { Id, json, requires, StoredText } from './openapi-parts';
import { createRouter } from './router';


const ImportBodySchema = z.object({
  format: z.enum(EXCHANGE_FORMATS),
  content: z.union([z.string(), z.record(z.string(), z.string())]).openapi({
    description: 'moodle: the CSV text; case: the package JSON text; csv: { "<tab name>.csv": "<csv text>" } as Sheets downloads them.',
  }),
  into: WorkbookSnapshotDocSchema.optional().openapi({
    description: 'The workbook to merge into. Rows merge by id; a value the format does not carry is never changed or blanked, and every value the import changes, clears or fills in is a finding naming its cell. Nothing is written anywhere: the answer is the merged workbook.',
  }),
  name: StoredText(200).min(1).default('import').openapi({ description: 'A name for the imported file, used in findings.' }),
}).openapi('ImportRequest');

const ImportAnswerSchema = z.object({
  snapshot: WorkbookSnapshotDocSchema,
  findings: z.array(FindingDocSchema).openapi({ description: 'What the format cannot carry, and (with into) every cell the merge changes.' }),
  summary: z.string().openapi({ description: 'What the file held, e.g. "385 competencies, 120 groupings, 0 levels, 0 tracks".' }),
  details: z.array(z.string()).openapi({ description: 'CASE: how many items of each CFItemType went to which tab.' }),
  changedTabs: z.array(z.string()).openapi({ description: 'The tabs of the result that differ from into (every tab without into).' }),
}).openapi('ImportResult');

const ExportAnswerSchema = z.object({
  format: z.enum(EXCHANGE_FORMATS),
  trackId: z.string(),
  source: z.object({ kind: z.enum(['version', 'draft']), number: z.number().int() }),
  files: z.record(z.string(), z.string()).optional().openapi({ description: 'csv: one text per tab file.' }),
  content: z.string().optional().openapi({ description: 'moodle: CSV text; case: the package as JSON text.' }),
  findings: z.array(FindingDocSchema),
}).openapi('ExportResult');

const importRoute = createRoute({
  method: 'post', path: '/v1/import', tags: ['exchange'], ...requires('framework.import', { body: 'snapshot' }),
  summary: 'Import tab CSVs, a Moodle competency framework CSV or a CASE package into a workbook snapshot',
  request: { body: { required: true, content: { 'application/json': { schema: ImportBodySchema } } } },
  responses: { 200: json(ImportAnswerSchema, 'The resulting workbook and the findings (warnings only).'), ...errorResponses(400, 401, 403, 413, 422) },
});

const exportRoute = createRoute({
  method: 'get', path: '/v1/workbooks/{spreadsheetId}/tracks/{trackId}/export', tags: ['exchange'], ...requires('framework.export'),
  summary: "Export a track's published version (or its draft) as tab CSVs, Moodle CSV or CASE",
  request: {
    params: z.object({ spreadsheetId: Id, trackId: Id }),
    query: z.object({
      format: z.enum(EXCHANGE_FORMATS),
      version: z.union([z.literal('active'), z.literal('draft'), z.coerce.number().int().positive()]).default('active'),
      baseUri: z.url().optional(),
    }),
  },
  responses: { 200: json(ExportAnswerSchema, 'The exported files and what the format cannot carry.'), ...errorResponses(400, 401, 403, 404, 422) },
});

/** A stored time as CASE's lastChangeDateTime: an ISO date-time with a zone (stored times are UTC). */
function caseDateTime(stored: string): string {
  const t = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(stored) ? stored : `${stored.replace(' ', 'T')}Z`);
  return Number.isNaN(t) ? new Date(0).toISOString() : new Date(t).toISOString();
}

function csvContent(content: string | Record<string, string>, name: string): Incoming {
  if (typeof content === 'string') throw new HttpError(400, 'invalid-body', 'For format csv, content is an object of tab files: { "Tracks.csv": "..." }.');
  try {
    const sheets = Object.entries(content).map(([file, text]) => ({ name: file.replace(/\.csv$/i, ''), values: parseTabCsv(text, file) }));
    return incomingFromCsvTabs({ spreadsheetId: name, sheets });
  } catch (e) {
    if (e instanceof WorkbookLoadError) throw new HttpError(400, e.code, e.message);
    throw e;
  }
}

/** F10 over HTTP: integrators import frameworks into a workbook snapshot and export published tracks. */
export function exchangeRoutes({ services }: { services: ServiceContext }) {
  return createRouter()
    .openapi(importRoute, async (c) => {
      const p = principalOf(c);
      const { format, content, into, name } = c.req.valid('json');
      let incoming: Incoming;
      if (format === 'csv') incoming = csvContent(content, name);
      else if (typeof content !== 'string') throw new HttpError(400, 'invalid-body', `For format ${format}, content is the file's text.`);
      else incoming = incomingFromText(format, content, name, into ? mergeTarget(into as WorkbookSnapshot, true) : undefined);
      const { snapshot, findings, changedTabs } = completeImport(incoming, into as WorkbookSnapshot | undefined);
      await appendAudit(services.store.db, {
        at: timestamp(services), actor: actorName(p), action: 'import',
        details: { kind: 'framework', format, name, summary: incoming.summary, imported: snapshot !== null, errors: findings.filter((f) => f.severity === 'error').length },
      });
      if (!snapshot) throw new ServiceError('has-errors', 'Nothing was imported: the file has errors.', findings);
      return c.json({ snapshot, findings, summary: incoming.summary, details: incoming.details, changedTabs }, 200);
    })
    .openapi(exportRoute, async (c) => {
      const { spreadsheetId, trackId } = c.req.valid('param');
      const { format, version, baseUri } = c.req.valid('query');
      let snapshot: WorkbookSnapshot;
      let source: { kind: 'version' | 'draft'; number: number };
      // CASE times come from the version itself (its publish time, or when the draft was saved): exporting the same
      // version twice gives the same bytes.
      let changedAt: string;
      if (version === 'draft') {
        const d = await getDraft(services, spreadsheetId, trackId);
        snapshot = d.snapshot;
        source = { kind: 'draft', number: d.draftId };
        changedAt = d.savedAt;
      } else {
        let number = version;
        if (number === 'active') {
          const a = await activeSnapshot(services, spreadsheetId, trackId);
          if (!a) throw new ServiceError('unknown-version', `Track ${trackId} has no published version yet; export its draft with version=draft.`);
          number = a.version;
        }
        const v = await getVersion(services, spreadsheetId, trackId, number);
        snapshot = v.snapshot;
        source = { kind: 'version', number };
        changedAt = v.publishedAt;
      }
      const trackName = parseWorkbook(snapshot).workbook.tracks.find((t) => t.id === trackId)?.name ?? trackId;
      const out = exportFramework(snapshot, format, {
        changedAt: caseDateTime(changedAt), hasSpreadsheetId: true, track: { id: trackId, name: trackName },
        adoptionStatus: source.kind === 'version' ? 'Adopted' : 'Draft', ...(baseUri ? { baseUri } : {}),
      });
      if (out.findings.some((f) => f.severity === 'error')) throw new ServiceError('has-errors', 'This track cannot be exported in that format.', out.findings);
      return c.json({ format, trackId, source, files: out.files, content: out.content, findings: out.findings }, 200);
    });
}
