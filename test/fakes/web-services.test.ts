/** UrlFetchApp (a real HTTP round trip, synchronously), HtmlService, ScriptApp and the new Spreadsheet calls keep the real services' traps. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileTemplate, createFakeGas, FETCH_PAYLOAD_LIMIT } from './index';

function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return String(e);
  }
  throw new Error('expected a throw');
}

/** A tiny HTTP server in another process (this thread blocks during a fetch, so it cannot answer itself). */
const ECHO_SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (d) => (body += d));
  req.on('end', () => {
    if (req.url === '/slow') return;
    const status = req.url === '/fail' ? 500 : 200;
    res.writeHead(status, { 'content-type': 'application/json', 'x-echo': 'yes' });
    res.end(JSON.stringify({ method: req.method, url: req.url, auth: req.headers.authorization ?? null, type: req.headers['content-type'] ?? null, body }));
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

let echo: ChildProcess;
let base: string;

beforeAll(async () => {
  echo = spawn(process.execPath, ['-e', ECHO_SERVER]);
  const port = await new Promise<string>((done) => createInterface({ input: echo.stdout! }).once('line', done));
  base = `http://127.0.0.1:${port}`;
});
afterAll(() => {
  echo?.kill();
});

describe('UrlFetchApp', () => {
  it('sends the request and answers code, text and headers, synchronously', () => {
    const gas = createFakeGas();
    const res = gas.UrlFetchApp.fetch(`${base}/v1/x`, {
      method: 'post', contentType: 'application/json', payload: '{"a":1}', headers: { Authorization: 'Bearer t' }, muteHttpExceptions: true,
    });
    expect(res.getResponseCode()).toBe(200);
    expect(JSON.parse(res.getContentText())).toEqual({ method: 'POST', url: '/v1/x', auth: 'Bearer t', type: 'application/json', body: '{"a":1}' });
    expect(res.getHeaders()).toMatchObject({ 'x-echo': 'yes' });
    expect(gas.log.count('UrlFetchApp.fetch')).toBe(1);
    gas.UrlFetchApp.close();
  });

  it('an object payload goes form-encoded; GET is the default method', () => {
    const gas = createFakeGas();
    const sent = JSON.parse(gas.UrlFetchApp.fetch(`${base}/form`, { method: 'post', payload: { a: 'x y', b: 2 } }).getContentText());
    expect(sent).toMatchObject({ type: 'application/x-www-form-urlencoded', body: 'a=x%20y&b=2' });
    expect(JSON.parse(gas.UrlFetchApp.fetch(`${base}/g`).getContentText()).method).toBe('GET');
    gas.UrlFetchApp.close();
  });

  it('without muteHttpExceptions a failing status throws; with it, it is a response', () => {
    const gas = createFakeGas();
    expect(thrown(() => gas.UrlFetchApp.fetch(`${base}/fail`))).toMatch(/^Exception: Request failed for http:\/\/127\.0\.0\.1:\d+\/fail returned code 500\. Truncated server response: /);
    expect(gas.UrlFetchApp.fetch(`${base}/fail`, { muteHttpExceptions: true }).getResponseCode()).toBe(500);
    gas.UrlFetchApp.close();
  });

  it('a refused connection, an unknown host and a timeout throw as Apps Script does', async () => {
    const probe = createServer();
    await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((done) => probe.close(() => done()));
    const gas = createFakeGas();
    expect(thrown(() => gas.UrlFetchApp.fetch(`http://127.0.0.1:${port}/`, { muteHttpExceptions: true }))).toBe(`Exception: Address unavailable: http://127.0.0.1:${port}/`);
    expect(thrown(() => gas.UrlFetchApp.fetch('https://rungs.invalid/', { muteHttpExceptions: true }))).toBe('Exception: DNS error: https://rungs.invalid/');
    gas.UrlFetchApp.timeoutMs = 300;
    expect(thrown(() => gas.UrlFetchApp.fetch(`${base}/slow`, { muteHttpExceptions: true }))).toBe(`Exception: Timeout: ${base}/slow`);
    expect(thrown(() => gas.UrlFetchApp.fetch(`${base}/`, { method: 'POST' as 'post' }))).toBe('Exception: Invalid argument: method');
    const sent = gas.UrlFetchApp.requests.length;
    expect(thrown(() => gas.UrlFetchApp.fetch(`${base}/`, { method: 'post', payload: 'x'.repeat(FETCH_PAYLOAD_LIMIT + 1) }))).toBe('Exception: Limit Exceeded: URLFetch POST Size.');
    expect(gas.UrlFetchApp.requests).toHaveLength(sent);
    gas.UrlFetchApp.close();
  });
});

describe('HtmlService', () => {
  it('templates: <?= ?> escapes, <?!= ?> prints raw, <? ?> runs; the template\'s properties are in scope', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rungs-html-fake-'));
    await writeFile(path.join(dir, 'Page.html'), '<p><?= who ?></p><? for (var i = 0; i < 2; i++) { ?><i><?!= i ?></i><? } ?><?!= raw ?>');
    const gas = createFakeGas();
    gas.HtmlService.filesDir = dir;
    const template = gas.HtmlService.createTemplateFromFile('Page');
    template.who = '<b>"Ana" & co</b>';
    template.raw = '<hr>';
    const out = template.evaluate().setTitle('T');
    expect(out.getContent()).toBe('<p>&lt;b&gt;&quot;Ana&quot; &amp; co&lt;/b&gt;</p><i>0</i><i>1</i><hr>');
    expect(out.getTitle()).toBe('T');
    expect(gas.HtmlService.createHtmlOutputFromFile('Page.html').getContent()).toContain('<?= who ?>');
    expect(thrown(() => gas.HtmlService.createHtmlOutputFromFile('Missing'))).toBe('Exception: No HTML file named Missing was found.');
    expect(compileTemplate('a<?= 1 ?>b')).toContain('__escape(1)');
  });

  it('showSidebar takes an HtmlOutput only', () => {
    const gas = createFakeGas();
    gas.ui.showSidebar(gas.HtmlService.createHtmlOutput('<p>x</p>').setTitle('Rungs'));
    expect(gas.ui.sidebars.map((s) => s.getTitle())).toEqual(['Rungs']);
    expect(thrown(() => gas.ui.showSidebar('<p>x</p>' as never))).toMatch(/don't match the method signature/);
  });
});

describe('ScriptApp', () => {
  it('one time-driven trigger per document for an add-on; everyHours 1, 2, 4, 6, 8 or 12', () => {
    const gas = createFakeGas();
    const a = gas.SpreadsheetApp.create({ id: 'doc-a' });
    expect(thrown(() => gas.ScriptApp.newTrigger('tick').timeBased().everyHours(3))).toMatch(/must be one of 1, 2, 4, 6, 8 or 12/);
    const t = gas.ScriptApp.newTrigger('tick').timeBased().everyHours(1).create();
    expect(t.getHandlerFunction()).toBe('tick');
    expect(thrown(() => gas.ScriptApp.newTrigger('tock').timeBased().everyHours(2).create())).toMatch(/too many time-based triggers in this document/);
    const b = gas.SpreadsheetApp.create({ id: 'doc-b' });
    gas.ScriptApp.newTrigger('tick').timeBased().everyHours(1).create();
    expect(gas.ScriptApp.getUserTriggers(a).map((x) => x.documentId)).toEqual(['doc-a']);
    expect(gas.ScriptApp.getProjectTriggers()).toHaveLength(2);
    gas.ScriptApp.deleteTrigger(t);
    expect(gas.ScriptApp.getUserTriggers(a)).toEqual([]);
    expect(gas.ScriptApp.getUserTriggers(b)).toHaveLength(1);
    expect(gas.ScriptApp.AuthMode.FULL).toBe('FULL');
  });
});

describe('Spreadsheet: selection, RangeList, backgrounds, named ranges', () => {
  it('activate selects the tab and the range; a RangeList changes many ranges in one call', () => {
    const gas = createFakeGas();
    const ss = gas.SpreadsheetApp.create();
    ss.putSheet('A');
    const b = ss.putSheet('B', [['x']]);
    b.getRange('C5').activate();
    expect(ss.getActiveSheet().name).toBe('B');
    expect(ss.getActiveRange()?.a1()).toBe('C5');
    gas.log.reset();
    b.getRangeList(['A1', 'B2:C3']).setBackground('#FF0000');
    expect(gas.log.count('RangeList.setBackground')).toBe(1);
    expect(b.getRange('A1:C3').getBackgrounds()).toEqual([['#ff0000', '#ffffff', '#ffffff'], ['#ffffff', '#ff0000', '#ff0000'], ['#ffffff', '#ff0000', '#ff0000']]);
    b.getRangeList(['B2']).setBackground(null);
    expect(b.backgrounds.get(2, 2)).toBe('#ffffff');
    expect(thrown(() => b.getRange('A1:B1').setBackgrounds([['#000000']]))).toMatch(/number of columns in the data does not match/);
    expect(thrown(() => b.getRangeList(['A1', 'nope']))).toBe('Exception: Range not found');
  });

  it('named ranges: valid names only, removed with their tab', () => {
    const gas = createFakeGas();
    const ss = gas.SpreadsheetApp.create();
    const s = ss.putSheet('S');
    ss.putSheet('T');
    ss.setNamedRange('Rungs_tracks', s.getRange('A1:B2'));
    expect(ss.getRangeByName('Rungs_tracks')?.a1()).toBe('A1:B2');
    expect(thrown(() => ss.setNamedRange('A1', s.getRange('A1')))).toMatch(/not valid for a named range/);
    ss.deleteSheet(s);
    expect(ss.getRangeByName('Rungs_tracks')).toBeNull();
    expect(thrown(() => ss.removeNamedRange('Rungs_tracks'))).toMatch(/not found/);
  });
});
