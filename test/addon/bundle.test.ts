/**
 * The built add-on, run the way Apps Script runs it: dist/addon/Code.js loaded as one script into a fresh V8
 * context that has only the JavaScript built-ins and the fake Apps Script services (no require, process, Buffer,
 * timers). What passes here is what clasp pushes.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { buildAddon, type BuildResult } from '../../addon/build';
import { ENTRY_POINT_NAMES, MENU } from '../../addon/src/entry-points';
import { createFakeGas, type FakeGas } from '../fakes/index';
import { FUTURE_REVIEW, PAST_REVIEW, TAB_NAMES, TIME_ZONE, fillWorkbook } from './workbook';

interface Finding {
  sheet: string;
  cell: string;
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

interface Loaded {
  gas: FakeGas;
  context: vm.Context;
}

let built: BuildResult;
let source: string;

beforeAll(async () => {
  // Its own folder: test files run in parallel and must not share dist/addon.
  built = await buildAddon({ outDir: await mkdtemp(path.join(tmpdir(), 'rungs-bundle-')) });
  source = await readFile(built.codePath, 'utf8');
}, 60_000);

/** Lines of the bundle (comment lines left out) that match: short, readable assertion failures. */
function codeLinesMatching(re: RegExp): string[] {
  return source.split('\n').filter((line) => !/^\s*(\/\/|\/\*|\*)/.test(line) && re.test(line));
}

function load(codeGeneration: { strings: boolean; wasm: boolean } = { strings: true, wasm: true }): Loaded {
  const gas = createFakeGas();
  const context = vm.createContext({ ...gas.globals }, { codeGeneration });
  vm.runInContext(source, context, { filename: 'Code.js' });
  return { gas, context };
}

