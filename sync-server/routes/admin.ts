import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses } from '../errors';
import { authorizeTrack, authorizeWorkbook, ROLES, type Principal } from '../services/access';
import { listAudit, type AuditAction, type AuditFilter } from '../services/audit';
import { actorName } from '../services/auth';
import type { ServiceContext } from '../services/context';
import { ServiceError } from '../services/errors';
import { createToken, listTokens, revokeToken, type TokenInfo } from '../services/tokens';
import { principalOf } from './guard';
import { Id, json, requires, StoredText } from './openapi-parts';
import { createRouter } from './router';


const AUDIT_ACTIONS = [
  'workbook.connect', 'draft.save', 'track.publish', 'track.rollback', 'token.create', 'token.revoke', 'token.bind', 'import', 'employees.replace', 'ai.run',
] as const satisfies readonly AuditAction[];

const AuditEntrySchema = z.object({
  id: z.number().int(), at: z.string(), actor: z.string(), action: z.string(),
  workbookId: z.string().nullable(), trackId: z.string().nullable(), details: z.record(z.string(), z.unknown()),
}).openapi('AuditEntry');
const TokenInfoSchema = z.object({
  tokenId: z.string(), role: z.enum(ROLES), label: z.string(), tracks: z.array(z.string()).nullable(),
  workbookId: z.string().nullable().openapi({ description: 'The workbook the token is bound to; null: an admin token for every workbook (or a token made before tokens were bound, until its first use).' }),
  email: z.string().nullable().openapi({ description: "A manager token's email." }),
  createdBy: z.string(), createdAt: z.string(), revokedAt: z.string().nullable(),
}).openapi('TokenInfo');

const auditRoute = createRoute({
  method: 'get', path: '/v1/audit', tags: ['admin'], ...requires('audit.read'),
  summary: "The audit log, newest first (admins: everything of their workbook, or everything; track owners: their tracks' entries)",
  request: {
    query: z.object({
      workbook: Id.optional(), track: Id.optional(), action: z.enum(AUDIT_ACTIONS).optional(),
      since: z.string().datetime().optional().openapi({ description: 'Entries at or after this ISO time.' }),
      cursor: z.coerce.number().int().positive().optional().openapi({ description: 'The nextCursor of the previous page.' }),
      limit: z.coerce.number().int().min(1).max(1000).optional(),
    }),
  },
  responses: {
    200: json(z.object({ entries: z.array(AuditEntrySchema), nextCursor: z.number().int().nullable() }), 'One page of entries.'),
    ...errorResponses(400, 401, 403),
  },
});

const createTokenRoute = createRoute({
  method: 'post', path: '/v1/tokens', tags: ['admin'], ...requires('tokens.manage'), summary: 'Create an API token (its text is answered this once)',
  description: 'Owner, manager and integrator tokens are bound to one workbook (workbookId); admin tokens may be bound or global. '
    + 'Owner tokens name their tracks; manager tokens name the manager\'s email. A bound admin makes tokens for its own workbook only.',
  request: {
    body: { required: true, content: { 'application/json': { schema: z.object({
      role: z.enum(ROLES), label: StoredText(200).min(1), tracks: z.array(Id).max(1000).nullable().optional(),
      workbookId: Id.nullable().optional().openapi({ description: 'The spreadsheet id of the one workbook the token may reach.' }),
      email: z.string().max(320).nullable().optional().openapi({ description: "Manager tokens: the manager's email." }),
    }) } } },
  },
  responses: {
    201: json(z.object({ token: z.string(), info: TokenInfoSchema }), 'The token text (never shown again) and its record.'),
    ...errorResponses(400, 401, 403),
  },
});

const listTokensRoute = createRoute({
  method: 'get', path: '/v1/tokens', tags: ['admin'], ...requires('tokens.manage'), summary: 'Every token (of a bound admin\'s workbook), oldest first, without its text',
  responses: { 200: json(z.object({ tokens: z.array(TokenInfoSchema) }), 'The tokens.'), ...errorResponses(401, 403) },
});

const revokeRoute = createRoute({
  method: 'delete', path: '/v1/tokens/{tokenId}', tags: ['admin'], ...requires('tokens.manage'), summary: 'Revoke a token',
  request: { params: z.object({ tokenId: Id }) },
  responses: { 200: json(z.object({ token: TokenInfoSchema }), 'The revoked token.'), ...errorResponses(401, 403, 404) },
});

/** A token record as answered (its track list copied out of the readonly principal). */
const out = (t: TokenInfo) => ({ ...t, tracks: t.tracks === null ? null : [...t.tracks] });

/**
 * What of the audit log a principal may read: a bound token, its workbook's entries only; a track-limited token,
 * its tracks' entries only (a track owner). A global admin reads everything.
 */
function auditScope(p: Principal, q: { workbook?: string; track?: string }): Pick<AuditFilter, 'workbookId' | 'trackIds'> {
  if (p.role !== 'admin' && p.workbookId === null)
    throw new ServiceError('forbidden', `This ${p.role} token is not bound to a workbook yet. Use it once on your workbook (that binds it), or ask an admin to bind it with rungs token bind.`);
  if (q.workbook !== undefined) authorizeWorkbook(p, q.workbook);
  if (q.track !== undefined) authorizeTrack(p, q.track);
  return {
    ...(p.workbookId !== null ? { workbookId: p.workbookId } : q.workbook !== undefined ? { workbookId: q.workbook } : {}),
    ...(p.tracks !== null ? { trackIds: p.tracks } : {}),
  };
}

/** Governance (F9): the audit log and API tokens. */
export function adminRoutes({ services }: { services: ServiceContext }) {
  return createRouter()
    .openapi(auditRoute, async (c) => {
      const p = principalOf(c);
      const q = c.req.valid('query');
      const limit = q.limit ?? 100;
      const entries = await listAudit(services.store.db, {
        trackId: q.track, action: q.action, since: q.since, before: q.cursor, limit, ...auditScope(p, q),
      });
      return c.json({ entries, nextCursor: entries.length === limit ? entries[entries.length - 1].id : null }, 200);
    })
    .openapi(createTokenRoute, async (c) => {
      const p = principalOf(c);
      const body = c.req.valid('json');
      const { token, info } = await createToken(services, { ...body, actor: actorName(p), by: p });
      return c.json({ token, info: out(info) }, 201);
    })
    .openapi(listTokensRoute, async (c) => {
      return c.json({ tokens: (await listTokens(services, principalOf(c))).map(out) }, 200);
    })
    .openapi(revokeRoute, async (c) => {
      const p = principalOf(c);
      return c.json({ token: out(await revokeToken(services, c.req.valid('param').tokenId, actorName(p), p)) }, 200);
    });
}

