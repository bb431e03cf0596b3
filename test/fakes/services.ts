/** Session, Utilities, Logger and console stand-ins. */
import type { CallLog } from './calls';
import { formatSimpleDate } from './dates';
import type { Faked } from './types';


export class FakeUser implements Faked<GoogleAppsScript.Base.User, 'getEmail'> {
  constructor(
    private readonly log: CallLog,
    readonly email: string,
  ) {}

  getEmail(): string {
    this.log.hit('User.getEmail');
    return this.email;
  }
}

export interface FakeSessionOptions {
  /** '' models a consumer account whose email Apps Script withholds from the script. */
  activeUserEmail?: string;
  effectiveUserEmail?: string;
  scriptTimeZone?: string;
  locale?: string;
}

export class FakeSession implements Faked<GoogleAppsScript.Base.Session, 'getActiveUser' | 'getEffectiveUser' | 'getScriptTimeZone' | 'getActiveUserLocale' | 'getTemporaryActiveUserKey'> {
  activeUserEmail: string;
  effectiveUserEmail: string;
  scriptTimeZone: string;
  locale: string;

  constructor(
    private readonly log: CallLog,
    options: FakeSessionOptions = {},
  ) {
    this.activeUserEmail = options.activeUserEmail ?? 'editor@example.com';
    this.effectiveUserEmail = options.effectiveUserEmail ?? this.activeUserEmail;
    this.scriptTimeZone = options.scriptTimeZone ?? 'Etc/UTC';
    this.locale = options.locale ?? 'en';
  }

  getActiveUser(): FakeUser {
    this.log.hit('Session.getActiveUser');
    return new FakeUser(this.log, this.activeUserEmail);
  }

  getEffectiveUser(): FakeUser {
    this.log.hit('Session.getEffectiveUser');
    return new FakeUser(this.log, this.effectiveUserEmail);
  }

  getScriptTimeZone(): string {
    this.log.hit('Session.getScriptTimeZone');
    return this.scriptTimeZone;
  }

  getActiveUserLocale(): string {
    this.log.hit('Session.getActiveUserLocale');
    return this.locale;
  }

  getTemporaryActiveUserKey(): string {
    this.log.hit('Session.getTemporaryActiveUserKey');
    return `temp-key-${this.activeUserEmail}`;
  }
}

export class FakeUtilities implements Faked<GoogleAppsScript.Utilities.Utilities, 'formatDate' | 'sleep'> {
  constructor(private readonly log: CallLog) {}

  /** SimpleDateFormat subset (see dates.ts); an unknown time zone throws like the real one. */
  formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, format: string): string {
    this.log.hit('Utilities.formatDate');
    if (Object.prototype.toString.call(date) !== '[object Date]')
      throw new Error("The parameters (String,String,String) don't match the method signature for Utilities.formatDate.");
    return formatSimpleDate(date as unknown as Date, timeZone, format);
  }

  /** Does not wait: tests stay fast; the calls are counted. */
  sleep(_milliseconds: number): void {
    this.log.hit('Utilities.sleep');
  }
}

export class FakeLogger implements Faked<GoogleAppsScript.Base.Logger, 'log' | 'getLog' | 'clear'> {
  readonly lines: string[] = [];

  constructor(private readonly log_: CallLog) {}

  log(data: any): FakeLogger;
  log(format: string, ...values: any[]): FakeLogger;
  log(format: unknown, ...values: unknown[]): FakeLogger {
    this.log_.hit('Logger.log');
    let i = 0;
    const text = values.length > 0 && typeof format === 'string' ? format.replace(/%s/g, () => String(values[i++])) : typeof format === 'string' ? format : JSON.stringify(format);
    this.lines.push(text);
    return this;
  }

  getLog(): string {
    this.log_.hit('Logger.getLog');
    return this.lines.join('\n');
  }

  clear(): void {
    this.log_.hit('Logger.clear');
    this.lines.length = 0;
  }
}

export type ConsoleLevel = 'log' | 'info' | 'warn' | 'error' | 'debug';

/** Apps Script's console (Stackdriver/Cloud Logging): records what the script logs. */
export class FakeConsole {
  readonly entries: { level: ConsoleLevel; args: unknown[] }[] = [];

  constructor(private readonly log_: CallLog) {}

  private put(level: ConsoleLevel, args: unknown[]): void {
    this.log_.hit(`console.${level}`);
    this.entries.push({ level, args });
  }

  log = (...args: unknown[]) => this.put('log', args);
  info = (...args: unknown[]) => this.put('info', args);
  warn = (...args: unknown[]) => this.put('warn', args);
  error = (...args: unknown[]) => this.put('error', args);
  debug = (...args: unknown[]) => this.put('debug', args);
}
