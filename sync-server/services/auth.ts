import type { Principal } from './access';
import type { ServiceContext } from './context';
import { ServiceError } from './errors';
import { authenticate } from './tokens';

/** The principal behind an `Authorization: Bearer <token>` header value; unauthorized (401) when there is none. */
export async function principalFromHeader(ctx: ServiceContext, header: string | undefined): Promise<Principal> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m) throw new ServiceError('unauthorized', 'Send an API token as "Authorization: Bearer <token>".');
  const principal = await authenticate(ctx, m[1]);
  if (!principal) throw new ServiceError('unauthorized', 'The API token is unknown or revoked.');
  return principal;
}

/** How a principal is named in the audit log and in "published by". */
export const actorName = (p: Principal) => p.label || `token ${p.tokenId}`;
