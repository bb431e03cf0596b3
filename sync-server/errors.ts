import { z } from '@hono/zod-openapi';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Finding } from '../shared';
import { FindingDocSchema } from './openapi-schemas';

export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ description: 'Stable, machine-readable: invalid-body, malformed-json, body-too-large, not-found, internal, ...' }),
      message: z.string().openapi({ description: 'Plain language, for a person.' }),
      findings: z.array(FindingDocSchema).optional().openapi({ description: 'When the request was refused because of what the workbook holds.' }),
    }),
  })
  .openapi('ErrorBody');
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** An error the API answers with on purpose: the onError handler turns it into `{ error: { code, message, findings? } }`. */
export class HttpError extends Error {
  override readonly name = 'HttpError';

  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly findings?: Finding[],
  ) {
    super(message);
  }
}

/** Why the server refused to start, in one line for the operator; the process exits with `exitCode`. */
export class StartError extends Error {
  override readonly name = 'StartError';

  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

export function errorBody(code: string, message: string, findings?: Finding[]): ErrorBody {
  return { error: findings ? { code, message, findings } : { code, message } };
}

const DESCRIPTIONS: Partial<Record<number, string>> = {
  400: 'The request is malformed or does not match the schema.',
  404: 'No such resource.',
  413: 'The body is larger than the server accepts.',
  415: 'The body is not JSON (send Content-Type: application/json).',
  500: 'Unexpected server failure.',
  503: 'The database cannot be reached right now (`database-unavailable`); try again after the Retry-After seconds.',
};

/** OpenAPI `responses` entries for error statuses, all with the one error body. */
export function errorResponses<const S extends readonly (keyof typeof DESCRIPTIONS & number)[]>(...statuses: S) {
  const out: Record<number, { description: string; content: { 'application/json': { schema: typeof ErrorBodySchema } } }> = {};
  for (const s of statuses) out[s] = { description: DESCRIPTIONS[s] ?? 'Error', content: { 'application/json': { schema: ErrorBodySchema } } };
  return out as { [K in S[number]]: { description: string; content: { 'application/json': { schema: typeof ErrorBodySchema } } } };
}
