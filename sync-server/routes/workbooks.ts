import { createRoute, z } from '@hono/zod-openapi';
import { SharedItemChangeSchema, TrackDiffSchema, TrackStatusSchema } from '../../shared/track-diff';
import { errorResponses } from '../errors';
import { FindingDocSchema, WorkbookSnapshotDocSchema } from '../openapi-schemas';
import { authorize, authorizeWorkbook, visibleTracks } from '../services/access';
import { actorName } from '../services/auth';
import type { ServiceContext } from '../services/context';
import { diffDraft, saveDraft } from '../services/drafts';
import { publishTrack } from '../services/publish';
import { publishTracks } from '../services/publish-many';
import { rollbackTrack } from '../services/rollback';
import { getVersion, listVersions } from '../services/versions';
import { connectWorkbook, getWorkbook, trackStatuses } from '../services/workbooks';
import { principalOf } from './guard';
import { body, Id, json, requires, StoredText } from './openapi-parts';
import { createRouter } from './router';

// ---- schemas ----------------------------------------------------------------------------------------------

const TrackStatusDoc = TrackStatusSchema.extend({}).openapi('TrackStatus');
const WorkbookSchema = z.object({
  workbook: z.object({ spreadsheetId: z.string(), name: z.string(), connectedBy: z.string(), connectedAt: z.string() }),
  tracks: z.array(TrackStatusDoc),
}).openapi('Workbook');
const DraftSchema = z.object({
  draftId: z.number().int(), spreadsheetId: z.string(), trackId: z.string(),
  baseVersion: z.number().int().openapi({ description: 'The active version the draft was made from; 0 = never published.' }),
  savedBy: z.string(), savedAt: z.string(), errors: z.number().int(), warnings: z.number().int(), publishedVersion: z.number().int().nullable(),
}).openapi('Draft');
const SavedDraftSchema = DraftSchema.extend({
  findings: z.array(FindingDocSchema).openapi({ description: 'The findings on the track\'s cells, as `rungs validate` names them: at most 1,000 (errors first) and under 1 MB.' }),
  totalFindings: z.number().int().openapi({ description: 'Every finding, listed or not (errors + warnings).' }),
}).openapi('SavedDraft');
const DiffSchema = z.object({
  draft: DraftSchema, activeVersion: z.number().int(),
  stale: z.boolean().openapi({ description: 'Another version became active after the draft was saved: publishing it would be refused (409).' }),
  diff: TrackDiffSchema.extend({}).openapi('TrackDiff'),
  shared: z.array(SharedItemChangeSchema.extend({}).openapi('SharedItemChange')).openapi({
    description: 'Shared competencies and modules the draft adds, changes or removes against what an admin last published, each with the other Active tracks whose version holds it.',
  }),
}).openapi('DraftDiff');
const VersionSchema = z.object({
  spreadsheetId: z.string(), trackId: z.string(), version: z.number().int(), kind: z.enum(['publish', 'rollback']),
  sourceVersion: z.number().int().nullable(), draftId: z.number().int().nullable(), publishedBy: z.string(), publishedAt: z.string(), note: z.string(),
}).openapi('Version');
const PublishResultSchema = VersionSchema.extend({
  statuses: z.array(TrackStatusDoc).openapi({ description: "Every track's status, as the add-on writes it into the Tracks tab." }),
}).openapi('PublishResult');

const PublishManyResultSchema = z.object({
  batchId: z.number().int(),
  versions: z.array(VersionSchema).openapi({ description: 'The new version of each track, by track id.' }),
  statuses: z.array(TrackStatusDoc).openapi({ description: "Every track's status, as the add-on writes it into the Tracks tab." }),
}).openapi('PublishManyResult');

/** Version and draft numbers are stored as 32-bit integers on every store: a larger one names nothing, on both alike. */
const MAX_SERIAL = 2_147_483_647;
const Serial = (n: z.ZodNumber) => n.int().positive().max(MAX_SERIAL);

const WorkbookParams = z.object({ spreadsheetId: Id });
const TrackParams = WorkbookParams.extend({ trackId: Id });
const IdempotencyHeader = z.object({
  'idempotency-key': z.string().min(1).max(200).optional().openapi({ description: 'Same key, same answer: a retried request never writes twice.' }),
});
const base = '/v1/workbooks/{spreadsheetId}';
const track = `${base}/tracks/{trackId}`;

