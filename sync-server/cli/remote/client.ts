import { z } from 'zod';
import { FindingSchema, type Finding } from '../../../shared';
import { describeIssues } from '../../zod-issues';
import { EXIT_FINDINGS, EXIT_UNUSABLE } from '../io';
import type { Connection } from './connection';

/** A JSON request that takes longer than this is given up (uploads have no limit: files can be large). */
const REQUEST_TIMEOUT_MS = 120_000;

const ErrorAnswerSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), findings: z.array(FindingSchema).optional() }),
});

/** Why a request to the server did not give the answer the command needed. */
export class RemoteError extends Error {
  override readonly name = 'RemoteError';

  constructor(
    message: string,
    /** The HTTP status, or null when no answer came (server unreachable, timeout). */
    readonly status: number | null,
    readonly code: string,
    readonly findings: Finding[] = [],
  ) {
    super(message);
  }

  /** 1 when the server refused what was sent on its merits (findings with errors, a stale version); 2 otherwise. */
  get exitCode(): number {
    return this.status === 409 || this.status === 422 ? EXIT_FINDINGS : EXIT_UNUSABLE;
  }
}

export interface RequestOptions {
  json?: unknown;
  /** A streamed body (a file); sent as is with the given content type. */
  stream?: ReadableStream<Uint8Array>;
  contentType?: string;
  query?: Record<string, string | undefined>;
  headers?: Record<string, string>;
}

function causeOf(e: unknown): string {
  const cause = e instanceof Error && e.cause instanceof Error ? e.cause : e;
  if (cause instanceof Error && 'code' in cause && typeof cause.code === 'string') return cause.code;
  return cause instanceof Error ? cause.message : String(cause);
}

function refusal(status: number, statusText: string, body: unknown): RemoteError {
  const parsed = ErrorAnswerSchema.safeParse(body);
  if (!parsed.success) return new RemoteError(`The server answered ${status} ${statusText}.`, status, 'http-' + status);
  const { code, message, findings } = parsed.data.error;
  const hint = status === 401 ? ' Check the token (--token or RUNGS_TOKEN).' : '';
  return new RemoteError(message + hint, status, code, findings);
}

/** JSON requests to a Rungs server with the bearer token; answers are checked against the schema the caller expects. */
export function remoteClient(connection: Connection) {
  async function send<S extends z.ZodType>(method: string, path: string, schema: S, options: RequestOptions = {}): Promise<z.infer<S>> {
    const url = new URL(connection.server + path);
    for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${connection.token}`, ...options.headers };
    let body: BodyInit | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.stream) {
      headers['content-type'] = options.contentType ?? 'application/octet-stream';
      body = options.stream;
    }
    let response: Response;
    try {
      response = await fetch(url, {
        method, headers, body,
        ...(options.stream ? { duplex: 'half' } : { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
      } as RequestInit);
    } catch (e) {
      const why = causeOf(e);
      if (why === 'TimeoutError' || (e instanceof Error && e.name === 'TimeoutError')) {
        throw new RemoteError(`The server at ${connection.server} did not answer ${method} ${url.pathname} within ${REQUEST_TIMEOUT_MS / 1000} s.`, null, 'timeout');
      }
      throw new RemoteError(`Cannot reach the server at ${connection.server} (${why}). Is it running? Start it with "npm start", or pass the right --server.`, null, 'unreachable');
    }
    const text = await response.text();
    let answer: unknown;
    try {
      answer = text === '' ? null : JSON.parse(text);
    } catch {
      answer = undefined;
    }
    if (!response.ok) throw refusal(response.status, response.statusText, answer);
    const parsed = schema.safeParse(answer);
    if (!parsed.success) {
      throw new RemoteError(
        `The answer to ${method} ${url.pathname} is not what this command expects (${describeIssues(parsed.error, 3)}). Is ${connection.server} a Rungs server of the same version?`,
        response.status, 'unexpected-answer',
      );
    }
    return parsed.data;
  }
  return {
    server: connection.server,
    get: <S extends z.ZodType>(path: string, schema: S, options?: RequestOptions) => send('GET', path, schema, options),
    post: <S extends z.ZodType>(path: string, schema: S, options?: RequestOptions) => send('POST', path, schema, options),
    put: <S extends z.ZodType>(path: string, schema: S, options?: RequestOptions) => send('PUT', path, schema, options),
  };
}

export type RemoteClient = ReturnType<typeof remoteClient>;

/** `/v1/workbooks/{id}` with the id escaped. */
export const workbookPath = (spreadsheetId: string) => `/v1/workbooks/${encodeURIComponent(spreadsheetId)}`;
export const trackPath = (spreadsheetId: string, trackId: string) => `${workbookPath(spreadsheetId)}/tracks/${encodeURIComponent(trackId)}`;
