/**
 * The add-on side of the sidebar tests: the built bundle in a vm context with the fake Apps Script services, the
 * fake spreadsheet holding a workbook, and google.script.run's server half (JSON in, the function run in the
 * bundle's own realm, JSON out, with the real one's limits on what may cross).
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { buildAddon } from '../../addon/build';
import type { WorkbookSnapshot } from '../../shared';
import { loadWorkbook } from '../../sync-server/io/load-workbook';
import { ROOT } from '../cli/run-rungs';
import { createFakeGas, type FakeGas, type FakeSpreadsheet } from '../fakes/index';

export const ACME = path.join(ROOT, 'examples', 'acme');

export interface AddonBackend {
  gas: FakeGas;
  ss: FakeSpreadsheet;
  /** The add-on's top-level functions (what google.script.run offers). */
  functionNames(): string[];
  /** google.script.run's server half: answers `{ ok: true, value }` or `{ ok: false, message }` as JSON text. */
  run(fn: string, argsJson: string): string;
  /** Runs openSidebar as the menu item does and gives the HTML it showed. */
  openSidebar(): string;
  /** Values that could not cross back to the browser (Dates, functions): the real google.script.run would answer null. */
  refused: string[];
}

/** The built add-on folder (Code.js and the sidebar's .html files), built once per test file into a temporary folder. */
export async function buildAddonFiles(): Promise<string> {
  const outDir = await mkdtemp(path.join(tmpdir(), 'rungs-sidebar-'));
  await buildAddon({ outDir });
  return outDir;
}

/** Where a value holds something JSON cannot carry faithfully, or null. Checks by tag: the value comes from another realm. */
function uncarryable(value: unknown, at: string): string | null {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : at;
  if (typeof value !== 'object') return at;
  const tag = Object.prototype.toString.call(value);
  if (tag !== '[object Object]' && tag !== '[object Array]') return at;
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined && tag === '[object Object]') continue;
    const bad = uncarryable(v, `${at}.${k}`);
    if (bad) return bad;
  }
  return null;
}

/** Puts every tab of the snapshot into the fake spreadsheet, values typed in as a person would (numbers, dates). */
export function putWorkbook(ss: FakeSpreadsheet, snapshot: WorkbookSnapshot): void {
  for (const tab of snapshot.sheets) ss.putSheet(tab.name, []).write(1, 1, tab.values);
}

export async function startAddonBackend(outDir: string, options: { workbook?: string; spreadsheetId?: string } = {}): Promise<AddonBackend> {
  const gas = createFakeGas({ session: { activeUserEmail: 'priya.raman@acmecloud.com' } });
  const ss = gas.SpreadsheetApp.create({ id: options.spreadsheetId ?? 'acme-sheet', name: 'Acme Cloud career tracks', timeZone: 'Europe/Paris' });
  putWorkbook(ss, await loadWorkbook(options.workbook ?? ACME));

  const context = vm.createContext({ ...gas.globals });
  gas.HtmlService.filesDir = outDir;
  gas.HtmlService.context = context;
  vm.runInContext(await readFile(path.join(outDir, 'Code.js'), 'utf8'), context, { filename: 'Code.js' });
  const parseInBundle = vm.runInContext('JSON.parse', context) as (text: string) => unknown[];
  const globals = context as Record<string, unknown>;
  const refused: string[] = [];

  return {
    gas,
    ss,
    refused,
    functionNames: () => Object.keys(globals).filter((k) => typeof globals[k] === 'function' && !k.endsWith('_') && !(k in gas.globals)),
    run(fn, argsJson) {
      const f = globals[fn];
      if (typeof f !== 'function') return JSON.stringify({ ok: false, message: `Script function not found: ${fn}` });
      try {
        const value: unknown = (f as (...a: unknown[]) => unknown)(...parseInBundle(argsJson));
        const bad = uncarryable(value ?? null, fn);
        if (bad) {
          refused.push(bad);
          return JSON.stringify({ ok: true, value: null });
        }
        return JSON.stringify({ ok: true, value: value ?? null });
      } catch (e) {
        return JSON.stringify({ ok: false, message: e instanceof Error ? e.message : String(e) });
      }
    },
    openSidebar() {
      const before = gas.ui.sidebars.length;
      (globals.openSidebar as () => void)();
      const shown = gas.ui.sidebars[before];
      if (!shown) throw new Error(`openSidebar showed no sidebar (alerts: ${gas.ui.alerts.map((a) => a.prompt).join(' | ')})`);
      return shown.getContent();
    },
  };
}
