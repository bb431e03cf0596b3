/** addon/src/server-client.ts errorFor in Node: the answer for every status the server can send (the bundle test covers the wiring). */
import { describe, expect, it } from 'vitest';
import { SidebarFailure } from '../../addon/src/results';
import { callServer, errorFor } from '../../addon/src/server-client';
import { HealthAnswer } from '../../addon/src/server-answers';
import { createFakeGas } from '../fakes/index';
import { checkServerUrl } from '../../addon/src/settings';

const URL = 'https://rungs.example.com/v1/workbooks/s/tracks/ENG/publish';
const body = (code: string, message: string, findings?: unknown[]) => JSON.stringify({ error: { code, message, ...(findings ? { findings } : {}) } });

describe('errorFor', () => {
  it('maps each status to a code and a message a person can act on', () => {
    expect(errorFor(401, URL, body('unauthorized', 'x'))).toEqual({ code: 'unauthorized', status: 401, message: 'The server did not accept your token. Open Connect and paste a valid token.' });
    expect(errorFor(403, URL, body('forbidden', 'This token is limited to ENG.'))).toEqual({
      code: 'forbidden', status: 403, message: 'Your token is not allowed to do this. The server said: This token is limited to ENG.',
    });
    expect(errorFor(409, URL, body('stale-version', 'x')).message).toBe('Someone published this track after you opened the diff. Review the new diff and publish again.');
    const finding = { sheet: 'Tracks', cell: 'D2', severity: 'error', code: 'bad-email', message: 'Not an email.' };
    expect(errorFor(422, URL, body('has-errors', 'Track ENG cannot be published.', [finding]))).toEqual({
      code: 'invalid', status: 422, message: 'Track ENG cannot be published.', findings: [finding],
    });
    expect(errorFor(429, URL, body('ai-daily-limit', 'Daily limit reached.'))).toMatchObject({ code: 'rate-limited', message: expect.stringContaining('Daily limit reached.') });
    expect(errorFor(503, URL, body('ai-not-configured', 'No key.'))).toEqual({ code: 'ai-not-configured', status: 503, message: 'No key.' });
    expect(errorFor(502, URL, '<html>Bad gateway</html>')).toMatchObject({ code: 'server-error', message: expect.stringContaining('HTTP 502') });
    expect(errorFor(500, URL, body('internal', 'x')).code).toBe('server-error');
    expect(errorFor(404, URL, body('unknown-workbook', 'Workbook s is not connected.')).code).toBe('not-connected');
    expect(errorFor(404, URL, body('unknown-draft', 'Track ENG has no draft 9.'))).toEqual({ code: 'bad-input', status: 404, message: 'Track ENG has no draft 9.' });
    // Not a Rungs server (or a proxy's page): the path it did not find.
    expect(errorFor(404, URL, '<html>Not Found</html>').message).toBe('The server has no /v1/workbooks/s/tracks/ENG/publish. Is the server URL right?');
  });

  it('a 422 whose body is not the error JSON still says the content was refused', () => {
    expect(errorFor(422, URL, 'nope')).toEqual({ code: 'invalid', status: 422, message: 'The server refused the workbook content.' });
  });
});

describe('checkServerUrl', () => {
  it('https anywhere, http only on localhost; trailing slashes dropped', () => {
    expect(checkServerUrl(' https://Rungs.example.com/api/ ')).toEqual({ url: 'https://Rungs.example.com/api' });
    expect(checkServerUrl('http://localhost:8787')).toEqual({ url: 'http://localhost:8787' });
    expect(checkServerUrl('http://127.0.0.1:9/')).toEqual({ url: 'http://127.0.0.1:9' });
    expect(checkServerUrl('http://10.0.0.5')).toHaveProperty('problem');
    expect(checkServerUrl('https://rungs.example.com/?x=1')).toHaveProperty('problem');
    expect(checkServerUrl('')).toHaveProperty('problem');
  });
});

describe('callServer', () => {
  it('a body over UrlFetchApp\'s 50 MB says the workbook is too large, not that the server is unreachable', () => {
    const gas = createFakeGas();
    const restore = gas.install();
    try {
      const huge = { sheets: [{ name: 'Big', values: [['x'.repeat(51 * 1024 * 1024)]] }] };
      let caught: unknown;
      try {
        callServer({ serverUrl: 'https://rungs.example.com', token: 't' }, { method: 'post', path: '/v1/x', body: huge, answer: HealthAnswer });
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(SidebarFailure);
      expect((caught as SidebarFailure).error).toMatchObject({ code: 'bad-input', message: expect.stringContaining('too large to send') });
      expect(gas.UrlFetchApp.requests).toEqual([]);
    } finally {
      restore();
    }
  });
});
