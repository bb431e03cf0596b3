import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses } from '../errors';
import { can, ROLES, type Principal } from '../services/access';
import { listAudit, type AuditAction, type AuditFilter } from '../services/audit';
import { actorName, principalFromHeader } from '../services/auth';
import type { ServiceContext } from '../services/context';
import { ServiceError } from '../services/errors';
import { createToken, listTokens, revokeToken, type TokenInfo } from '../services/tokens';
import { guard } from './guard';
import { Auth, Id, json } from './openapi-parts';
import { createRouter } from './router';


const AUDIT_ACTIONS = [
  'workbook.connect', 'draft.save', 'track.publish', 'track.rollback', 'token.create', 'token.revoke', 'import', 'employees.replace', 'ai.run',
] as const satisfies readonly AuditAction[];

const AuditEntrySchema = z.object({
  id: z.number().int(), at: z.string(), actor: z.string(), action: z.string(),
  workbookId: z.string().nullable(), trackId: z.string().nullable(), details: z.record(z.string(), z.unknown()),
}).openapi('AuditEntry');
const TokenInfoSchema = z.object({
  tokenId: z.string(), role: z.enum(ROLES), label: z.string(), tracks: z.array(z.string()).nullable(),
  createdBy: z.string(), createdAt: z.string(), revokedAt: z.string().nullable(),
}).openapi('TokenInfo');

const auditRoute = createRoute({
  method: 'get', path: '/v1/audit', tags: ['admin'], security: Auth,
  summary: 'The audit log, newest first (admins: everything; track owners: entries of their tracks)',
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
  method: 'post', path: '/v1/tokens', tags: ['admin'], security: Auth, summary: 'Create an API token (its text is answered this once)',
  request: {
    body: { required: true, content: { 'application/json': { schema: z.object({
      role: z.enum(ROLES), label: z.string().min(1).max(200), tracks: z.array(Id).max(1000).nullable().optional(),
    }) } } },
  },
  responses: {
    201: json(z.object({ token: z.string(), info: TokenInfoSchema }), 'The token text (never shown again) and its record.'),
    ...errorResponses(400, 401, 403),
  },
});

const listTokensRoute = createRoute({
  method: 'get', path: '/v1/tokens', tags: ['admin'], security: Auth, summary: 'Every token, oldest first, without its text',
  responses: { 200: json(z.object({ tokens: z.array(TokenInfoSchema) }), 'The tokens.'), ...errorResponses(401, 403) },
});

const revokeRoute = createRoute({
  method: 'delete', path: '/v1/tokens/{tokenId}', tags: ['admin'], security: Auth, summary: 'Revoke a token',
  request: { params: z.object({ tokenId: Id }) },
  responses: { 200: json(z.object({ token: TokenInfoSchema }), 'The revoked token.'), ...errorResponses(401, 403, 404) },
});

/** A token record as answered (its track list copied out of the readonly principal). */
const out = (t: TokenInfo) => ({ ...t, tracks: t.tracks === null ? null : [...t.tracks] });

/** What of the audit log a principal may read: everything (admin) or the tracks it owns. */
function auditScope(p: Principal, track: string | undefined): Pick<AuditFilter, 'trackIds'> {
  if (can(p, 'audit.read')) return {};
  if (p.role !== 'owner' || p.tracks === null) throw new ServiceError('forbidden', `A ${p.role} token may not read the audit log.`);
  if (track !== undefined && !p.tracks.includes(track))
    throw new ServiceError('forbidden', `This token is limited to ${p.tracks.join(', ') || 'no tracks'}; it cannot reach track ${track}.`);
  return { trackIds: p.tracks };
}

/** Governance (F9): the audit log and API tokens. */
export function adminRoutes({ services }: { services: ServiceContext }) {
  const allowed = guard(services);
  return createRouter()
    .openapi(auditRoute, async (c) => {
      const p = await principalFromHeader(services, c.req.header('authorization'));
      const q = c.req.valid('query');
      const limit = q.limit ?? 100;
      const entries = await listAudit(services.store.db, {
        workbookId: q.workbook, trackId: q.track, action: q.action, since: q.since, before: q.cursor, limit, ...auditScope(p, q.track),
      });
      return c.json({ entries, nextCursor: entries.length === limit ? entries[entries.length - 1].id : null }, 200);
    })
    .openapi(createTokenRoute, async (c) => {
      const p = await allowed(c, 'tokens.manage');
      const body = c.req.valid('json');
      const { token, info } = await createToken(services, { ...body, actor: actorName(p) });
      return c.json({ token, info: out(info) }, 201);
    })
    .openapi(listTokensRoute, async (c) => {
      await allowed(c, 'tokens.manage');
      return c.json({ tokens: (await listTokens(services)).map(out) }, 200);
    })
    .openapi(revokeRoute, async (c) => {
      const p = await allowed(c, 'tokens.manage');
      return c.json({ token: out(await revokeToken(services, c.req.valid('param').tokenId, actorName(p))) }, 200);
    });
}

