import { describe, expect, it } from 'vitest';
import { createApp } from '../../sync-server/app';
import { pathRoutes } from '../../sync-server/routes/paths';
import { snapshotOf } from './builder';
import { SALES_SPEC } from './fixtures';

const DOC = { openapi: '3.1.0', info: { title: 'test', version: '0' } };

/** The real app (its error handling, body limits) with the path routes mounted, whether or not app.ts mounts them yet. */
function appWithPaths() {
  const app = createApp();
  if (!app.getOpenAPI31Document(DOC).paths?.['/v1/paths']) app.route('/', pathRoutes());
  return app;
}

const app = appWithPaths();
const snapshot = snapshotOf(SALES_SPEC);

const post = (path: string, body: unknown) =>
  app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('POST /v1/paths', () => {
  it('answers the ordered path', async () => {
    const res = await post('/v1/paths', { snapshot, trackId: 'CS' });
    expect(res.status).toBe(200);
    const path = await res.json();
    expect(path.steps.map((s: { moduleId: string }) => s.moduleId)).toEqual(['S-1', 'M-1', 'M-2']);
    expect(path.steps[2].gate).toEqual({ text: 'assessment >= 70%', kind: 'assessment', minPercent: 70 });
    expect(path.steps[2].reasons).toContain('after M-1: it develops Product knowledge, which Consultative selling depends on');
  });

  it('answers the path to a level', async () => {
    const res = await post('/v1/paths', { snapshot, trackId: 'CS', levelCode: 'CS1' });
    expect((await res.json()).steps.map((s: { moduleId: string }) => s.moduleId)).toEqual(['S-1', 'M-1']);
  });

  it('404 for an unknown track or level, 422 for a loop, in the error shape', async () => {
    const unknown = await post('/v1/paths', { snapshot, trackId: 'NOPE' });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toMatchObject({ code: 'unknown-track', trackId: 'NOPE' });
    expect((await post('/v1/paths', { snapshot, trackId: 'CS', levelCode: 'CS9' })).status).toBe(404);
    const loop = await post('/v1/paths', { snapshot, trackId: 'LOOP' });
    expect(loop.status).toBe(422);
    expect((await loop.json()).error).toMatchObject({ code: 'path-cycle', findingCode: 'prerequisite-cycle', cycle: ['L-1', 'L-2', 'L-1'] });
  });

  it('400 when the body does not match the schema', async () => {
    const res = await post('/v1/paths', { snapshot });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('invalid-body');
  });
});

describe('POST /v1/analyze', () => {
  it('answers overlaps, foundation candidates and over-segmentation', async () => {
    const res = await post('/v1/analyze', { snapshot });
    expect(res.status).toBe(200);
    const analysis = await res.json();
    expect(analysis.overlaps).toEqual([
      { a: 'CS', b: 'SAL', common: 1, share: 0.25 },
      { a: 'CS', b: 'LOOP', common: 0, share: 0 },
      { a: 'SAL', b: 'LOOP', common: 0, share: 0 },
    ]);
    expect(analysis.foundationCandidates.map((c: { competencyId: string }) => c.competencyId)).toEqual(['ORG']);
    expect(analysis.overSegmented).toEqual([]);
  });
});

describe('OpenAPI', () => {
  it('documents the routes with their request and response schemas', () => {
    const doc = app.getOpenAPI31Document(DOC);
    for (const p of ['/v1/paths', '/v1/analyze']) expect(doc.paths?.[p]?.post).toBeDefined();
    expect(Object.keys(doc.components?.schemas ?? {})).toEqual(expect.arrayContaining(['TrackPath', 'PathStep', 'PathError', 'TrackAnalysis']));
  });
});
