import { afterEach, beforeEach, expect, it } from 'vitest';
import { miniWorkbook } from '../shared/mini-workbook';
import { describeEachEngine } from '../storage/engines';
import { aiApp, testSettings } from './harness';
import { FIVE_COMPETENCIES } from './fixtures';
import { startOpenAiStandIn, type OpenAiStandIn } from './openai-standin';

let standin: OpenAiStandIn;
beforeEach(async () => { standin = await startOpenAiStandIn(); });
afterEach(async () => { await standin.close(); });

const setup = (h: Parameters<typeof aiApp>[0], over = {}) => aiApp(h, testSettings({ baseUrl: standin.baseUrl, ...over }));
const body = { snapshot: miniWorkbook() };

describeEachEngine('AI generation through the routes with the real openai SDK (F6)', (h) => {
  it('canned structured output -> a proposal of new Competencies rows, with tokens and outcome audited', async () => {
    const { post, aiAudit } = await setup(h);
    standin.script({ kind: 'json', value: FIVE_COMPETENCIES, usage: { prompt: 300, completion: 200 } });
    const res = await post('ENG/ai/competencies', body);
    expect(res.status).toBe(200);
    const p = await res.json();
    expect(p).toMatchObject({ operation: 'competencies', trackId: 'ENG', model: 'standin-model', cached: false });
    expect(p.items).toHaveLength(5);
    expect(p.items[0]).toEqual({
      kind: 'row', id: 'competency:ENG-10', sheet: 'Competencies', basedOn: '', match: { 'Competency ID': 'ENG-10' },
      values: { 'Competency ID': 'ENG-10', 'Competency Name': 'Debugging', Scope: 'Role', 'Depends On': 'E1', Description: 'Finds root causes' },
    });
    expect(standin.requests).toHaveLength(1);
    expect(standin.requests[0].authorization).toBe('Bearer sk-test');
    expect(standin.requests[0].body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'competencies', strict: true } });
    const [entry] = await aiAudit();
    expect(entry).toMatchObject({ actor: 'Admin', workbookId: 'mini', trackId: 'ENG' });
    expect(entry.details).toMatchObject({ operation: 'competencies', model: 'standin-model', tokens: 500, outcome: 'ok', calls: 1, items: 5 });
  });

  it('malformed JSON is asked for once more, then reported; nothing proposed', async () => {
    const { post, aiAudit } = await setup(h);
    standin.script({ kind: 'malformed' }, { kind: 'json', value: { competencies: [{ id: 'bad id', name: 'x' }] } });
    const res = await post('ENG/ai/competencies', body);
    expect(res.status).toBe(502);
    expect((await res.json()).error).toEqual({ code: 'ai-invalid-output', message: expect.stringMatching(/did not match the expected format/) });
    expect(standin.requests).toHaveLength(2);
    expect((await aiAudit())[0].details).toMatchObject({ outcome: 'invalid-output', items: 0 });
  });

  it('malformed once, then valid: the retry succeeds', async () => {
    const { post } = await setup(h);
    standin.script({ kind: 'malformed' }, { kind: 'json', value: FIVE_COMPETENCIES });
    const res = await post('ENG/ai/competencies', body);
    expect(res.status).toBe(200);
    expect((await res.json()).items).toHaveLength(5);
    expect(standin.requests).toHaveLength(2);
  });

  it('a refusal ends in a clear message', async () => {
    const { post, aiAudit } = await setup(h);
    standin.script({ kind: 'refusal', message: 'I cannot help with that.' });
    const res = await post('ENG/ai/competencies', body);
    expect(res.status).toBe(422);
    expect((await res.json()).error).toEqual({ code: 'ai-refused', message: 'The AI declined: I cannot help with that.' });
    expect((await aiAudit())[0].details).toMatchObject({ outcome: 'refused' });
  });

  it('429 with Retry-After ends in a clear message naming the wait', async () => {
    const { post, aiAudit } = await setup(h);
    standin.script({ kind: 'rate-limit', retryAfterSeconds: 30 });
    const res = await post('ENG/ai/levels', body);
    expect(res.status).toBe(503);
    expect((await res.json()).error).toEqual({ code: 'ai-rate-limited', message: expect.stringContaining('try again in 30 seconds') });
    expect((await aiAudit())[0].details).toMatchObject({ outcome: 'rate-limited', operation: 'levels' });
  });

  it('500 ends in a clear message', async () => {
    const { post } = await setup(h);
    standin.script({ kind: 'server-error' });
    const res = await post('ENG/ai/levels', body);
    expect(res.status).toBe(502);
    expect((await res.json()).error).toEqual({ code: 'ai-upstream-error', message: 'The AI service failed (HTTP 500). Try again later.' });
  });

  it('a model that never answers ends in a timeout message', async () => {
    const { post, aiAudit } = await setup(h, { timeoutMs: 300 });
    standin.script({ kind: 'hang' });
    const started = Date.now();
    const res = await post('ENG/ai/levels', body);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(res.status).toBe(504);
    expect((await res.json()).error.code).toBe('ai-timeout');
    expect((await aiAudit())[0].details).toMatchObject({ outcome: 'timeout' });
  });

  it('without a key every AI route answers 503 ai-not-configured and calls nothing', async () => {
    const { post } = await setup(h, { apiKey: undefined });
    for (const [op, extra] of [['competencies', {}], ['levels', {}], ['matrix', {}], ['rubric', { dimension: 'Design judgement' }]] as const) {
      const res = await post(`ENG/ai/${op}`, { ...body, ...extra });
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ error: { code: 'ai-not-configured', message: 'AI is not configured on this server: set OPENAI_API_KEY (and OPENAI_BASE_URL for another OpenAI-compatible endpoint).' } });
    }
    expect(standin.requests).toHaveLength(0);
  });

  it('an identical request within the window is served from the cache without a model call, and audited as cached', async () => {
    const { post, aiAudit } = await setup(h);
    standin.script({ kind: 'json', value: FIVE_COMPETENCIES });
    const first = await (await post('ENG/ai/competencies', body)).json();
    const second = await post('ENG/ai/competencies', body);
    expect(second.status).toBe(200);
    const p = await second.json();
    expect(p.cached).toBe(true);
    expect(p.items).toEqual(first.items);
    expect(standin.requests).toHaveLength(1);
    const entries = await aiAudit();
    expect(entries.map((e) => e.details.outcome)).toEqual(['cached', 'ok']);
    expect(entries[0].details).toMatchObject({ tokens: 0, calls: 0, cachedCalls: 1 });
  });

  it('Regenerate asks the model again for the same request, and the new answer replaces the cached one', async () => {
    const { post } = await setup(h);
    const other = { ...FIVE_COMPETENCIES, competencies: FIVE_COMPETENCIES.competencies.slice(0, 2) };
    standin.script({ kind: 'json', value: FIVE_COMPETENCIES }, { kind: 'json', value: other });
    const first = await (await post('ENG/ai/competencies', body)).json();
    const again = await (await post('ENG/ai/competencies', { ...body, regenerate: true })).json();
    expect(standin.requests).toHaveLength(2);
    expect(again.cached).toBe(false);
    expect(again.items).toHaveLength(2);
    expect(first.items).toHaveLength(5);
    const cached = await (await post('ENG/ai/competencies', body)).json();
    expect(cached).toMatchObject({ cached: true, items: again.items });
  });

  it('the daily limit per workbook answers 429 without calling the model', async () => {
    const { post } = await setup(h, { dailyLimit: 1 });
    standin.script({ kind: 'json', value: FIVE_COMPETENCIES });
    expect((await post('ENG/ai/competencies', body)).status).toBe(200);
    const res = await post('ENG/ai/levels', body);
    expect(res.status).toBe(429);
    expect((await res.json()).error.code).toBe('ai-daily-limit');
    expect(standin.requests).toHaveLength(1);
  });

  it('a token limited to another track is refused', async () => {
    const { post, services } = await setup(h);
    const { createToken } = await import('../../sync-server/services/tokens');
    const ben = (await createToken(services, { role: 'owner', label: 'Ben', tracks: ['MGR'], workbookId: 'mini', actor: 'Admin' })).token;
    expect((await post('ENG/ai/levels', body, ben)).status).toBe(403);
  });
}, ['sqlite']);
