/**
 * UrlFetchApp: synchronous like the real one, and really reaching an HTTP server. The request runs in a worker
 * thread (Node's fetch) while this thread blocks on Atomics.wait; the answer then comes over a MessagePort read
 * synchronously. The server under test must run in ANOTHER process: this thread is blocked while it answers.
 *
 * Traps reproduced: without muteHttpExceptions a status >= 400 throws; a refused connection throws
 * "Address unavailable", an unknown host "DNS error", a request longer than the timeout (Apps Script: ~60 s, not
 * configurable) "Timeout"; a body over 50 MB is refused; method names are lower case; an object payload is sent
 * form-encoded.
 */
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { CallLog } from './calls';
import { GasException } from './calls';
import type { Faked } from './types';

type Options = GoogleAppsScript.URL_Fetch.URLFetchRequestOptions;

/** UrlFetchApp's largest request body (Apps Script quotas: 50 MB per call). */
export const FETCH_PAYLOAD_LIMIT = 50 * 1024 * 1024;

interface WireRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
  timeoutMs: number;
}

type WireAnswer =
  | { ok: true; status: number; headers: Record<string, string>; body: string }
  | { ok: false; kind: 'refused' | 'dns' | 'timeout' | 'other'; message: string };

/** The worker: one request per message, its answer posted on the port it was given, then the flag raised. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', async ({ request, port, flag }) => {
  let answer;
  try {
    const res = await fetch(request.url, {
      method: request.method, headers: request.headers, body: request.body ?? undefined,
      signal: AbortSignal.timeout(request.timeoutMs), redirect: 'follow',
    });
    const body = await res.text();
    const headers = {};
    res.headers.forEach((v, k) => { headers[k] = v; });
    answer = { ok: true, status: res.status, headers, body };
  } catch (e) {
    const cause = e && e.cause;
    const code = (cause && cause.code) || (e && e.code) || '';
    const kind = e && (e.name === 'TimeoutError' || e.name === 'AbortError') ? 'timeout'
      : code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EHOSTUNREACH' ? 'refused'
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'dns' : 'other';
    answer = { ok: false, kind, message: String((cause && cause.message) || (e && e.message) || e) };
  }
  port.postMessage(answer);
  port.close();
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

export class FakeHttpResponse implements Faked<GoogleAppsScript.URL_Fetch.HTTPResponse, 'getResponseCode' | 'getHeaders' | 'getAllHeaders'> {
  constructor(
    private readonly log: CallLog,
    readonly status: number,
    readonly headers: Record<string, string>,
    readonly body: string,
  ) {}

  getResponseCode(): number {
    this.log.hit('HTTPResponse.getResponseCode');
    return this.status;
  }

  getContentText(_charset?: string): string {
    this.log.hit('HTTPResponse.getContentText');
    return this.body;
  }

  /** Apps Script gives header names as the server sent them; Node's fetch lower-cases them. */
  getHeaders(): object {
    this.log.hit('HTTPResponse.getHeaders');
    return { ...this.headers };
  }

  getAllHeaders(): object {
    this.log.hit('HTTPResponse.getAllHeaders');
    return { ...this.headers };
  }
}

export interface RecordedFetch {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
}

function formEncode(payload: Record<string, unknown>): string {
  return Object.entries(payload)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
}

export class FakeUrlFetchApp implements Faked<GoogleAppsScript.URL_Fetch.UrlFetchApp, 'fetch'> {
  /** Apps Script gives up after about 60 s; tests lower it to see the timeout quickly. */
  timeoutMs = 60_000;
  /** Every request sent, in order (what the server received). */
  readonly requests: RecordedFetch[] = [];
  private worker: Worker | null = null;

  constructor(private readonly log: CallLog) {}

  fetch(url: string, params: Options = {}): FakeHttpResponse {
    this.log.hit('UrlFetchApp.fetch');
    const request = this.toWire(url, params);
    this.requests.push({ url: request.url, method: request.method, headers: request.headers, body: request.body });
    const answer = this.send(request);
    if (!answer.ok) {
      const reason = { refused: 'Address unavailable', dns: 'DNS error', timeout: 'Timeout', other: 'Unexpected error' }[answer.kind];
      throw new GasException(`${reason}: ${url}`);
    }
    if (answer.status >= 400 && params.muteHttpExceptions !== true)
      throw new GasException(
        `Request failed for ${url} returned code ${answer.status}. Truncated server response: ${answer.body.slice(0, 100)} (use muteHttpExceptions option to examine full response)`,
      );
    return new FakeHttpResponse(this.log, answer.status, answer.headers, answer.body);
  }

  /** Stops the worker thread (call in afterAll; a later fetch starts a new one). */
  close(): void {
    void this.worker?.terminate();
    this.worker = null;
  }

  private toWire(url: string, params: Options): WireRequest {
    if (!/^https?:\/\//i.test(url)) throw new GasException(`Invalid argument: ${url}`);
    const method = (params.method ?? 'get').toString();
    if (method !== method.toLowerCase()) throw new GasException(`Invalid argument: method`);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(params.headers ?? {})) headers[k] = String(v);
    let body: string | null = null;
    const payload = params.payload;
    if (payload !== undefined && payload !== null) {
      if (typeof payload === 'string') body = payload;
      else if (Array.isArray(payload)) body = String.fromCharCode(...(payload as number[]).map((b) => b & 0xff));
      else body = formEncode(payload as Record<string, unknown>);
      headers['content-type'] = params.contentType ?? 'application/x-www-form-urlencoded';
      if (Buffer.byteLength(body, 'utf8') > FETCH_PAYLOAD_LIMIT) throw new GasException('Limit Exceeded: URLFetch POST Size.');
    }
    return { url, method: method.toUpperCase(), headers, body, timeoutMs: this.timeoutMs };
  }

  private send(request: WireRequest): WireAnswer {
    this.worker ??= new Worker(WORKER_SOURCE, { eval: true });
    this.worker.unref();
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    this.worker.postMessage({ request, port: port2, flag }, [port2]);
    // The worker's own timeout answers first; this bound only guards against a dead worker.
    const waited = Atomics.wait(flag, 0, 0, request.timeoutMs + 10_000);
    const message = receiveMessageOnPort(port1);
    port1.close();
    if (waited === 'timed-out' || !message) return { ok: false, kind: 'timeout', message: 'no answer from the fetch worker' };
    return message.message as WireAnswer;
  }
}
