import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { fromJson, toJson } from '../storage/json';
import type { TokenRow } from '../storage/schema';
import { ROLES, SCOPED_ROLES, type Principal, type Role } from './access';
import { appendAudit } from './audit';
import { timestamp, type ServiceContext } from './context';
import { ServiceError } from './errors';

export interface TokenInfo extends Principal {
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface CreateTokenInput {
  role: Role;
  label: string;
  /** Required for owner and manager tokens; null or absent = every track (admin, integrator). */
  tracks?: readonly string[] | null;
  actor: string;
}

const TOKEN_PREFIX = 'rungs_';

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** Creates a token; its text is returned this once and only its hash is stored. */
export async function createToken(ctx: ServiceContext, input: CreateTokenInput): Promise<{ token: string; info: TokenInfo }> {
  if (!ROLES.includes(input.role)) throw new Error(`unknown role ${input.role}`);
  const tracks = input.tracks === undefined || input.tracks === null ? null : [...new Set(input.tracks)];
  if (SCOPED_ROLES.has(input.role) && (tracks === null || tracks.length === 0))
    throw new ServiceError('forbidden', `A ${input.role} token must name the tracks it may reach.`);
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const row: TokenRow = {
    id: randomUUID(), token_hash: hashToken(token), role: input.role, label: input.label, tracks: toJson(tracks),
    created_by: input.actor, created_at: timestamp(ctx), revoked_at: null,
  };
  await ctx.store.db.transaction().execute(async (trx) => {
    await trx.insertInto('api_tokens').values(row).execute();
    await appendAudit(trx, { at: row.created_at, actor: input.actor, action: 'token.create', details: { tokenId: row.id, role: row.role, label: row.label, tracks } });
  });
  return { token, info: tokenInfo(row) };
}

/** The principal a token stands for; null when it is unknown or revoked. */
export async function authenticate(ctx: ServiceContext, token: string): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await ctx.store.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
  if (!row || row.revoked_at !== null) return null;
  const { tokenId, role, label, tracks, workbookId, email } = tokenInfo(row);
  return { tokenId, role, label, tracks, workbookId, email };
}

export async function revokeToken(ctx: ServiceContext, tokenId: string, actor: string): Promise<TokenInfo> {
  const at = timestamp(ctx);
  const row = await ctx.store.db.transaction().execute(async (trx) => {
    await trx.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', tokenId).where('revoked_at', 'is', null).execute();
    const r = await trx.selectFrom('api_tokens').selectAll().where('id', '=', tokenId).executeTakeFirst();
    if (!r) throw new ServiceError('unknown-token', `There is no token ${tokenId}.`);
    await appendAudit(trx, { at, actor, action: 'token.revoke', details: { tokenId, label: r.label } });
    return r;
  });
  return tokenInfo(row);
}

/** Every token, oldest first (without their text, which is not stored). */
export async function listTokens(ctx: ServiceContext): Promise<TokenInfo[]> {
  const rows = await ctx.store.db.selectFrom('api_tokens').selectAll().execute();
  // Sorted here: PostgreSQL's text collation may order ids unlike SQLite.
  rows.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return rows.map(tokenInfo);
}

/** Whether a usable admin token exists (the CLI creates the first one). */
export async function hasAdminToken(ctx: ServiceContext): Promise<boolean> {
  const row = await ctx.store.db.selectFrom('api_tokens').select('id').where('role', '=', 'admin').where('revoked_at', 'is', null).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Columns the token-binding migration adds: a bound workbook, a manager token's email (absent before it runs). */
type BoundTokenRow = TokenRow & { workbook_id?: string | null; email?: string | null };

function tokenInfo(r: BoundTokenRow): TokenInfo {
  return {
    tokenId: r.id, role: r.role as Role, label: r.label, tracks: fromJson<string[] | null>(r.tracks), workbookId: r.workbook_id ?? null, email: r.email ?? null,
    createdBy: r.created_by, createdAt: r.created_at, revokedAt: r.revoked_at,
  };
}