// ---- routes -----------------------------------------------------------------------------------------------

const connect = createRoute({
  method: 'post', path: '/v1/workbooks', tags: ['workbooks'], ...requires('workbook.connect'), summary: 'Connect a workbook',
  request: { body: body(z.object({ spreadsheetId: Id, name: StoredText(500) })) },
  responses: { 200: json(WorkbookSchema, 'The workbook and its tracks.'), ...errorResponses(400, 401, 403, 413, 415) },
});
const readWorkbook = createRoute({
  method: 'get', path: base, tags: ['workbooks'], ...requires('workbook.read'), summary: "A workbook and its tracks' statuses",
  request: { params: WorkbookParams },
  responses: { 200: json(WorkbookSchema, 'The workbook and the tracks this token may see.'), ...errorResponses(401, 403, 404) },
});
const draft = createRoute({
  method: 'post', path: `${track}/drafts`, tags: ['drafts'], ...requires('draft.write', { body: 'snapshot' }), summary: "Save the track's part of a snapshot as its draft",
  request: { params: TrackParams, body: body(WorkbookSnapshotDocSchema) },
  responses: { 201: json(SavedDraftSchema, 'The draft, with the findings of its track part.'), ...errorResponses(400, 401, 403, 404, 413, 415, 422) },
});
const diff = createRoute({
  method: 'get', path: `${track}/diff`, tags: ['drafts'], ...requires('draft.read'), summary: 'Diff a draft against the active version',
  request: { params: TrackParams, query: z.object({ draftId: Serial(z.coerce.number()).optional() }) },
  responses: { 200: json(DiffSchema, 'What publishing the draft (default: the latest) would change.'), ...errorResponses(400, 401, 403, 404) },
});
const publish = createRoute({
  method: 'post', path: `${track}/publish`, tags: ['versions'], ...requires('track.publish', { idempotent: true }), summary: 'Publish a draft',
  description: 'Zero errors, atomic, idempotent with an Idempotency-Key. 409 when another version became active after the draft was saved.',
  request: { params: TrackParams, headers: IdempotencyHeader, body: body(z.object({ draftId: Serial(z.number()).optional(), note: StoredText(2000).optional() })) },
  responses: { 200: json(PublishResultSchema, 'The new version (or, for a repeated key, the one it made).'), ...errorResponses(400, 401, 403, 404, 409, 422) },
});
const publishMany = createRoute({
  method: 'post', path: `${base}/publish`, tags: ['versions'], ...requires('track.publish', { idempotent: true }), summary: 'Publish several tracks together',
  description: 'One transaction: every listed track gets its next version from its draft, or none does (422 with every track\'s findings, 409 when one is stale). ' +
    'How an admin who changed a Shared item republishes every track that uses it. Idempotent with an Idempotency-Key.',
  request: {
    params: WorkbookParams, headers: IdempotencyHeader,
    body: body(z.object({
      tracks: z.array(z.object({ trackId: Id, draftId: Serial(z.number()).optional() })).min(1).max(200)
        .refine((ts) => new Set(ts.map((t) => t.trackId)).size === ts.length, { message: 'Name each track once.' })
        .openapi({ description: 'The tracks, each with its draft (default: its latest draft).' }),
      note: StoredText(2000).optional(),
    })),
  },
  responses: { 200: json(PublishManyResultSchema, 'The new versions (or, for a repeated key, the ones it made).'), ...errorResponses(400, 401, 403, 404, 409, 422) },
});
const versions = createRoute({
  method: 'get', path: `${track}/versions`, tags: ['versions'], ...requires('versions.read'), summary: "A track's versions, newest first",
  request: { params: TrackParams },
  responses: { 200: json(z.object({ activeVersion: z.number().int(), versions: z.array(VersionSchema) }), 'Every version.'), ...errorResponses(401, 403, 404) },
});
const version = createRoute({
  method: 'get', path: `${track}/versions/{version}`, tags: ['versions'], ...requires('versions.read'), summary: 'One version with its content',
  request: { params: TrackParams.extend({ version: Serial(z.coerce.number()) }) },
  responses: { 200: json(VersionSchema.extend({ snapshot: WorkbookSnapshotDocSchema }), 'The version and the track part it holds.'), ...errorResponses(400, 401, 403, 404) },
});
const rollback = createRoute({
  method: 'post', path: `${track}/rollback`, tags: ['versions'], ...requires('track.rollback', { idempotent: true }), summary: 'Roll back to an earlier version, as a new version',
  request: { params: TrackParams, headers: IdempotencyHeader, body: body(z.object({ toVersion: Serial(z.number()), expectedActiveVersion: z.number().int().min(0).max(MAX_SERIAL).optional(), note: StoredText(2000).optional() })) },
  responses: { 200: json(PublishResultSchema, 'The new version.'), ...errorResponses(400, 401, 403, 404, 409, 422) },
});

