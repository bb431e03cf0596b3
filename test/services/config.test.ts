import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_DATA_DIR, loadConfig, projectRoot, readServerConfig } from '../../sync-server/config';

describe('loadConfig', () => {
  it('defaults to the embedded store in <project>/.data (wherever it runs from), 127.0.0.1:8787, with no AI key', () => {
    expect(DEFAULT_DATA_DIR).toBe(resolve(import.meta.dirname, '../../.data'));
    expect(projectRoot()).toBe(resolve(import.meta.dirname, '../..'));
    expect(loadConfig({})).toEqual({
      port: 8787,
      host: '127.0.0.1',
      bodyLimitBytes: 50 * 1024 * 1024,
      storage: { engine: 'sqlite', dataDir: DEFAULT_DATA_DIR },
      databaseWaitMs: 30_000,
      ai: { apiKey: undefined, baseUrl: undefined, model: 'gpt-4o-mini' },
      reportRefreshMinutes: 15,
      reportThresholds: {},
      limits: { perTokenPerMinute: 1200, perAddressPerMinute: 120, trustedProxies: 0 },
    });
  });

  it('switches to PostgreSQL with DATABASE_URL and reads the rest', () => {
    const c = loadConfig({ PORT: '9000', DATABASE_URL: 'postgres://u@db/rungs', RUNGS_DATA_DIR: '/x', OPENAI_API_KEY: 'sk-1', OPENAI_BASE_URL: 'http://127.0.0.1:4010/v1', RUNGS_AI_MODEL: 'm', RUNGS_REPORT_REFRESH_MINUTES: '5' });
    expect(c).toMatchObject({ port: 9000, reportRefreshMinutes: 5, storage: { engine: 'postgres', url: 'postgres://u@db/rungs' }, ai: { apiKey: 'sk-1', baseUrl: 'http://127.0.0.1:4010/v1', model: 'm' } });
  });

  it('keeps the data directory when no DATABASE_URL is set, and treats blank variables as unset', () => {
    expect(loadConfig({ RUNGS_DATA_DIR: '/var/lib/rungs', DATABASE_URL: ' ', OPENAI_API_KEY: '' })).toMatchObject({ storage: { engine: 'sqlite', dataDir: '/var/lib/rungs' }, ai: { apiKey: undefined } });
  });

  it('reads report thresholds as JSON, refusing unknown keys and negative numbers', () => {
    expect(loadConfig({ RUNGS_REPORT_THRESHOLDS: '{"calibrationOffset":0.75,"maxEmployeeRows":20}' }).reportThresholds).toEqual({ calibrationOffset: 0.75, maxEmployeeRows: 20 });
    expect(() => loadConfig({ RUNGS_REPORT_THRESHOLDS: '{"calibrationOfset":1}' })).toThrow(/RUNGS_REPORT_THRESHOLDS: must be a JSON object of report thresholds/);
    expect(() => loadConfig({ RUNGS_REPORT_THRESHOLDS: '{"agreementSpan":-1}' })).toThrow(/RUNGS_REPORT_THRESHOLDS/);
    expect(() => loadConfig({ RUNGS_REPORT_THRESHOLDS: 'lenient' })).toThrow(/RUNGS_REPORT_THRESHOLDS: must be JSON/);
  });

  it('names every bad variable', () => {
    const err = (() => {
      try {
        loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/PORT: /);
    expect((err as Error).message).toMatch(/DATABASE_URL: must start with postgres/);
  });

  it('reads how long a starting server waits for PostgreSQL, and HOST', () => {
    expect(loadConfig({ RUNGS_DATABASE_WAIT_SECONDS: '5', HOST: '0.0.0.0' })).toMatchObject({ databaseWaitMs: 5000, host: '0.0.0.0' });
    expect(() => loadConfig({ RUNGS_DATABASE_WAIT_SECONDS: '-1' })).toThrow(/RUNGS_DATABASE_WAIT_SECONDS/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db:port/rungs' })).toThrow(/DATABASE_URL/);
  });

  it('still gives the server part alone', () => {
    expect(readServerConfig({ PORT: '0', HOST: '127.0.0.1', BODY_LIMIT_MB: '1' })).toEqual({ port: 0, host: '127.0.0.1', bodyLimitBytes: 1024 * 1024 });
  });
});
