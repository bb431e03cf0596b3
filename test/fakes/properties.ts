/** PropertiesService: document, user and script stores with the real size limits. */
import type { CallLog } from './calls';
import { GasException } from './calls';
import type { Faked } from './types';

/** 9 KB per value, 500 KB per store (keys and values, UTF-8), as documented in the Apps Script quotas. */
export const PROPERTY_VALUE_LIMIT = 9 * 1024;
export const PROPERTY_STORE_LIMIT = 500 * 1024;

const bytes = (s: string) => new TextEncoder().encode(s).length;

export class FakeProperties
  implements Faked<GoogleAppsScript.Properties.Properties, 'getProperty' | 'setProperty' | 'getProperties' | 'setProperties' | 'deleteProperty' | 'deleteAllProperties' | 'getKeys'>
{
  readonly store = new Map<string, string>();

  constructor(
    private readonly log: CallLog,
    readonly kind: 'Document' | 'User' | 'Script',
  ) {}

  private check(next: Map<string, string>): void {
    let total = 0;
    for (const [k, v] of next) {
      if (bytes(v) > PROPERTY_VALUE_LIMIT) throw new GasException('Argument too large: value');
      total += bytes(k) + bytes(v);
    }
    if (total > PROPERTY_STORE_LIMIT) throw new GasException('You have exceeded the property storage quota. Please remove some properties and try again.');
  }

  getProperty(key: string): string | null {
    this.log.hit('Properties.getProperty');
    return this.store.get(key) ?? null;
  }

  /** Values are stored as strings, like the real store. */
  setProperty(key: string, value: string): FakeProperties {
    this.log.hit('Properties.setProperty');
    const next = new Map(this.store).set(key, String(value));
    this.check(next);
    this.store.set(key, String(value));
    return this;
  }

  getProperties(): { [key: string]: string } {
    this.log.hit('Properties.getProperties');
    return Object.fromEntries(this.store);
  }

  setProperties(properties: { [key: string]: string }, deleteAllOthers = false): FakeProperties {
    this.log.hit('Properties.setProperties');
    const next = deleteAllOthers ? new Map<string, string>() : new Map(this.store);
    for (const [k, v] of Object.entries(properties)) next.set(k, String(v));
    this.check(next);
    this.store.clear();
    for (const [k, v] of next) this.store.set(k, v);
    return this;
  }

  deleteProperty(key: string): FakeProperties {
    this.log.hit('Properties.deleteProperty');
    this.store.delete(key);
    return this;
  }

  deleteAllProperties(): FakeProperties {
    this.log.hit('Properties.deleteAllProperties');
    this.store.clear();
    return this;
  }

  getKeys(): string[] {
    this.log.hit('Properties.getKeys');
    return [...this.store.keys()];
  }
}

export class FakePropertiesService
  implements Faked<GoogleAppsScript.Properties.PropertiesService, 'getDocumentProperties' | 'getUserProperties' | 'getScriptProperties'>
{
  readonly document: FakeProperties;
  readonly user: FakeProperties;
  readonly script: FakeProperties;
  /** false models a script run outside a document (getDocumentProperties() gives null). */
  inDocument = true;

  constructor(private readonly log: CallLog) {
    this.document = new FakeProperties(log, 'Document');
    this.user = new FakeProperties(log, 'User');
    this.script = new FakeProperties(log, 'Script');
  }

  getDocumentProperties(): FakeProperties {
    this.log.hit('PropertiesService.getDocumentProperties');
    return (this.inDocument ? this.document : null) as FakeProperties;
  }

  getUserProperties(): FakeProperties {
    this.log.hit('PropertiesService.getUserProperties');
    return this.user;
  }

  getScriptProperties(): FakeProperties {
    this.log.hit('PropertiesService.getScriptProperties');
    return this.script;
  }
}
