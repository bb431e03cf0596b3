/**
 * The yardstick of the HTTP benches: a bare Hono + @hono/node-server app that reads and parses the same JSON body
 * as POST /v1/validate and answers an empty list of findings. Prints the same "listening" line as the server.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';

const app = new Hono();
app.post('/v1/validate', async (c) => {
  const body = (await c.req.json()) as { sheets?: unknown[] };
  return c.json({ findings: [], sheets: Array.isArray(body.sheets) ? body.sheets.length : 0 });
});
app.get('/healthz', (c) => c.json({ ok: true }));

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' }, (info: AddressInfo) => {
  process.stdout.write(JSON.stringify({ msg: 'listening', port: info.port }) + '\n');
});
process.on('SIGTERM', () => process.exit(0));
