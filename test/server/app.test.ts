import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { FindingSchema } from '../../shared';
import { createApp } from '../../sync-server/app';
import { ErrorBodySchema } from '../../sync-server/errors';
import { FIXTURE_TODAY, snapshotWithout, validSnapshot } from './fixtures';

const ValidationAnswerSchema = z.object({ findings: z.array(FindingSchema), totalFindings: z.number().int() }).strict();

const app = createApp({ today: () => FIXTURE_TODAY });

function postJson(path: string, body: string, appUnderTest = app): Promise<Response> {
  return Promise.resolve(appUnderTest.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body }));
}

async function errorOf(res: Response) {
  return ErrorBodySchema.parse(await res.json()).error;
}

describe('POST /v1/validate', () => {
  test('a valid snapshot answers 200 with no findings', async () => {
    const res = await postJson('/v1/validate', JSON.stringify(validSnapshot()));
    expect(res.status).toBe(200);
    expect(ValidationAnswerSchema.parse(await res.json())).toEqual({ findings: [], totalFindings: 0 });
  });

  test('a missing tab is a finding (still 200): sheet, cell, code, severity', async () => {
    const res = await postJson('/v1/validate', JSON.stringify(snapshotWithout('Modules')));
    expect(res.status).toBe(200);
    const { findings } = ValidationAnswerSchema.parse(await res.json());
    expect(findings).toContainEqual(expect.objectContaining({ sheet: 'Modules', cell: 'A1', code: 'missing-tab', severity: 'error' }));
  });

  test('the today query parameter must be a date', async () => {
    const res = await postJson('/v1/validate?today=yesterday', JSON.stringify(validSnapshot()));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('invalid-query');
  });

  test('malformed JSON answers 400 malformed-json', async () => {
    const res = await postJson('/v1/validate', '{"spreadsheetId": "x", "sheets": [');
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('malformed-json');
  });

  test('wrong types answer 400 invalid-body naming the JSON path', async () => {
    const res = await postJson('/v1/validate', JSON.stringify({ spreadsheetId: 42, sheets: [{ name: 'Tracks', values: [['Track ID', { a: 1 }]] }] }));
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('invalid-body');
    expect(error.message).toContain('spreadsheetId');
    expect(error.message).toContain('sheets[0].values[0][1]');
  });

  test('a body that is not JSON answers 415', async () => {
    const res = await app.request('/v1/validate', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'a,b' });
    expect(res.status).toBe(415);
    expect((await errorOf(res)).code).toBe('unsupported-media-type');
  });

  test('a body over the limit answers 413', async () => {
    const small = createApp({ bodyLimitBytes: 1024 });
    const res = await postJson('/v1/validate', JSON.stringify({ spreadsheetId: 'x'.repeat(2048), sheets: [] }), small);
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe('body-too-large');
  });
});

describe('the rest of the surface', () => {
  test('GET /healthz', async () => {
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  test('an unknown route answers 404 in the error shape', async () => {
    const res = await app.request('/v1/nothing-here');
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('not-found');
  });

  test('an unexpected failure answers 500 without leaking the stack, and is logged', async () => {
    const logged: string[] = [];
    const failing = createApp({ today: () => { throw new Error('clock exploded at /secret/path.ts:12'); }, logger: { info: () => {}, error: (msg, f) => logged.push(`${msg} ${JSON.stringify(f)}`) } });
    const res = await postJson('/v1/validate', JSON.stringify(validSnapshot()), failing);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('secret');
    expect(ErrorBodySchema.parse(JSON.parse(text)).error.code).toBe('internal');
    expect(logged.join('\n')).toContain('clock exploded');
  });

  test('GET /openapi.json documents /v1/validate with its body and error schemas', async () => {
    const res = await app.request('/openapi.json');
    expect(res.status).toBe(200);
    const doc = z.object({ openapi: z.string(), paths: z.record(z.string(), z.record(z.string(), z.unknown())), components: z.object({ schemas: z.record(z.string(), z.unknown()) }) }).parse(await res.json());
    expect(doc.paths['/v1/validate']).toHaveProperty('post');
    expect(doc.paths['/healthz']).toHaveProperty('get');
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['WorkbookSnapshot', 'Finding', 'ErrorBody']));
  });

  test('GET /reference is a page that renders the same document (in a browser: test/docs/reference-page.test.ts)', async () => {
    const res = await app.request('/reference');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('reference/assets/swagger-ui-bundle.js');
  });

  test('every request is logged with method, path, status and duration', async () => {
    const lines: Record<string, unknown>[] = [];
    const logged = createApp({ logger: { info: (msg, f) => lines.push({ msg, ...f }), error: () => {} } });
    await logged.request('/nowhere');
    expect(lines).toEqual([expect.objectContaining({ msg: 'request', method: 'GET', path: '/nowhere', status: 404, ms: expect.any(Number) })]);
  });
});
