import { createRoute, z } from '@hono/zod-openapi';
import { isAscii } from 'node:buffer';
import type { Context } from 'hono';
import { every } from 'hono/combine';
import { listFindings, validateSnapshot } from '../../shared';
import { readSnapshot } from '../../shared/parse/snapshot-shape';
import type { WorkbookSnapshot } from '../../shared/snapshot';
import { errorResponses, HttpError } from '../errors';
import { FindingsAnswerSchema, WorkbookSnapshotDocSchema } from '../openapi-schemas';
import { describeIssues } from '../zod-issues';
import { anyone } from './openapi-parts';
import { createRouter, schemaMismatch } from './router';

const ValidateQuery = z.object({
  today: z.iso.date().optional().openapi({ description: 'The date review-by dates are checked against (YYYY-MM-DD). Default: today (UTC).', example: '2026-03-31' }),
});

/**
 * The route is documented here and served by a plain handler (`validateRoutes`), which reads the query and the body
 * itself: the body is documented by WorkbookSnapshotDocSchema, and readSnapshot checks its shape with typeof tests,
 * falling back on the same zod schema for the answer to a bad body; the query goes through its schema only when
 * the request has one.
 */
const validate = createRoute({
  method: 'post',
  path: '/v1/validate',
  ...anyone('snapshot'),
  summary: 'Validate a workbook snapshot',
  description:
    'Checks a whole workbook snapshot against the workbook contract and the validation rules. The findings are the answer: ' +
    'a workbook with errors still gets 200, each finding naming sheet, A1 cell, severity, a stable code and a message.',
  tags: ['validation'],
  request: {
    query: ValidateQuery,
    body: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/WorkbookSnapshot' } } } },
  },
  responses: {
    200: { description: 'The findings, in sheet, row, column order.', content: { 'application/json': { schema: FindingsAnswerSchema } } },
    ...errorResponses(400, 413, 415, 500),
  },
});

export interface ValidateRouteDeps {
  /** Today's date, YYYY-MM-DD, when the request does not say. */
  today: () => string;
}

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;
/** Bodies from this size wait for a turn before they are read: memory holds a few large workbooks, never dozens. */
const LARGE_BODY_BYTES = 1024 * 1024;
const LARGE_BODIES_AT_ONCE = 1;

/** At most `size` holders at once; the others wait in arrival order. */
function turnstile(size: number) {
  let inside = 0;
  const waiting: (() => void)[] = [];
  return {
    async enter(): Promise<void> {
      if (inside < size) {
        inside++;
        return;
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    },
    leave(): void {
      const next = waiting.shift();
      if (next) next();
      else inside--;
    },
  };
}

async function readSnapshotBody(c: Context): Promise<WorkbookSnapshot> {
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0].trim();
  if (!JSON_MEDIA_TYPE.test(mediaType)) throw new HttpError(415, 'unsupported-media-type', 'Send the body as JSON with Content-Type: application/json.');
  const bytes = Buffer.from(await c.req.arrayBuffer());
  // Plain ASCII (most workbooks) becomes a string by copying bytes; anything else is decoded as UTF-8.
  const text = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'malformed-json', 'The request body is not valid JSON.');
  }
  const read = readSnapshot(value);
  if (!read.ok) throw new HttpError(400, 'invalid-body', `The request body does not match the schema: ${describeIssues(read.error)}`);
  return read.snapshot;
}

/** The `today` of the query string, checked as @hono/zod-openapi would (same schema, same 400), skipped without one. */
function todayOf(c: Context): string | undefined {
  if (!c.req.url.includes('?')) return undefined;
  const query = Object.fromEntries(Object.entries(c.req.queries()).map(([k, v]) => (v.length === 1 ? [k, v[0]] : [k, v])));
  const parsed = ValidateQuery.safeParse(query);
  if (!parsed.success) throw schemaMismatch('query', parsed.error);
  return parsed.data.today;
}

export function validateRoutes(deps: ValidateRouteDeps) {
  const large = turnstile(LARGE_BODIES_AT_ONCE);
  const router = createRouter();
  router.openAPIRegistry.register('WorkbookSnapshot', WorkbookSnapshotDocSchema);
  // Documented like every route, served without the router's per-request validators (see `validate`).
  const { middleware, ...documented } = validate;
  router.openAPIRegistry.registerPath(documented);
  return router.post(validate.path, every(...middleware), async (c) => {
    const today = todayOf(c);
    const length = Number(c.req.header('content-length') ?? Infinity);
    const waits = !(length < LARGE_BODY_BYTES);
    if (waits) await large.enter();
    try {
      const { findings, total } = listFindings(validateSnapshot(await readSnapshotBody(c), { today: today ?? deps.today() }));
      return c.json({ findings, totalFindings: total }, 200);
    } finally {
      if (waits) large.leave();
    }
  });
}
