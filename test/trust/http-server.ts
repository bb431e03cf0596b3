/**
 * The real app (createApp, as the server's entry composes it) over a store of the engine under test, listening on a
 * loopback port: requests go over HTTP with fetch, as a client's do.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../sync-server/app';
import { serviceContext, type PublishHooks, type ServiceContext } from '../../sync-server/services/context';
import { createToken } from '../../sync-server/services/tokens';
import type { Role } from '../../sync-server/services/access';
import { afterEach, expect } from 'vitest';
import type { Store } from '../../sync-server/storage/store';
import type { EngineHandle } from '../storage/engines';
import { tickingClock } from '../services/fixtures';

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
  /** The answer's size in bytes. */
  bytes: number;
}

export interface HttpServer {
  base: string;
  services: ServiceContext;
  admin: string;
  /** A token bound to `workbookId` (default the mini workbook's `mini`). */
  token(role: Role, label: string, tracks?: string[], workbookId?: string): Promise<string>;
  call<T = any>(method: string, path: string, token: string | null, body?: unknown, headers?: Record<string, string>): Promise<Answer<T>>;
  close(): Promise<void>;
}

export async function serveOver(store: Store, hooks?: PublishHooks): Promise<HttpServer> {
  const services = serviceContext(store, { now: tickingClock(), hooks });
  const app = createApp({ services, today: () => '2026-11-23' });
  const server = await new Promise<ReturnType<typeof serve>>((done) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => done(s));
  });
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const admin = (await createToken(services, { role: 'admin', label: 'Admin', actor: 'test' })).token;
  return {
    base, services, admin,
    token: async (role, label, tracks, workbookId = 'mini') => (await createToken(services, { role, label, tracks, workbookId, actor: 'Admin' })).token,
    async call(method, path, token, body, headers = {}) {
      const res = await fetch(base + path, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = text;
      }
      return { status: res.status, body: parsed as never, headers: res.headers, bytes: Buffer.byteLength(text) };
    },
    close: () => new Promise<void>((done) => {
      if ('closeAllConnections' in server) server.closeAllConnections();
      server.close(() => done());
    }),
  };
}

/**
 * For a test file: `connectedMini(h)` serves a fresh store of the engine under test with the mini workbook
 * connected (by the admin token); the servers close after each test.
 */
export function miniServers(): { connectedMini(h: EngineHandle, hooks?: PublishHooks): Promise<HttpServer> } {
  let open: HttpServer[] = [];
  afterEach(async () => {
    await Promise.all(open.map((s) => s.close()));
    open = [];
  });
  return {
    async connectedMini(h, hooks) {
      const server = await serveOver(await h.open(), hooks);
      open.push(server);
      expect((await server.call('POST', '/v1/workbooks', server.admin, { spreadsheetId: 'mini', name: 'Mini Co' })).status).toBe(200);
      return server;
    },
  };
}
