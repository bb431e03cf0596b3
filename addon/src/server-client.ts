/**
 * The one way the add-on talks to the sync server: UrlFetchApp with muteHttpExceptions (so every status comes back
 * as a response, not an exception), the bearer token, JSON both ways, and every answer parsed with zod. Failures
 * come back as SidebarError values with a message a person can act on.
 *
 * Timeouts: UrlFetchApp has no timeout option. Apps Script gives up on a request after about 60 seconds and throws
 * (as it does for DNS failures and refused connections); that throw is caught here and reported as 'unreachable'.
 */
import { z } from 'zod';
import { FindingSchema } from '../../shared/findings';
import { SidebarFailure } from './results';
import type { Connection } from './settings';
import type { SidebarError } from './sidebar-api';

const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), findings: z.array(FindingSchema).optional() }),
});

export interface ServerRequest<S extends z.ZodType> {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  body?: unknown;
  idempotencyKey?: string;
  /** The shape of a successful answer. */
  answer: S;
}

export interface ServerAnswer<T> {
  status: number;
  value: T;
}

/** Why the server refused, in the words the sidebar shows. */
export function errorFor(status: number, url: string, body: string): SidebarError {
  const parsed = parseJson(body, ErrorBodySchema);
  const said = parsed?.error.message ?? '';
  const code = parsed?.error.code ?? '';
  const findings = parsed?.error.findings;
  const withSaid = (text: string) => (said ? `${text} The server said: ${said}` : text);
  if (status === 401) return { code: 'unauthorized', status, message: 'The server did not accept your token. Open Connect and paste a valid token.' };
  if (status === 403) return { code: 'forbidden', status, message: withSaid('Your token is not allowed to do this.') };
  if (status === 409)
    return { code: 'conflict', status, message: 'Someone published this track after you opened the diff. Review the new diff and publish again.' };
  if (status === 422) return { code: 'invalid', status, message: said || 'The server refused the workbook content.', ...(findings ? { findings } : {}) };
  if (status === 429) return { code: 'rate-limited', status, message: withSaid('The server is receiving too many requests. Wait a minute and try again.') };
  if (status === 503 && code === 'ai-not-configured')
    return { code: 'ai-not-configured', status, message: said || 'AI generation is not set up on this server (no OpenAI key). Everything else works.' };
  if (status === 404 && code === 'unknown-workbook')
    return { code: 'not-connected', status, message: 'This workbook is not registered on the server yet. Open Connect and test the connection with an admin token.' };
  if (status === 404) return { code: 'bad-input', status, message: said || `The server has no ${url.replace(/^https?:\/\/[^/]+/, '')}. Is the server URL right?` };
  if (status >= 500) return { code: 'server-error', status, message: `The server failed (HTTP ${status}). Try again in a moment; if it keeps failing, tell your Rungs administrator.` };
  return { code: 'bad-input', status, message: withSaid(`The server refused the request (HTTP ${status}).`) };
}

function parseJson<S extends z.ZodType>(text: string, schema: S): z.infer<S> | null {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** "Exception: Address unavailable: https://..." -> "Address unavailable". */
function reasonOf(e: unknown, url: string): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.replace(/^Exception:\s*/, '').replace(`: ${url}`, '').replace(url, '').trim() || 'no answer';
}

/** Sends one request; throws SidebarFailure with the error value when it does not succeed. */
export function callServer<S extends z.ZodType>(connection: Connection, request: ServerRequest<S>): ServerAnswer<z.infer<S>> {
  if (connection.serverUrl === '') throw new SidebarFailure({ code: 'not-connected', message: 'Rungs is not connected to a server yet. Open Connect and enter the server URL and your token.' });
  const url = connection.serverUrl + request.path;
  const headers: Record<string, string> = {};
  if (connection.token !== '') headers.Authorization = `Bearer ${connection.token}`;
  if (request.idempotencyKey) headers['Idempotency-Key'] = request.idempotencyKey;
  const options: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = { method: request.method, headers, muteHttpExceptions: true, followRedirects: true };
  if (request.body !== undefined) {
    options.contentType = 'application/json';
    options.payload = JSON.stringify(request.body);
  }
  let response: GoogleAppsScript.URL_Fetch.HTTPResponse;
  try {
    response = UrlFetchApp.fetch(url, options);
  } catch (e) {
    const reason = reasonOf(e, url);
    if (/^Limit Exceeded/i.test(reason))
      throw new SidebarFailure({ code: 'bad-input', message: 'The workbook is too large to send in one request (Apps Script sends at most 50 MB). Remove unused tabs or rows and try again.' });
    throw new SidebarFailure({ code: 'unreachable', message: `Could not reach ${connection.serverUrl}: ${reason}. Check the server URL in Connect.` });
  }
  const status = response.getResponseCode();
  const body = response.getContentText();
  if (status < 200 || status >= 300) throw new SidebarFailure(errorFor(status, url, body));
  const value = parseJson(body, request.answer);
  if (value === null)
    throw new SidebarFailure({ code: 'server-error', status, message: `The server at ${connection.serverUrl} answered something Rungs does not understand. Is it a Rungs server of the same version?` });
  return { status, value };
}
