/**
 * A local HTTP server standing in for the Sheets page around the sidebar: `/` is a host page holding the sidebar in
 * an iframe with Apps Script's sandbox flags, `/sidebar` is the sidebar document (as the add-on's openSidebar built
 * it) with the google.script.run stand-in put first in its <head>, and `POST /run` runs one server function.
 */
import { createServer, type ServerResponse } from 'node:http';
import { listenLocally, readBody } from '../support/local-server';
import { scriptRunStandInSource } from './script-run-standin';

export const SANDBOX = 'allow-same-origin allow-forms allow-scripts allow-popups allow-downloads allow-modals allow-popups-to-escape-sandbox';

/** Runs a server function on arguments already JSON-parsed and answers a JSON text (what crosses back to the browser). */
export type RunFunction = (fn: string, argsJson: string) => string;

export interface SidebarHost {
  /** The host page, http://127.0.0.1:PORT/ */
  url: string;
  /** Every call the sidebar made, in order. */
  calls: { fn: string; args: unknown[] }[];
  /** Makes every following call wait until the returned function is called (to see the page while a call is in flight). */
  hold(): () => void;
  /** The next call fails as Apps Script fails one (e.g. "Exception: Service Spreadsheets timed out"), without running. */
  failNext(message: string): void;
  close(): Promise<void>;
}

export interface SidebarHostOptions {
  /** The sidebar document, built anew at each load as openSidebar builds it. */
  document: () => string;
  /** The functions google.script.run offers (the add-on's top-level functions). */
  functionNames: () => readonly string[];
  run: RunFunction;
}

function hostPage(): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Sheets</title>
<style>body{margin:0;background:#f1f3f4}iframe{border:0;border-left:1px solid #dadce0;background:#fff;width:300px;height:100vh;display:block;margin-left:auto}</style>
</head><body><iframe id="sidebar" title="Rungs" src="/sidebar" sandbox="${SANDBOX}"></iframe></body></html>`;
}


function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
  res.end(body);
}

export async function startSidebarHost(options: SidebarHostOptions): Promise<SidebarHost> {
  const calls: SidebarHost['calls'] = [];
  let gate: Promise<void> | null = null;
  const failures: string[] = [];

  const server = createServer((req, res) => {
    void (async () => {
      if (req.method === 'GET' && req.url === '/') return send(res, 200, 'text/html', hostPage());
      if (req.method === 'GET' && req.url === '/sidebar') {
        const standIn = `<script>${scriptRunStandInSource(options.functionNames(), '/run')}</script>`;
        const doc = options.document().replace(/<head>/i, (head) => `${head}\n${standIn}`);
        return send(res, 200, 'text/html', doc);
      }
      if (req.method === 'POST' && req.url === '/run') {
        const { fn, args } = JSON.parse(await readBody(req)) as { fn: string; args: unknown[] };
        calls.push({ fn, args });
        if (gate) await gate;
        const failure = failures.shift();
        if (failure !== undefined) return send(res, 200, 'application/json', JSON.stringify({ ok: false, message: failure }));
        return send(res, 200, 'application/json', options.run(fn, JSON.stringify(args)));
      }
      send(res, 404, 'text/plain', 'not found');
    })().catch((e: unknown) => send(res, 500, 'text/plain', String(e)));
  });
  const { port, close } = await listenLocally(server);
  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    failNext: (message) => void failures.push(message),
    hold() {
      let release = () => {};
      gate = new Promise<void>((resolve) => (release = resolve));
      return () => {
        gate = null;
        release();
      };
    },
    close,
  };
}
