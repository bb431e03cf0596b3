import { createServer, type ServerResponse } from 'node:http';
import { listenLocally, readBody } from '../support/local-server';

/** What the stand-in answers to one call, in order; when the script runs out it repeats `fallback`. */
export type Scripted =
  | { kind: 'json'; value: unknown; usage?: { prompt: number; completion: number } }
  | { kind: 'malformed'; content?: string }
  | { kind: 'refusal'; message: string }
  | { kind: 'rate-limit'; retryAfterSeconds: number }
  | { kind: 'server-error' }
  | { kind: 'hang' };

export interface RecordedRequest {
  path: string;
  authorization: string | undefined;
  body: {
    model: string;
    messages: { role: string; content: string }[];
    response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: Record<string, unknown> } };
  };
}

export interface OpenAiStandIn {
  /** For `baseURL`: http://127.0.0.1:PORT/v1 */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Queue answers for the next calls. */
  script(...answers: Scripted[]): void;
  close(): Promise<void>;
}

function completion(content: string | null, refusal: string | null, usage = { prompt: 120, completion: 80 }) {
  return {
    id: `chatcmpl-standin-${Math.random().toString(36).slice(2, 10)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: 'standin-model',
    choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content, refusal } }],
    usage: { prompt_tokens: usage.prompt, completion_tokens: usage.completion, total_tokens: usage.prompt + usage.completion },
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function answer(a: Scripted, res: ServerResponse): void {
  switch (a.kind) {
    case 'json': return send(res, 200, completion(JSON.stringify(a.value), null, a.usage));
    case 'malformed': return send(res, 200, completion(a.content ?? '{"competencies": [ {"id": "X-1", "name": ', null));
    case 'refusal': return send(res, 200, completion(null, a.message));
    case 'rate-limit': return send(res, 429, { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } }, { 'retry-after': String(a.retryAfterSeconds) });
    case 'server-error': return send(res, 500, { error: { message: 'The server had an error', type: 'server_error', code: null } });
    case 'hang': return; // hold the socket until the client gives up or the stand-in closes
  }
}


/** A local server speaking the OpenAI Chat Completions wire protocol, answering from a script and recording every request. */
export async function startOpenAiStandIn(fallback: Scripted = { kind: 'server-error' }): Promise<OpenAiStandIn> {
  const queue: Scripted[] = [];
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((text) => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return send(res, 404, { error: { message: `no route ${req.url}` } });
      requests.push({ path: req.url, authorization: req.headers.authorization, body: JSON.parse(text) as RecordedRequest['body'] });
      answer(queue.shift() ?? fallback, res);
    });
  });
  const { port, close } = await listenLocally(server);
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...answers) => void queue.push(...answers),
    close,
  };
}
