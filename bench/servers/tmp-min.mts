import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { join } from 'node:path';
const ROOT = '/work/wt/perf-http';
const { validateSnapshot, listFindings } = await import(join(ROOT, 'shared/index.ts'));
const { readSnapshot } = await import(join(ROOT, 'shared/parse/snapshot-shape.ts'));
const app = new Hono();
app.post('/v1/validate', async (c) => {
  const body = await c.req.json();
  const r = readSnapshot(body);
  const { findings, total } = listFindings(validateSnapshot(r.snapshot, { today: '2026-01-01' }));
  return c.json({ findings, totalFindings: total });
});
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: any) => process.stdout.write(JSON.stringify({ msg: 'listening', port: info.port }) + '\n'));
process.on('SIGTERM', () => process.exit(0));
