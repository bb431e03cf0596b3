import type { OpenAPIHono } from '@hono/zod-openapi';
import { BEARER_DESCRIPTION, DOC_CONFIG, ERROR_MEANINGS } from './config';
import { operationExamples } from './examples';

export type OpenApiDocument = ReturnType<OpenAPIHono['getOpenAPI31Document']>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface MediaType {
  schema?: unknown;
  example?: unknown;
}
interface ResponseLike {
  description?: string;
  content?: Record<string, MediaType>;
}

/** The routes' common error answer (errors.ts); routes with their own error shape keep theirs. */
const isErrorBody = (schema: unknown) =>
  typeof schema === 'object' && schema !== null && '$ref' in schema && schema.$ref === '#/components/schemas/ErrorBody';

const GENERIC_DESCRIPTIONS = new Set(['Error', 'No such resource.', 'The request is malformed or does not match the schema.']);

/**
 * The routes' own document plus what makes it readable: the bearer scheme explained, every error status
 * described with an example answer, and request and answer examples for the main routes.
 */
export function explainDocument(doc: OpenApiDocument): OpenApiDocument {
  const schemes = doc.components?.securitySchemes ?? {};
  const bearer = schemes.bearer;
  if (bearer && !('$ref' in bearer)) bearer.description = BEARER_DESCRIPTION;
  const examples = operationExamples();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item?.[method];
      if (!op) continue;
      for (const [status, response] of Object.entries((op.responses ?? {}) as Record<string, ResponseLike>)) {
        const meaning = ERROR_MEANINGS[status];
        if (!meaning || !response || '$ref' in response) continue;
        if (!response.description || GENERIC_DESCRIPTIONS.has(response.description)) response.description = meaning.description;
        const media = response.content?.['application/json'];
        if (media && media.example === undefined && isErrorBody(media.schema)) media.example = { error: { code: meaning.code, message: meaning.message } };
      }
      const given = examples[`${method} ${path}`];
      if (!given) continue;
      const body = op.requestBody;
      if (given.request && body && !('$ref' in body)) {
        const media = body.content?.[given.request.contentType] as MediaType | undefined;
        if (media) media.example = given.request.value;
      }
      for (const [status, value] of Object.entries(given.responses ?? {})) {
        const response = (op.responses as Record<string, ResponseLike> | undefined)?.[status];
        const media = response?.content?.['application/json'];
        if (media) media.example = value;
      }
    }
  }
  return doc;
}

/** The app's OpenAPI document as `/openapi.json` serves it; built once (the routes are fixed when the app is made). */
export function apiDocument(app: { getOpenAPI31Document(config: typeof DOC_CONFIG): OpenApiDocument }): () => OpenApiDocument {
  let built: OpenApiDocument | undefined;
  return () => (built ??= explainDocument(app.getOpenAPI31Document(DOC_CONFIG)));
}
