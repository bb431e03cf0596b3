import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from './router';

const HealthSchema = z.object({ status: z.literal('ok') }).openapi('Health');

const health = createRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Liveness check',
  tags: ['system'],
  responses: { 200: { description: 'The server is up.', content: { 'application/json': { schema: HealthSchema } } } },
});

export function healthRoutes() {
  return createRouter().openapi(health, (c) => c.json({ status: 'ok' as const }, 200));
}