// ---- handlers ---------------------------------------------------------------------------------------------

export interface WorkbookRouteDeps {
  services: ServiceContext;
}

/** Workbooks, drafts, publish, versions and rollback. Every route needs a bearer token; track routes check its scope. */
export function workbookRoutes({ services }: WorkbookRouteDeps) {
  const router = createRouter();
  router.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http', scheme: 'bearer', description: 'An API token (rungs_...). Its role and tracks decide what it may reach.',
  });
  return router
    .openapi(connect, async (c) => {
      const p = principalOf(c);
      const { spreadsheetId, name } = c.req.valid('json');
      authorizeWorkbook(p, spreadsheetId);
      return c.json(await connectWorkbook(services, { spreadsheetId, name, actor: actorName(p) }), 200);
    })
    .openapi(readWorkbook, async (c) => {
      const p = principalOf(c);
      const { spreadsheetId } = c.req.valid('param');
      const workbook = await getWorkbook(services, spreadsheetId);
      return c.json({ workbook, tracks: visibleTracks(p, 'versions.read', await trackStatuses(services.store.db, spreadsheetId)) }, 200);
    })
    .openapi(draft, async (c) => {
      const { spreadsheetId, trackId } = c.req.valid('param');
      const p = principalOf(c);
      return c.json(await saveDraft(services, { spreadsheetId, trackId, snapshot: c.req.valid('json'), actor: actorName(p), role: p.role }), 201);
    })
    .openapi(diff, async (c) => {
      const { spreadsheetId, trackId } = c.req.valid('param');
      return c.json(await diffDraft(services, spreadsheetId, trackId, c.req.valid('query').draftId), 200);
    })
    .openapi(publish, async (c) => {
      const { spreadsheetId, trackId } = c.req.valid('param');
      const p = principalOf(c);
      const { draftId, note } = c.req.valid('json');
      const { result, replayed } = await publishTrack(services, { spreadsheetId, trackId, draftId, note, actor: actorName(p), role: p.role, idempotencyKey: c.get('idempotencyKey') });
      if (replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(result, 200);
    })
    .openapi(publishMany, async (c) => {
      const p = principalOf(c);
      const { spreadsheetId } = c.req.valid('param');
      const { tracks, note } = c.req.valid('json');
      for (const t of tracks) authorize(p, 'track.publish', t.trackId);
      const { result, replayed } = await publishTracks(services, { spreadsheetId, tracks, note, actor: actorName(p), role: p.role, idempotencyKey: c.get('idempotencyKey') });
      if (replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(result, 200);
    })
    .openapi(versions, async (c) => {
      const { spreadsheetId, trackId } = c.req.valid('param');
      return c.json(await listVersions(services, spreadsheetId, trackId), 200);
    })
    .openapi(version, async (c) => {
      const { spreadsheetId, trackId, version: n } = c.req.valid('param');
      return c.json(await getVersion(services, spreadsheetId, trackId, n), 200);
    })
    .openapi(rollback, async (c) => {
      const { spreadsheetId, trackId } = c.req.valid('param');
      const p = principalOf(c);
      const { toVersion, expectedActiveVersion, note } = c.req.valid('json');
      const { result, replayed } = await rollbackTrack(services, { spreadsheetId, trackId, toVersion, expectedActiveVersion, note, actor: actorName(p), role: p.role, idempotencyKey: c.get('idempotencyKey') });
      if (replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(result, 200);
    });
}
