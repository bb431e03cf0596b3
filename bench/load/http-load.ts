/**
 * A small HTTP load generator for the benches: `connections` keep-alive sockets, each posting one request after
 * the other until a deadline or a request count, with a body made per request (so no answer can be cached by
 * body). node:http with a keep-alive agent costs the client far less CPU than fetch, which matters when client
 * and server share two cores; every figure is a ratio against a baseline server loaded by this same client.
 */
import { Agent, request } from 'node:http';

export interface LoadOptions {
  url: string;
  connections: number;
  /** Stop after this many seconds... */
  seconds?: number;
  /** ...or when this says so (checked before each request)... */
  until?(): boolean;
  /** ...or after this many requests in all, whichever comes first. */
  requests?: number;
  /** The body of the i-th request; null sends a GET. */
  body(i: number): string | Buffer | null;
  /** Called once per answered request, in order of answers (e.g. to sample the server's memory). */
  onAnswer?(answered: number): void;
}

export interface LoadResult {
  /** Milliseconds of every 200 answer. */
  latencies: number[];
  failures: number;
  statuses: Record<number, number>;
  seconds: number;
}

function send(agent: Agent, url: URL, body: string | Buffer | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = body === null ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    const req = request(url, { method: body === null ? 'GET' : 'POST', agent, headers }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const url = new URL(o.url);
  const agent = new Agent({ keepAlive: true, maxSockets: o.connections });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let failures = 0;
  let next = 0;
  let answered = 0;
  const start = performance.now();
  const deadline = o.seconds === undefined ? Infinity : start + o.seconds * 1000;
  const limit = o.requests ?? Infinity;
  try {
    await Promise.all(Array.from({ length: o.connections }, async () => {
      while (performance.now() < deadline && next < limit && !o.until?.()) {
        const body = o.body(next++);
        const t0 = performance.now();
        let status = 0;
        try {
          status = await send(agent, url, body);
        } catch {
          status = 0;
        }
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status === 200) latencies.push(performance.now() - t0);
        else failures++;
        o.onAnswer?.(++answered);
      }
    }));
  } finally {
    agent.destroy();
  }
  return { latencies: latencies.sort((a, b) => a - b), failures, statuses, seconds: (performance.now() - start) / 1000 };
}

