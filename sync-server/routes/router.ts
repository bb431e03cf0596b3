import { OpenAPIHono, type Hook } from '@hono/zod-openapi';
import type { Env } from 'hono';
import { HttpError } from '../errors';
import { describeIssues } from '../zod-issues';

/** The app's Hono environment; grows as middleware adds context variables. */
export type AppEnv = Env;

const WHAT: Record<string, string> = { json: 'The request body', query: 'The query string', param: 'The path', header: 'A request header' };

/** A request that does not match its route's schema: 400 naming the offending JSON paths. */
export const validationHook: Hook<unknown, AppEnv, string, void> = (result) => {
  if (result.success) return;
  const code = result.target === 'json' ? 'invalid-body' : `invalid-${result.target}`;
  throw new HttpError(400, code, `${WHAT[result.target] ?? 'The request'} does not match the schema: ${describeIssues(result.error)}`);
};

/** Every route module builds its routes on one of these and is mounted with app.route(). */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
