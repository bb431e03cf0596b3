import { OpenAPIHono, type Hook, type z } from '@hono/zod-openapi';
import { HttpError } from '../errors';
import type { Principal } from '../services/access';
import type { ServiceContext } from '../services/context';
import { describeIssues } from '../zod-issues';

/** What the app's middleware (app.ts, ../middleware) puts in a request's context for the routes. */
export interface AppVariables {
  /** The storage-backed services; absent in an app that serves only the stateless routes. */
  services?: ServiceContext;
  /** The caller behind a valid bearer token; null without one. Unset when the app's middleware did not run. */
  principal?: Principal | null;
  /** Why there is no principal, in words for the 401. */
  authProblem?: string;
  /** The largest whole-snapshot body this app accepts (BODY_LIMIT_MB). */
  snapshotBodyBytes?: number;
  /** The Idempotency-Key of this request scoped to its token, workbook and route, while the request holds it. */
  idempotencyKey?: string;
}

/** The app's Hono environment. */
export type AppEnv = { Variables: AppVariables };

const WHAT: Record<string, string> = { json: 'The request body', query: 'The query string', param: 'The path', header: 'A request header' };

/** The 400 for a part of a request (json, query, param, header) that does not match its route's schema. */
export function schemaMismatch(target: string, error: z.ZodError): HttpError {
  const code = target === 'json' ? 'invalid-body' : `invalid-${target}`;
  return new HttpError(400, code, `${WHAT[target] ?? 'The request'} does not match the schema: ${describeIssues(error)}`);
}

/** A request that does not match its route's schema: 400 naming the offending JSON paths. */
export const validationHook: Hook<unknown, AppEnv, string, void> = (result) => {
  if (result.success) return;
  throw schemaMismatch(result.target, result.error);
};

/** Every route module builds its routes on one of these and is mounted with app.route(). */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
