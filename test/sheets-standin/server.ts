/**
 * A local Google Sheets API v4 stand-in speaking the real wire protocol (paths, query parameters, JSON bodies,
 * Google's error JSON), keeping spreadsheets in memory. Point the real client at it with
 * `google.sheets({ version: 'v4', rootUrl: standIn.rootUrl })`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenLocally, readBody } from '../support/local-server';
import type { sheets_v4 } from 'googleapis';
import { parseA1Range } from './a1';
import { tabView, type TabView } from './inspect';
import { StandInAuth } from './auth';
import { applyBatchUpdate, InvalidRequest } from './batch-update';
import { applyFieldsMask, parseFieldsMask } from './fields-mask';
import { seedSpreadsheet, type SeedTab, type StandInSheet, type StandInSpreadsheet } from './model';
import { omitDefaults, renderSpreadsheet, renderValueRange, type DateTimeRenderOption, type ValueRenderOption } from './render';

export type CallKind = 'get' | 'batchUpdate' | 'values.batchGet' | 'values.get' | 'token' | 'unknown';

export interface RecordedCall {
  kind: CallKind;
  method: string;
  path: string;
  query: Record<string, string[]>;
  /** The parsed JSON body of a POST (undefined for GETs). */
  body: unknown;
  bodyBytes: number;
  /** Bytes of the JSON answered. */
  responseBytes: number;
  status: number;
  principal: string | null;
}

export interface Fault {
  status: 429 | 500 | 503;
  /** Seconds, sent as Retry-After. */
  retryAfter?: number;
  /** Only calls of this kind meet the fault (others pass). */
  only?: CallKind;
  /** Apply the call, then answer the failure anyway (the ambiguous 5xx a client cannot tell from a refusal). */
  afterApplying?: boolean;
  /** Let this many matching calls through first (a failure between the calls of one write). */
  skip?: number;
}

export interface SheetsStandIn {
  /** For `google.sheets({ rootUrl })`: http://127.0.0.1:PORT/ */
  rootUrl: string;
  /** Google's OAuth token endpoint, stood in (refresh-token grant). */
  tokenUrl: string;
  auth: StandInAuth;
  calls: RecordedCall[];
  /** Calls to the Sheets API (token requests excluded), optionally of one kind. */
  count(kind?: CallKind): number;
  resetCalls(): void;
  createSpreadsheet(input: { spreadsheetId?: string; title?: string; timeZone?: string; tabs: SeedTab[]; typed?: boolean }): string;
  /** A deep copy of a spreadsheet's state. */
  snapshot(spreadsheetId: string): StandInSpreadsheet;
  tabTitles(spreadsheetId: string): string[];
  tab(spreadsheetId: string, title: string): TabView;
  /** The next `n` Sheets API calls answer `status` (429 RESOURCE_EXHAUSTED, 500 INTERNAL, 503 UNAVAILABLE). */
  failNext(n: number, status: Fault['status'], options?: Omit<Fault, 'status'>): void;
  /** Calls about this spreadsheet answer 403 PERMISSION_DENIED. */
  forbid(spreadsheetId: string): void;
  close(): Promise<void>;
}

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE',
};

const FAULT_MESSAGES: Record<Fault['status'], string> = {
  429: "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:000000000000'.",
  500: 'Internal error encountered.',
  503: 'The service is currently unavailable.',
};

class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

function googleError(status: number, message: string) {
  return { error: { code: status, message, status: STATUS_NAMES[status] ?? 'UNKNOWN' } };
}


function queryOf(url: URL): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of url.searchParams) (out[k.replace(/\[\]$/, '')] ??= []).push(v);
  return out;
}

function route(method: string, pathname: string): { kind: CallKind; spreadsheetId?: string; range?: string } {
  const m = /^\/v4\/spreadsheets\/([^/]+?)(:batchUpdate)?(?:\/values(:batchGet|\/(.+)))?$/.exec(pathname);
  if (!m) return { kind: 'unknown' };
  const spreadsheetId = decodeURIComponent(m[1]);
  if (m[2] && !m[3] && method === 'POST') return { kind: 'batchUpdate', spreadsheetId };
  if (!m[2] && m[3] === ':batchGet' && method === 'GET') return { kind: 'values.batchGet', spreadsheetId };
  if (!m[2] && m[4] && method === 'GET') return { kind: 'values.get', spreadsheetId, range: decodeURIComponent(m[4]) };
  if (!m[2] && !m[3] && method === 'GET') return { kind: 'get', spreadsheetId };
  return { kind: 'unknown' };
}

