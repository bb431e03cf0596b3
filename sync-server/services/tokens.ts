import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import { fromJson, toJson } from '../storage/json';
import type { Database, TokenRow } from '../storage/schema';
import { BOUND_ROLES, ROLES, SCOPED_ROLES, type Principal, type Role } from './access';
import { appendAudit } from './audit';
import { timestamp, type ServiceContext } from './context';
import { ServiceError } from './errors';

export interface TokenInfo extends Principal {
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
}

/** What a new token may reach. */
export interface TokenScope {
  /** Required for owner tokens; null or absent = every track of its workbook. */
  tracks?: readonly string[] | null;
  /** Required for owner, manager and integrator tokens; absent on an admin token = every workbook. */
  workbookId?: string | null;
  /** Required for manager tokens (whose team the token stands for); refused on other roles. */
  email?: string | null;
}

export interface CreateTokenInput extends TokenScope {
  role: Role;
  label: string;
  actor: string;
  /** The admin creating it over HTTP; a bound admin makes tokens for its own workbook (and tracks) only. The CLI passes none. */
  by?: Principal;
}

const TOKEN_PREFIX = 'rungs_';
const EmailSchema = z.email();

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** Why a token of this role cannot have this scope, in plain words; null when it can. The CLI checks the same before it opens the store. */
export function scopeProblem(role: Role, scope: TokenScope): string | null {
  const a = role === 'owner' || role === 'integrator' ? 'An' : 'A';
  if (SCOPED_ROLES.has(role) && (!scope.tracks || scope.tracks.length === 0)) return `${a} ${role} token must name the tracks it may reach.`;
  if (BOUND_ROLES.has(role) && !scope.workbookId) return `${a} ${role} token must be bound to one workbook: name its spreadsheet id.`;
  if (role === 'manager' && !scope.email) return 'A manager token must name the manager\'s email: it shows that manager their own team.';
  if (role !== 'manager' && scope.email) return 'Only manager tokens carry an email.';
  if (scope.email && !EmailSchema.safeParse(scope.email.trim()).success) return `"${scope.email}" is not an email address.`;
  return null;
}

/** A bound or track-limited admin makes tokens within its own reach only. */
function withinCreator(by: Principal | undefined, scope: TokenScope): TokenScope {
  if (!by) return scope;
  const workbookId = scope.workbookId ?? by.workbookId;
  if (by.workbookId !== null && workbookId !== by.workbookId)
    throw new ServiceError('forbidden', `This admin token is for workbook ${by.workbookId}; it can make tokens for that workbook only.`);
  const tracks = scope.tracks ?? by.tracks;
  if (by.tracks !== null && (tracks === null || tracks === undefined || tracks.some((t) => !by.tracks!.includes(t))))
    throw new ServiceError('forbidden', `This admin token is limited to tracks ${by.tracks.join(', ')}; it can make tokens for those tracks only.`);
  return { ...scope, workbookId, tracks };
}

/** Creates a token; its text is returned this once and only its hash is stored. */
export async function createToken(ctx: ServiceContext, input: CreateTokenInput): Promise<{ token: string; info: TokenInfo }> {
  if (!ROLES.includes(input.role)) throw new Error(`unknown role ${input.role}`);
  const scope = withinCreator(input.by, input);
  const problem = scopeProblem(input.role, scope);
  if (problem) throw new ServiceError('invalid-token-request', problem);
  const tracks = scope.tracks === undefined || scope.tracks === null ? null : [...new Set(scope.tracks)];
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const row: TokenRow = {
    id: randomUUID(), token_hash: hashToken(token), role: input.role, label: input.label, tracks: toJson(tracks),
    created_by: input.actor, created_at: timestamp(ctx), revoked_at: null,
    workbook_id: scope.workbookId ?? null, email: scope.email ? scope.email.trim().toLowerCase() : null,
  };
  await ctx.store.db.transaction().execute(async (trx) => {
    await trx.insertInto('api_tokens').values(row).execute();
    await appendAudit(trx, {
      at: row.created_at, actor: input.actor, action: 'token.create', workbookId: row.workbook_id,
      details: { tokenId: row.id, role: row.role, label: row.label, tracks, workbookId: row.workbook_id, email: row.email },
    });
  });
  return { token, info: tokenInfo(row) };
}

/** The principal a token stands for; null when it is unknown or revoked. */
export async function authenticate(ctx: ServiceContext, token: string): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await ctx.store.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
  if (!row || row.revoked_at !== null) return null;
  return principalOf(row);
}

/**
 * Whether the viewer may see (list, revoke) a token: every token for a global admin (or the CLI); its workbook's
 * tokens for a bound admin; for a track-limited admin, only tokens within its tracks (the ones it could make).
 */
function withinReach(r: TokenRow, by: Principal | undefined): boolean {
  if (!by) return true;
  if (by.workbookId !== null && r.workbook_id !== by.workbookId) return false;
  if (by.tracks === null) return true;
  const tracks = fromJson<string[] | null>(r.tracks);
  return tracks !== null && tracks.every((t) => by.tracks!.includes(t));
}

