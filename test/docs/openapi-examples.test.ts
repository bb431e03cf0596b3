import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_SNAPSHOT, operationExamples } from '../../sync-server/api-doc/examples';
import { createApp } from '../../sync-server/app';
import { serviceContext } from '../../sync-server/services/context';
import { createToken } from '../../sync-server/services/tokens';
import { openStore, type Store } from '../../sync-server/storage/store';
import { ROOT } from '../cli/run-rungs';

interface Media { schema?: unknown; example?: unknown }
interface Operation {
  requestBody?: { content?: Record<string, Media> };
  responses?: Record<string, { description?: string; content?: Record<string, Media> }>;
}
type Doc = { paths: Record<string, Record<string, Operation>> };

/** A JSON pointer into the document, for Ajv to resolve the schema and its $refs in place. */
const pointer = (...parts: string[]) => `openapi.json#/${parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

/** The API reference's examples: each names a real route, matches the schema it illustrates, and is what the server does. */
describe('the OpenAPI document served at /openapi.json', () => {
  let dir: string;
  let store: Store;
  let app: ReturnType<typeof createApp>;
  let doc: Doc;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'rungs-openapi-'));
    store = await openStore({ engine: 'sqlite', dataDir: dir });
    app = createApp({ services: serviceContext(store) });
    doc = (await (await app.request('/openapi.json')).json()) as Doc;
    ajv.addSchema(doc as object, 'openapi.json');
  });
  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const operations = () => Object.entries(doc.paths).flatMap(([p, item]) => Object.entries(item).map(([method, op]) => ({ key: `${method} ${p}`, p, method, op })));

  it('has examples for the main routes, each on a route, content type and status the route has', () => {
    const examples = operationExamples();
    for (const key of ['post /v1/validate', 'post /v1/workbooks', 'post /v1/workbooks/{spreadsheetId}/tracks/{trackId}/drafts',
      'post /v1/workbooks/{spreadsheetId}/tracks/{trackId}/publish', 'post /v1/workbooks/{spreadsheetId}/records/{kind}',
      'post /v1/workbooks/{spreadsheetId}/reports/refresh', 'get /v1/workbooks/{spreadsheetId}/reports']) expect(Object.keys(examples), key).toContain(key);
    const byKey = new Map(operations().map((o) => [o.key, o.op]));
    for (const [key, given] of Object.entries(examples)) {
      const op = byKey.get(key);
      expect(op, `${key} is not a route`).toBeDefined();
      if (given.request) expect(op!.requestBody?.content?.[given.request.contentType]?.example, `${key} request`).toEqual(given.request.value);
      for (const status of Object.keys(given.responses ?? {})) expect(op!.responses?.[status]?.content?.['application/json']?.example, `${key} ${status}`).toBeDefined();
    }
  });

  it('every example matches the schema beside it', () => {
    let checked = 0;
    for (const { key, p, method, op } of operations()) {
      const media: [string[], Media][] = [
        ...Object.entries(op.requestBody?.content ?? {}).map(([type, m]): [string[], Media] => [['requestBody', 'content', type], m]),
        ...Object.entries(op.responses ?? {}).flatMap(([status, r]) => Object.entries(r.content ?? {}).map(([type, m]): [string[], Media] => [['responses', status, 'content', type], m])),
      ];
      for (const [where, m] of media) {
        if (m.example === undefined || m.schema === undefined) continue;
        const valid = ajv.validate({ $ref: pointer('paths', p, method, ...where, 'schema') }, m.example);
        expect(valid, `${key} ${where.join(' ')}: ${ajv.errorsText(ajv.errors)}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('describes every error answer in words, and shows an example of the common error body', () => {
    let common = 0;
    for (const { key, op } of operations()) {
      for (const [status, r] of Object.entries(op.responses ?? {})) {
        if (Number(status) < 400) continue;
        expect(r.description, `${key} ${status}`).not.toMatch(/^(Error)?$/);
        const media = r.content?.['application/json'];
        if ((media?.schema as { $ref?: string } | undefined)?.$ref !== '#/components/schemas/ErrorBody') continue;
        expect(media?.example, `${key} ${status}`).toBeDefined();
        common++;
      }
    }
    expect(common).toBeGreaterThan(50);
  });

  it('every curl request of the HTTP API page is a route of the document', () => {
    const page = readFileSync(path.join(ROOT, 'docs', 'http-api.md'), 'utf8');
    const calls = [...page.matchAll(/curl [^\n]*?(?:-X (\w+) )?\$S(\/[^\s"']*)/g)].map((m) => ({ method: (m[1] ?? 'GET').toLowerCase(), url: m[2] }));
    expect(calls.length).toBeGreaterThanOrEqual(8);
    const routes = operations().map((o) => ({ method: o.method, pattern: new RegExp(`^${o.p.replace(/\{[^}]+\}/g, '[^/]+')}$`) }));
    for (const call of calls) expect(routes.some((r) => r.method === call.method && r.pattern.test(call.url)), `${call.method} ${call.url}`).toBe(true);
  });

  it('the draft example is a workbook the server saves without a finding', async () => {
    const token = (await createToken(serviceContext(store), { role: 'admin', label: 'examples', actor: 'test' })).token;
    const send = (url: string, body: unknown) =>
      app.request(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const connect = operationExamples()['post /v1/workbooks'].request!.value;
    expect((await send('/v1/workbooks', connect)).status).toBe(200);
    const saved = await send(`/v1/workbooks/${EXAMPLE_SNAPSHOT.spreadsheetId}/tracks/CS/drafts`, EXAMPLE_SNAPSHOT);
    expect(saved.status).toBe(201);
    expect(await saved.json()).toMatchObject({ errors: 0, warnings: 0, findings: [] });
  });
});