export async function startSheetsStandIn(): Promise<SheetsStandIn> {
  const spreadsheets = new Map<string, StandInSpreadsheet>();
  const forbidden = new Set<string>();
  const faults: Fault[] = [];
  const calls: RecordedCall[] = [];
  const auth = new StandInAuth();
  let created = 0;

  function find(id: string): StandInSpreadsheet {
    const ss = spreadsheets.get(id);
    if (!ss) throw new ApiError(404, 'Requested entity was not found.');
    if (forbidden.has(id)) throw new ApiError(403, 'The caller does not have permission');
    return ss;
  }

  function sheetByName(ss: StandInSpreadsheet, name: string | undefined, range: string): StandInSheet {
    const sheet = name === undefined ? ss.sheets[0] : ss.sheets.find((s) => s.properties.title === name);
    if (!sheet) throw new ApiError(400, `Unable to parse range: ${range}`);
    return sheet;
  }

  function valueRange(ss: StandInSpreadsheet, range: string, query: Record<string, string[]>): sheets_v4.Schema$ValueRange {
    const parsed = parseA1Range(range);
    if (!parsed) throw new ApiError(400, `Unable to parse range: ${range}`);
    const render = (query.valueRenderOption?.[0] ?? 'FORMATTED_VALUE') as ValueRenderOption;
    const dates = (query.dateTimeRenderOption?.[0] ?? 'SERIAL_NUMBER') as DateTimeRenderOption;
    if (!['FORMATTED_VALUE', 'UNFORMATTED_VALUE', 'FORMULA'].includes(render)) throw new ApiError(400, `Invalid value at 'value_render_option' (${render})`);
    if (!['SERIAL_NUMBER', 'FORMATTED_STRING'].includes(dates)) throw new ApiError(400, `Invalid value at 'date_time_render_option' (${dates})`);
    if ((query.majorDimension?.[0] ?? 'ROWS') !== 'ROWS') throw new ApiError(400, 'The stand-in answers majorDimension=ROWS only.');
    return renderValueRange(sheetByName(ss, parsed.sheet, range), parsed, render, dates);
  }

  function handle(kind: CallKind, spreadsheetId: string, range: string | undefined, query: Record<string, string[]>, body: unknown): unknown {
    const ss = find(spreadsheetId);
    switch (kind) {
      case 'get': {
        const ranges = query.ranges ?? [];
        const titles = ranges.length === 0 ? undefined : new Set(ranges.map((r) => sheetByName(ss, parseA1Range(r)?.sheet, r).properties.title));
        return renderSpreadsheet(ss, { includeGridData: query.includeGridData?.[0] === 'true', sheetTitles: titles });
      }
      case 'values.batchGet': {
        const ranges = query.ranges ?? [];
        if (ranges.length === 0) throw new ApiError(400, 'Must specify at least one range.');
        return { spreadsheetId, valueRanges: ranges.map((r) => valueRange(ss, r, query)) };
      }
      case 'values.get':
        return valueRange(ss, range ?? '', query);
      case 'batchUpdate': {
        const b = body as { requests?: unknown; includeSpreadsheetInResponse?: boolean } | null;
        if (!b || !Array.isArray(b.requests) || b.requests.length === 0) throw new ApiError(400, 'Must specify at least one request.');
        try {
          const { next, replies } = applyBatchUpdate(ss, b.requests);
          spreadsheets.set(spreadsheetId, next);
          const out: sheets_v4.Schema$BatchUpdateSpreadsheetResponse = { spreadsheetId, replies: omitDefaults(replies) };
          if (b.includeSpreadsheetInResponse) out.updatedSpreadsheet = renderSpreadsheet(next, { includeGridData: false });
          return out;
        } catch (e) {
          if (e instanceof InvalidRequest) throw new ApiError(400, e.message);
          throw e;
        }
      }
      default:
        throw new ApiError(404, 'Not Found');
    }
  }

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): number {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
    res.end(text);
    return Buffer.byteLength(text);
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://standin');
    const method = req.method ?? 'GET';
    const text = await readBody(req);
    if (url.pathname === '/token' && method === 'POST') {
      const issued = auth.exchange(new URLSearchParams(text));
      calls.push({ kind: 'token', method, path: url.pathname, query: {}, body: undefined, bodyBytes: Buffer.byteLength(text), responseBytes: 0, status: issued ? 200 : 400, principal: null });
      issued ? send(res, 200, issued) : send(res, 400, { error: 'invalid_grant', error_description: 'Bad Request' });
      return;
    }
    const { kind, spreadsheetId, range } = route(method, url.pathname);
    const query = queryOf(url);
    const call: RecordedCall = { kind, method, path: url.pathname, query, body: undefined, bodyBytes: Buffer.byteLength(text), responseBytes: 0, status: 200, principal: null };
    calls.push(call);
    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      call.status = status;
      call.responseBytes = send(res, status, payload, headers);
    };
    try {
      if (text !== '') {
        try {
          call.body = JSON.parse(text);
        } catch {
          throw new ApiError(400, 'Invalid JSON payload received. Unexpected token.');
        }
      }
      const principal = auth.check(req.headers.authorization);
      if (principal === 'missing') throw new ApiError(401, 'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.');
      if (principal === null) throw new ApiError(401, 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.');
      call.principal = principal;
      const at = faults.findIndex((f) => f.only === undefined || f.only === kind);
      const waits = at >= 0 && (faults[at].skip ?? 0) > 0;
      if (waits) faults[at].skip! -= 1;
      const fault = at < 0 || waits ? undefined : faults.splice(at, 1)[0];
      const failure = fault && new ApiError(fault.status, FAULT_MESSAGES[fault.status], fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) });
      if (failure && !fault.afterApplying) throw failure;
      if (kind === 'unknown' || spreadsheetId === undefined) throw new ApiError(404, `Method not found: ${method} ${url.pathname}`);
      let mask;
      try {
        mask = query.fields?.[0] ? parseFieldsMask(query.fields[0]) : undefined;
      } catch (e) {
        throw new ApiError(400, `Request contains an invalid argument: ${(e as Error).message}`);
      }
      const answer = handle(kind, spreadsheetId, range, query, call.body);
      if (failure) throw failure;
      reply(200, mask ? applyFieldsMask(answer, mask) : answer);
    } catch (e) {
      if (e instanceof ApiError) return reply(e.status, googleError(e.status, e.message), e.headers);
      reply(500, googleError(500, `stand-in failure: ${(e as Error).stack ?? String(e)}`));
    }
  }

  const server = createServer((req, res) => { void serve(req, res); });
  const { port, close } = await listenLocally(server);
  const rootUrl = `http://127.0.0.1:${port}/`;

  return {
    rootUrl,
    tokenUrl: `${rootUrl}token`,
    auth,
    calls,
    count: (kind) => calls.filter((c) => c.kind !== 'token' && (kind === undefined || c.kind === kind)).length,
    resetCalls: () => { calls.length = 0; },
    createSpreadsheet(input) {
      const id = input.spreadsheetId ?? `standin-${++created}-${Math.random().toString(36).slice(2, 10)}`;
      spreadsheets.set(id, seedSpreadsheet(id, input.tabs, input));
      return id;
    },
    snapshot(id) {
      const ss = spreadsheets.get(id);
      if (!ss) throw new Error(`no spreadsheet ${id}`);
      return structuredClone(ss);
    },
    tabTitles: (id) => (spreadsheets.get(id)?.sheets ?? []).map((s) => s.properties.title),
    tab(id, title) {
      const ss = spreadsheets.get(id);
      if (!ss) throw new Error(`no spreadsheet ${id}`);
      return tabView(ss, title);
    },
    failNext(n, status, options = {}) {
      for (let i = 0; i < n; i++) faults.push({ ...options, status });
    },
    forbid: (id) => { forbidden.add(id); },
    close,
  };
}