async function visibleToken(db: Kysely<Database>, tokenId: string, by: Principal | undefined): Promise<TokenRow> {
  const r = await db.selectFrom('api_tokens').selectAll().where('id', '=', tokenId).executeTakeFirst();
  if (!r || !withinReach(r, by)) throw new ServiceError('unknown-token', `There is no token ${tokenId}.`);
  return r;
}

export async function revokeToken(ctx: ServiceContext, tokenId: string, actor: string, by?: Principal): Promise<TokenInfo> {
  const at = timestamp(ctx);
  const row = await ctx.store.db.transaction().execute(async (trx) => {
    const before = await visibleToken(trx, tokenId, by);
    await trx.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', tokenId).where('revoked_at', 'is', null).execute();
    await appendAudit(trx, { at, actor, action: 'token.revoke', workbookId: before.workbook_id, details: { tokenId, label: before.label } });
    return { ...before, revoked_at: before.revoked_at ?? at };
  });
  return tokenInfo(row);
}

export interface BindInput {
  tokenId: string;
  workbookId: string;
  /** A manager token's email, when it has none yet. */
  email?: string;
  actor: string;
}

/**
 * Binds a token made before tokens were bound (or a global admin token) to one workbook. A token already bound to
 * another workbook stays as it is: make a new token for that workbook and revoke this one.
 */
export async function bindToken(ctx: ServiceContext, input: BindInput): Promise<TokenInfo> {
  const at = timestamp(ctx);
  const row = await ctx.store.db.transaction().execute(async (trx) => {
    const r = await visibleToken(trx, input.tokenId, undefined);
    if (r.revoked_at !== null) throw new ServiceError('invalid-token-request', `Token ${r.id} is revoked.`);
    if (r.workbook_id !== null && r.workbook_id !== input.workbookId)
      throw new ServiceError('invalid-token-request', `Token ${r.id} is already bound to workbook ${r.workbook_id}. Make a new token for workbook ${input.workbookId} and revoke this one.`);
    const email = input.email?.trim().toLowerCase() ?? r.email;
    const problem = scopeProblem(r.role as Role, { tracks: fromJson<string[] | null>(r.tracks), workbookId: input.workbookId, email });
    if (problem) throw new ServiceError('invalid-token-request', problem);
    await trx.updateTable('api_tokens').set({ workbook_id: input.workbookId, email }).where('id', '=', r.id).execute();
    await appendAudit(trx, { at, actor: input.actor, action: 'token.bind', workbookId: input.workbookId, details: { tokenId: r.id, label: r.label, how: 'admin', workbookId: input.workbookId, email } });
    return { ...r, workbook_id: input.workbookId, email };
  });
  return tokenInfo(row);
}

/**
 * The first use on a workbook of a token made before tokens were bound binds it there, so that nobody is locked out
 * by the upgrade and the token reaches one workbook from then on. Only a connected workbook binds it: a typo in a
 * URL must not lock its holder out. When two first uses race, the one that wins binds it; the answer is the token
 * as bound now (still unbound when the workbook is not connected).
 */
export async function bindOnFirstUse(ctx: ServiceContext, p: Principal, workbookId: string, actor: string): Promise<Principal> {
  const at = timestamp(ctx);
  return ctx.store.db.transaction().execute(async (trx) => {
    const connected = await trx.selectFrom('workbooks').select('id').where('id', '=', workbookId).executeTakeFirst();
    const bound = connected && await trx.updateTable('api_tokens').set({ workbook_id: workbookId })
      .where('id', '=', p.tokenId).where('workbook_id', 'is', null).executeTakeFirst();
    if (bound && bound.numUpdatedRows === 1n)
      await appendAudit(trx, { at, actor, action: 'token.bind', workbookId, details: { tokenId: p.tokenId, label: p.label, how: 'first use', workbookId } });
    const row = await trx.selectFrom('api_tokens').selectAll().where('id', '=', p.tokenId).executeTakeFirstOrThrow();
    return principalOf(row);
  });
}

/** Every token the viewer may see, oldest first (without their text, which is not stored). */
export async function listTokens(ctx: ServiceContext, by?: Principal): Promise<TokenInfo[]> {
  const rows = await ctx.store.db.selectFrom('api_tokens').selectAll()
    .$if(by !== undefined && by.workbookId !== null, (q) => q.where('workbook_id', '=', by!.workbookId!))
    .execute()
    .then((all) => all.filter((r) => withinReach(r, by)));
  // Sorted here: PostgreSQL's text collation may order ids unlike SQLite.
  rows.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return rows.map(tokenInfo);
}

/** Whether a usable admin token exists (the CLI creates the first one). */
export async function hasAdminToken(ctx: ServiceContext): Promise<boolean> {
  const row = await ctx.store.db.selectFrom('api_tokens').select('id').where('role', '=', 'admin').where('revoked_at', 'is', null).limit(1).executeTakeFirst();
  return row !== undefined;
}

function principalOf(r: TokenRow): Principal {
  return { tokenId: r.id, role: r.role as Role, label: r.label, tracks: fromJson<string[] | null>(r.tracks), workbookId: r.workbook_id, email: r.email };
}

function tokenInfo(r: TokenRow): TokenInfo {
  return { ...principalOf(r), createdBy: r.created_by, createdAt: r.created_at, revokedAt: r.revoked_at };
}
