import { createRoute, z } from '@hono/zod-openapi';
import { errorBody, ErrorBodySchema } from '../errors';
import { DATABASE_RETRY_AFTER_SECONDS, reasonOf } from '../storage/availability';
import type { Store } from '../storage/store';
import { createRouter } from './router';

const HealthSchema = z.object({ status: z.literal('ok') }).openapi('Health');
const ReadySchema = z.object({
  status: z.literal('ready'),
  storage: z.enum(['sqlite', 'postgres', 'none']).openapi({ description: 'The store the server answered from; none for a server without storage.' }),
}).openapi('Ready');

const health = createRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Liveness check: the process answers',
  description: 'Does not look at the database: a load balancer restarting the server because the database is down would not help. Use /readyz for that.',
  tags: ['system'],
  responses: { 200: { description: 'The server process is up.', content: { 'application/json': { schema: HealthSchema } } } },
});

const ready = createRoute({
  method: 'get',
  path: '/readyz',
  summary: 'Readiness check: the server can reach its database',
  description: 'One round trip to the store. While the database is down this answers 503 database-unavailable with Retry-After, and the server keeps running; it answers 200 again by itself once the database is back.',
  tags: ['system'],
  responses: {
    200: { description: 'Ready to serve.', content: { 'application/json': { schema: ReadySchema } } },
    503: { description: 'The database cannot be reached.', content: { 'application/json': { schema: ErrorBodySchema } } },
  },
});

/** `/healthz` (liveness) and `/readyz` (the store answers). */
export function healthRoutes(store?: Store) {
  return createRouter()
    .openapi(health, (c) => c.json({ status: 'ok' as const }, 200))
    .openapi(ready, async (c) => {
      if (!store) return c.json({ status: 'ready' as const, storage: 'none' as const }, 200);
      try {
        await store.ping();
        return c.json({ status: 'ready' as const, storage: store.engine }, 200);
      } catch (err) {
        // Whatever the reason, a store that does not answer `select 1` cannot serve requests.
        return c.json(errorBody('database-unavailable', `The database cannot be reached: ${reasonOf(err)}.`), 503, { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) });
      }
    });
}