describe('the add-on bundle (dist/addon/Code.js)', () => {
  it('is one Code.js beside appsscript.json, and reports its size', async () => {
    expect(path.basename(built.codePath)).toBe('Code.js');
    expect(built.bytes).toBe(Buffer.byteLength(source, 'utf8'));
    expect(built.bytes).toBeGreaterThan(0);
    const { readdir } = await import('node:fs/promises');
    // Besides the code and the manifest, only the sidebar's HTML files (what HtmlService serves).
    expect((await readdir(built.outDir)).filter((f) => !f.endsWith('.html')).sort()).toEqual(['Code.js', 'appsscript.json']);
  });

  it('runs in a context without Node globals', () => {
    const { context } = load();
    const probe = vm.runInContext(
      "[typeof require, typeof process, typeof Buffer, typeof setTimeout, typeof module, typeof exports, typeof __dirname].join(',')",
      context,
    );
    expect(probe).toBe(Array(7).fill('undefined').join(','));
  });

  it('declares every entry point as a real top-level function, which the bundle replaces', () => {
    const { context } = load();
    expect(ENTRY_POINT_NAMES).toEqual(expect.arrayContaining(['onOpen', 'onInstall', 'validateActiveWorkbook']));
    for (const name of ENTRY_POINT_NAMES) {
      expect(source, `top-level declaration of ${name}`).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
      expect(source.match(new RegExp(`^function ${name}\\(`, 'gm')), `${name} declared once`).toHaveLength(1);
      expect(typeof context[name], name).toBe('function');
      expect(String(context[name]), `${name} is the real function, not the stub`).not.toContain('did not install');
    }
    // Apps Script cannot call a name ending in "_" from the client or a menu.
    for (const name of ENTRY_POINT_NAMES) expect(name.endsWith('_')).toBe(false);
  });

  it('needs no Node built-in and no module loader', () => {
    expect(codeLinesMatching(/\brequire\s*\(/)).toEqual([]);
    expect(codeLinesMatching(/["']node:/)).toEqual([]);
    expect(codeLinesMatching(/\bimport\s*\(/)).toEqual([]);
    expect(codeLinesMatching(/^\s*(import|export)\s/)).toEqual([]);
  });

  it('onOpen in AuthMode.NONE builds the Rungs menu and reads no document data', () => {
    const { gas, context } = load();
    context.onOpen({ authMode: 'NONE' });

    expect(gas.ui.menus).toHaveLength(1);
    const menu = gas.ui.addonMenu();
    expect(menu?.caption).toBe('Rungs');
    expect(menu?.items()).toEqual([
      ['Open sidebar', 'openSidebar'],
      '---',
      ['Set up workbook', 'setUpWorkbook'],
      ['Add track', 'addTrack'],
      ['Build matrix tabs', 'buildMatrixTabs'],
      ['Apply track permissions', 'protectTrackTabs'],
      '---',
      ['Validate', 'validateActiveWorkbook'],
      ['Refresh reports', 'refreshReports'],
      '---',
      ['Settings', 'openSettings'],
    ]);
    expect(MENU.filter((e) => e !== '---').map((e) => e.label)).toEqual([
      'Open sidebar', 'Set up workbook', 'Add track', 'Build matrix tabs', 'Apply track permissions', 'Validate', 'Refresh reports', 'Settings',
    ]);
    // Every menu handler is a function Apps Script can find.
    for (const [, fn] of menu!.items().filter((e): e is readonly [string, string] => e !== '---')) expect(typeof context[fn]).toBe('function');

    expect(gas.log.keys().filter((k) => !/^(SpreadsheetApp\.getUi|Ui\.createAddonMenu|Menu\.)/.test(k))).toEqual([]);
    expect(gas.log.total('Spreadsheet.') + gas.log.total('Sheet.') + gas.log.total('Range.')).toBe(0);
    expect(gas.log.count('SpreadsheetApp.getActiveSpreadsheet')).toBe(0);
  });

  it('onInstall adds the same menu', () => {
    const { gas, context } = load();
    context.onInstall({ authMode: 'FULL' });
    expect(gas.ui.addonMenu()?.items()).toHaveLength(11);
  });

  it('Refresh reports before connecting says how to connect', () => {
    const { gas, context } = load();
    gas.SpreadsheetApp.create({ id: 'sheet-1' });
    context.refreshReports();
    expect(gas.ui.alerts.map((a) => a.prompt)).toEqual([
      'Rungs: Rungs is not connected to a server yet. Open Connect and enter the server URL and your token.',
    ]);
    expect(gas.log.count('UrlFetchApp.fetch')).toBe(0);
  });

  describe('validateActiveWorkbook (zod running inside the bundle)', () => {
    for (const [label, codeGeneration] of [
      ['with eval allowed, as in Apps Script', { strings: true, wasm: true }],
      ['with eval blocked (zod falls back to its interpreter)', { strings: false, wasm: false }],
    ] as const) {
      it(label, () => {
        const { gas, context } = load(codeGeneration);
        const ss = gas.SpreadsheetApp.create({ id: 'sheet-123', timeZone: TIME_ZONE });
        fillWorkbook(ss);

        const findings: Finding[] = context.validateActiveWorkbook();

        // Plain JSON objects, as google.script.run can carry them.
        expect(JSON.parse(JSON.stringify(findings))).toEqual(findings);
        for (const f of findings) expect(Object.keys(f).sort()).toEqual(['cell', 'code', 'message', 'severity', 'sheet']);

        expect(findings).toContainEqual(expect.objectContaining({ sheet: 'Tracks', cell: 'D3', code: 'bad-email', severity: 'error' }));

        // Date cells arrived as ISO dates in the spreadsheet's zone: no bad-date, and the overdue review names the
        // Tokyo date (a UTC conversion would have said 2020-01-14).
        expect(findings.filter((f) => f.code === 'bad-date')).toEqual([]);
        expect(findings.filter((f) => f.sheet === 'Tracks' && f.cell === 'F3')).toEqual([]);
        const overdue = findings.find((f) => f.sheet === 'Tracks' && f.cell === 'F2');
        expect(overdue?.code).toBe('review-overdue');
        expect(overdue?.message).toContain('2020-01-15');
        expect(PAST_REVIEW.toISOString().slice(0, 10)).toBe('2020-01-14');
        expect(FUTURE_REVIEW).toBeInstanceOf(Date);

        // The summary alert.
        const errors = findings.filter((f) => f.severity === 'error').length;
        const warnings = findings.length - errors;
        expect(gas.ui.alerts).toHaveLength(1);
        const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
        expect(gas.ui.alerts[0].prompt.split('\n')[0]).toBe(`Rungs validation: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`);
        expect(gas.ui.alerts[0].prompt).toContain('Tracks!D3');

        // One read per tab, nothing else read, nothing written.
        expect(gas.log.count('Spreadsheet.getSheets')).toBe(1);
        expect(gas.log.count('Sheet.getDataRange')).toBe(TAB_NAMES.length);
        expect(gas.log.count('Range.getValues')).toBe(TAB_NAMES.length);
        expect(gas.log.total('Range.')).toBe(TAB_NAMES.length);
        expect(gas.log.keys().filter((k) => /\.(set|insert|delete|append|clear)/.test(k))).toEqual([]);
      });
    }

    it('a workbook without defects gets none of the test workbook findings', () => {
      const { gas, context } = load();
      const ss = gas.SpreadsheetApp.create({ timeZone: TIME_ZONE });
      fillWorkbook(ss);
      ss.sheet('Tracks').getRange(3, 4).setValue('mgr.owner@example.com');
      const findings: Finding[] = context.validateActiveWorkbook();
      expect(findings.filter((f) => f.code === 'bad-email')).toEqual([]);
    });

    it('says clearly when there is no active spreadsheet', () => {
      const { context } = load();
      expect(() => context.validateActiveWorkbook()).toThrow(/no active spreadsheet/);
    });
  });
});

describe('appsscript.json', () => {
  it('is the V8 manifest with exactly the five narrow scopes and an HTTPS fetch whitelist', async () => {
    const manifest = JSON.parse(await readFile(path.join(built.outDir, 'appsscript.json'), 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.exceptionLogging).toBe('STACKDRIVER');
    expect(typeof manifest.timeZone).toBe('string');
    expect([...manifest.oauthScopes].sort()).toEqual([
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/script.external_request',
      'https://www.googleapis.com/auth/script.scriptapp',
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/userinfo.email',
    ]);
    // No Drive scope and no access to other spreadsheets.
    expect(manifest.oauthScopes.filter((s: string) => /drive|auth\/spreadsheets$/.test(s))).toEqual([]);
    // Apps Script's rule: every entry is an HTTPS prefix with a non-empty path.
    expect(manifest.urlFetchWhitelist.length).toBeGreaterThan(0);
    for (const prefix of manifest.urlFetchWhitelist) expect(prefix).toMatch(/^https:\/\/[^/]+\/.*$/);
    expect(manifest.addOns).toBeUndefined();
  });

  it('.clasp.json pushes dist/addon', async () => {
    const clasp = JSON.parse(await readFile(path.join(__dirname, '..', '..', '.clasp.json'), 'utf8'));
    expect(clasp.rootDir).toBe('dist/addon');
    expect(typeof clasp.scriptId).toBe('string');
  });
});
