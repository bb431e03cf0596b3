/**
 * Who may call the stand-in: static access tokens, tokens issued by its OAuth token endpoint (refresh-token grant),
 * and service-account self-signed JWTs (RS256, with the spreadsheets scope), verified against registered keys.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

export const SHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets';

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

function base64urlJson(part: string): unknown {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

export class StandInAuth {
  private readonly tokens = new Set<string>();
  private readonly serviceAccounts = new Map<string, KeyObject>();
  private readonly oauthClients: OAuthClient[] = [];
  private issued = 0;
  /** Who each accepted call came from, in order: a token's text is not kept, only its kind and subject. */
  readonly principals: string[] = [];

  acceptToken(token: string): void {
    this.tokens.add(token);
  }

  addServiceAccount(email: string, publicKeyPem: string): void {
    this.serviceAccounts.set(email, createPublicKey(publicKeyPem));
  }

  addOAuthClient(client: OAuthClient): void {
    this.oauthClients.push(client);
  }

  /** The refresh-token grant of Google's token endpoint; null = invalid_grant. */
  exchange(form: URLSearchParams): { access_token: string; expires_in: number; token_type: 'Bearer'; scope: string } | null {
    const client = this.oauthClients.find((c) => c.clientId === form.get('client_id'));
    if (form.get('grant_type') !== 'refresh_token' || !client || client.clientSecret !== form.get('client_secret') || client.refreshToken !== form.get('refresh_token')) return null;
    const token = `ya29.standin-${++this.issued}`;
    this.tokens.add(token);
    return { access_token: token, expires_in: 3599, token_type: 'Bearer', scope: SHEETS_SCOPE };
  }

  /** The principal behind a bearer token, or null when it is not valid. */
  check(authorization: string | undefined): string | null | 'missing' {
    const m = /^Bearer (.+)$/i.exec(authorization ?? '');
    if (!m) return 'missing';
    const token = m[1];
    if (this.tokens.has(token)) return 'token';
    const parts = token.split('.');
    if (parts.length !== 3) return null;
    try {
      const header = base64urlJson(parts[0]) as { alg?: string };
      const claims = base64urlJson(parts[1]) as { iss?: string; scope?: string; exp?: number };
      const key = claims.iss ? this.serviceAccounts.get(claims.iss) : undefined;
      if (header.alg !== 'RS256' || !key) return null;
      if (!verify('RSA-SHA256', Buffer.from(`${parts[0]}.${parts[1]}`), key, Buffer.from(parts[2], 'base64url'))) return null;
      if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) return null;
      if (!(claims.scope ?? '').split(' ').includes(SHEETS_SCOPE)) return null;
      return `service-account:${claims.iss}`;
    } catch {
      return null;
    }
  }
}
