import { afterEach, beforeEach, expect, it } from 'vitest';
import { miniWorkbook } from '../shared/mini-workbook';
import { describeEachEngine } from '../storage/engines';
import { FIVE_COMPETENCIES } from './fixtures';
import { aiApp, testSettings } from './harness';
import { startOpenAiStandIn, type OpenAiStandIn } from './openai-standin';

let standin: OpenAiStandIn;
beforeEach(async () => { standin = await startOpenAiStandIn(); });
afterEach(async () => { await standin.close(); });

describeEachEngine('the production retry setting (maxRetries 1)', (h) => {
  it('a 429 with a short Retry-After is retried once by the SDK and then succeeds', async () => {
    const { post, aiAudit } = await aiApp(h, testSettings({ baseUrl: standin.baseUrl, maxRetries: 1 }));
    standin.script({ kind: 'rate-limit', retryAfterSeconds: 1 }, { kind: 'json', value: FIVE_COMPETENCIES });
    const started = Date.now();
    const res = await post('ENG/ai/competencies', { snapshot: miniWorkbook() });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(standin.requests).toHaveLength(2);
    expect((await aiAudit())[0].details).toMatchObject({ outcome: 'ok', calls: 1 });
  });

  it('two 500s in a row end in a clear message after one SDK retry', async () => {
    const { post } = await aiApp(h, testSettings({ baseUrl: standin.baseUrl, maxRetries: 1 }));
    standin.script({ kind: 'server-error' }, { kind: 'server-error' });
    const res = await post('ENG/ai/levels', { snapshot: miniWorkbook() });
    expect(res.status).toBe(502);
    expect((await res.json()).error.code).toBe('ai-upstream-error');
    expect(standin.requests).toHaveLength(2);
  });
}, ['sqlite']);
