/**
 * An in-memory Apps Script: the services the add-on bundle uses, sharing one call log.
 * UrlFetchApp really reaches an HTTP server (run it in another process); HtmlService reads the built add-on's .html files.
 *
 *   const gas = createFakeGas();
 *   const ss = gas.SpreadsheetApp.create({ timeZone: 'Europe/Paris' });
 *   ss.putSheet('Tracks', [['Track ID', ...], ...]);
 *   vm.createContext({ ...gas.globals });          // or gas.install(globalThis) for code run in Node
 */
import { CallLog } from './calls';
import { FakeLockService } from './lock';
import { FakePropertiesService } from './properties';
import { FakeConsole, FakeLogger, FakeSession, FakeUtilities, type FakeSessionOptions } from './services';
import { FakeSpreadsheetApp } from './spreadsheet';
import { FakeUi } from './ui';
import { FakeHtmlService } from './html';
import { FakeScriptApp } from './script-app';
import { FakeUrlFetchApp } from './url-fetch';

export * from './calls';
export * from './services';
export * from './spreadsheet';
export * from './ui';
export * from './validation';
export * from './metadata';
export * from './protection';
export * from './properties';
export * from './lock';
export * from './html';
export * from './script-app';
export * from './url-fetch';
export { formatSimpleDate, zonedInstant, wallClock } from './dates';

export interface FakeGasOptions {
  session?: FakeSessionOptions;
  addonName?: string;
}

export interface FakeGas {
  log: CallLog;
  /** The shared call counter, keyed 'Class.method'. */
  calls: Map<string, number>;
  ui: FakeUi;
  SpreadsheetApp: FakeSpreadsheetApp;
  Session: FakeSession;
  Utilities: FakeUtilities;
  Logger: FakeLogger;
  console: FakeConsole;
  PropertiesService: FakePropertiesService;
  LockService: FakeLockService;
  UrlFetchApp: FakeUrlFetchApp;
  HtmlService: FakeHtmlService;
  ScriptApp: FakeScriptApp;
  /** The Apps Script global names -> their fakes, to put in a vm context. */
  globals: Record<string, unknown>;
  /** Puts the globals on `target` (e.g. globalThis) and returns a function that restores what was there. */
  install(target?: object): () => void;
}

export function createFakeGas(options: FakeGasOptions = {}): FakeGas {
  const log = new CallLog();
  const ui = new FakeUi(log, options.addonName);
  const SpreadsheetApp = new FakeSpreadsheetApp(log, ui);
  const Session = new FakeSession(log, options.session);
  const Utilities = new FakeUtilities(log);
  const Logger = new FakeLogger(log);
  const console = new FakeConsole(log);
  const PropertiesService = new FakePropertiesService(log);
  const LockService = new FakeLockService(log);
  const UrlFetchApp = new FakeUrlFetchApp(log);
  const HtmlService = new FakeHtmlService(log);
  const ScriptApp = new FakeScriptApp(log, SpreadsheetApp);
  const globals: Record<string, unknown> = { SpreadsheetApp, Session, Utilities, Logger, console, PropertiesService, LockService, UrlFetchApp, HtmlService, ScriptApp };
  return {
    log,
    calls: log.calls,
    ui,
    SpreadsheetApp,
    Session,
    Utilities,
    Logger,
    console,
    PropertiesService,
    LockService,
    UrlFetchApp,
    HtmlService,
    ScriptApp,
    globals,
    install(target: object = globalThis) {
      const t = target as Record<string, unknown>;
      const before = new Map(Object.keys(globals).map((k) => [k, Object.getOwnPropertyDescriptor(t, k)]));
      for (const [k, v] of Object.entries(globals)) Object.defineProperty(t, k, { value: v, configurable: true, writable: true });
      return () => {
        for (const [k, d] of before) {
          if (d) Object.defineProperty(t, k, d);
          else delete t[k];
        }
      };
    },
  };
}
