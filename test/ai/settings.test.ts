import { describe, expect, it } from 'vitest';
import { ProposalCache, requestKey } from '../../sync-server/ai/cache';
import { createAiRuntime } from '../../sync-server/ai/runtime';
import { DEFAULT_AI_DAILY_LIMIT, readAiSettings } from '../../sync-server/ai/settings';
import { loadConfig } from '../../sync-server/config';

describe('AI settings, runtime and cache', () => {
  it('key, base URL and model come from config; limits from RUNGS_AI_* with defaults', () => {
    const config = loadConfig({ OPENAI_API_KEY: 'sk-x', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', RUNGS_AI_MODEL: 'm' });
    const s = readAiSettings(config.ai, {});
    expect(s).toMatchObject({ apiKey: 'sk-x', baseUrl: 'http://127.0.0.1:9/v1', model: 'm', dailyLimit: DEFAULT_AI_DAILY_LIMIT, maxRetries: 1, cacheTtlMs: 600_000 });
    expect(readAiSettings(config.ai, { RUNGS_AI_DAILY_LIMIT: '5', RUNGS_AI_TIMEOUT_MS: '2000' })).toMatchObject({ dailyLimit: 5, timeoutMs: 2000 });
    expect(() => readAiSettings(config.ai, { RUNGS_AI_DAILY_LIMIT: 'many' })).toThrow(/RUNGS_AI_DAILY_LIMIT/);
  });

  it('no key: no client', () => {
    expect(createAiRuntime(readAiSettings(loadConfig({}).ai, {})).client).toBeNull();
    expect(createAiRuntime(readAiSettings(loadConfig({ OPENAI_API_KEY: 'sk-x' }).ai, {})).client?.model).toBe('gpt-4o-mini');
  });

  it('cache entries expire after the window; keys differ by model and prompt', () => {
    let t = 0;
    const cache = new ProposalCache(1000, () => t);
    const k = requestKey('m', 'levels', [{ role: 'user', content: 'a' }]);
    expect(k).not.toBe(requestKey('m2', 'levels', [{ role: 'user', content: 'a' }]));
    expect(k).not.toBe(requestKey('m', 'levels', [{ role: 'user', content: 'b' }]));
    cache.set(k, []);
    t = 999;
    expect(cache.get(k)).toEqual([]);
    t = 2001;
    expect(cache.get(k)).toBeUndefined();
  });
});
