/**
 * Connection settings: the server URL in the document's properties (every editor of the workbook uses the same
 * server), the token in the user's properties (personal: another editor never sees it).
 */
import type { ConnectionState } from './sidebar-api';

const SERVER_URL_KEY = 'rungs.serverUrl';
const TOKEN_KEY = 'rungs.token';

export interface Connection {
  serverUrl: string;
  token: string;
}

/** The URL without trailing slashes, or why it cannot be used: https, except http on localhost for development. */
export function checkServerUrl(text: string): { url: string } | { problem: string } {
  const trimmed = text.trim().replace(/\/+$/, '');
  const m = /^(https?):\/\/([^/?#\s]+)(\/[^?#\s]*)?$/i.exec(trimmed);
  if (!m) return { problem: `"${text.trim()}" is not a server URL. Enter it as https://rungs.example.com.` };
  const host = m[2].toLowerCase().replace(/:\d+$/, '');
  const local = host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
  if (m[1].toLowerCase() !== 'https' && !local) return { problem: `The server URL must start with https:// (plain http is accepted only for localhost during development).` };
  return { url: `${m[1].toLowerCase()}://${m[2]}${m[3] ?? ''}` };
}

export function loadConnection(): Connection {
  // Outside a document (a time-driven run) there are no document properties.
  const serverUrl = PropertiesService.getDocumentProperties()?.getProperty(SERVER_URL_KEY) ?? '';
  const token = PropertiesService.getUserProperties().getProperty(TOKEN_KEY) ?? '';
  return { serverUrl, token };
}

export function saveConnectionSettings(serverUrl: string, token: string): void {
  PropertiesService.getDocumentProperties().setProperty(SERVER_URL_KEY, serverUrl);
  PropertiesService.getUserProperties().setProperty(TOKEN_KEY, token);
}

/** What the browser may see: never the token itself. */
export function connectionState(c: Connection): ConnectionState {
  return { serverUrl: c.serverUrl, hasToken: c.token !== '', tokenHint: c.token.slice(-4) };
}
