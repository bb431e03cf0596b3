/** Protections of a sheet or a range: description, editors, warning-only. */
import type { CallLog } from './calls';
import { GasException } from './calls';
import { FakeUser } from './services';
import type { FakeRange, FakeSpreadsheet } from './spreadsheet';
import type { Faked } from './types';

export const ProtectionType = { RANGE: 'RANGE', SHEET: 'SHEET' } as unknown as typeof GoogleAppsScript.Spreadsheet.ProtectionType;
type Type = GoogleAppsScript.Spreadsheet.ProtectionType;

export class FakeProtection
  implements
    Faked<
      GoogleAppsScript.Spreadsheet.Protection,
      | 'setDescription'
      | 'getDescription'
      | 'addEditor'
      | 'addEditors'
      | 'removeEditor'
      | 'removeEditors'
      | 'getEditors'
      | 'setWarningOnly'
      | 'isWarningOnly'
      | 'getProtectionType'
      | 'getRange'
      | 'remove'
      | 'canEdit'
    >
{
  description = '';
  warningOnly = false;
  /** Emails that may edit; the spreadsheet owner always may (and cannot be removed). */
  readonly editors = new Set<string>();
  removed = false;

  constructor(
    private readonly spreadsheet: FakeSpreadsheet,
    readonly type: 'SHEET' | 'RANGE',
    readonly range: FakeRange,
  ) {
    if (spreadsheet.ownerEmail !== '') this.editors.add(spreadsheet.ownerEmail);
  }

  private get log(): CallLog {
    return this.spreadsheet.log;
  }

  private assertEditable(): void {
    if (this.warningOnly) throw new GasException('You cannot set editors on a protection that only shows a warning.');
  }

  setDescription(description: string): FakeProtection {
    this.log.hit('Protection.setDescription');
    this.description = description;
    return this;
  }

  getDescription(): string {
    this.log.hit('Protection.getDescription');
    return this.description;
  }

  addEditor(emailAddress: string): FakeProtection;
  addEditor(user: FakeUser): FakeProtection;
  addEditor(who: string | FakeUser): FakeProtection {
    this.log.hit('Protection.addEditor');
    this.assertEditable();
    this.editors.add(typeof who === 'string' ? who : who.email);
    return this;
  }

  addEditors(emailAddresses: string[]): FakeProtection {
    this.log.hit('Protection.addEditors');
    this.assertEditable();
    for (const e of emailAddresses) this.editors.add(e);
    return this;
  }

  removeEditor(emailAddress: string): FakeProtection;
  removeEditor(user: FakeUser): FakeProtection;
  removeEditor(who: string | FakeUser): FakeProtection {
    this.log.hit('Protection.removeEditor');
    this.drop(typeof who === 'string' ? who : who.email);
    return this;
  }

  removeEditors(emailAddresses: string[]): FakeProtection;
  removeEditors(users: FakeUser[]): FakeProtection;
  removeEditors(list: (string | FakeUser)[]): FakeProtection {
    this.log.hit('Protection.removeEditors');
    for (const who of list) this.drop(typeof who === 'string' ? who : who.email);
    return this;
  }

  private drop(email: string): void {
    if (email !== this.spreadsheet.ownerEmail) this.editors.delete(email);
  }

  getEditors(): FakeUser[] {
    this.log.hit('Protection.getEditors');
    return [...this.editors].sort().map((e) => new FakeUser(this.log, e));
  }

  setWarningOnly(warningOnly: boolean): FakeProtection {
    this.log.hit('Protection.setWarningOnly');
    this.warningOnly = warningOnly;
    return this;
  }

  isWarningOnly(): boolean {
    this.log.hit('Protection.isWarningOnly');
    return this.warningOnly;
  }

  getProtectionType(): Type {
    this.log.hit('Protection.getProtectionType');
    return this.type as unknown as Type;
  }

  getRange(): FakeRange {
    this.log.hit('Protection.getRange');
    return this.range;
  }

  canEdit(): boolean {
    this.log.hit('Protection.canEdit');
    return true;
  }

  remove(): void {
    this.log.hit('Protection.remove');
    this.removed = true;
    const list = this.spreadsheet.protections;
    list.splice(list.indexOf(this), 1);
  }
}
