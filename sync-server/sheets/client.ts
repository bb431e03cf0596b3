/** The googleapis Sheets v4 client for a configuration. */
import { google, type sheets_v4 } from 'googleapis';
import type { SheetsConfig, SheetsCredentials } from './config';

export const SHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets';

type Auth = InstanceType<typeof google.auth.OAuth2> | InstanceType<typeof google.auth.JWT>;

export function authFor(credentials: SheetsCredentials): Auth {
  switch (credentials.kind) {
    case 'access-token': {
      const client = new google.auth.OAuth2();
      client.setCredentials({ access_token: credentials.accessToken });
      return client;
    }
    case 'oauth': {
      const client = new google.auth.OAuth2({
        clientId: credentials.clientId,
        clientSecret: credentials.clientSecret,
        ...(credentials.tokenUrl ? { endpoints: { oauth2TokenUrl: credentials.tokenUrl } } : {}),
      });
      client.setCredentials({ refresh_token: credentials.refreshToken });
      return client;
    }
    case 'service-account': {
      // A self-signed JWT carrying the scope is sent as the bearer token: Google accepts it for service accounts
      // ("authorization without OAuth"), which saves a token-endpoint round trip per hour and lets tests run
      // offline. The JWT constructor ignores this option, so it is set on the instance.
      const client = new google.auth.JWT({ email: credentials.clientEmail, key: credentials.privateKey, keyId: credentials.privateKeyId, scopes: [SHEETS_SCOPE] });
      client.useJWTAccessWithScope = true;
      return client;
    }
  }
}

/**
 * The real client. `retry: false` turns gaxios's own retries off: the connector retries itself (with jitter and
 * Retry-After) and counts every call it makes.
 */
export function createSheetsClient(config: Pick<SheetsConfig, 'credentials' | 'rootUrl' | 'timeoutMs'>): sheets_v4.Sheets {
  return google.sheets({
    version: 'v4',
    auth: authFor(config.credentials),
    retry: false,
    timeout: config.timeoutMs,
    ...(config.rootUrl ? { rootUrl: config.rootUrl } : {}),
  });
}
