/**
 * ScriptApp: installable triggers and the AuthMode enum. An add-on's triggers belong to the user and the document
 * they were created from; the real service refuses a second time-driven trigger of an add-on in one document, and
 * accepts only everyHours(1, 2, 4, 6, 8 or 12).
 */
import type { CallLog } from './calls';
import { GasException } from './calls';
import type { FakeSpreadsheetApp, FakeSpreadsheet } from './spreadsheet';
import type { Faked } from './types';

export const AuthMode = { NONE: 'NONE', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION', LIMITED: 'LIMITED', FULL: 'FULL' } as unknown as typeof GoogleAppsScript.Script.AuthMode;
export const EventType = { CLOCK: 'CLOCK', ON_OPEN: 'ON_OPEN', ON_EDIT: 'ON_EDIT', ON_FORM_SUBMIT: 'ON_FORM_SUBMIT', ON_CHANGE: 'ON_CHANGE' } as unknown as typeof GoogleAppsScript.Script.EventType;

const ALLOWED_HOURS = [1, 2, 4, 6, 8, 12];

export class FakeTrigger implements Faked<GoogleAppsScript.Script.Trigger, 'getHandlerFunction' | 'getUniqueId' | 'getEventType'> {
  constructor(
    private readonly log: CallLog,
    readonly id: string,
    readonly handler: string,
    readonly eventType: 'CLOCK',
    readonly everyHours: number,
    /** The document the add-on created it from (null outside a document). */
    readonly documentId: string | null,
  ) {}

  getHandlerFunction(): string {
    this.log.hit('Trigger.getHandlerFunction');
    return this.handler;
  }

  getUniqueId(): string {
    this.log.hit('Trigger.getUniqueId');
    return this.id;
  }

  getEventType(): GoogleAppsScript.Script.EventType {
    this.log.hit('Trigger.getEventType');
    return this.eventType as unknown as GoogleAppsScript.Script.EventType;
  }
}

export class FakeClockTriggerBuilder implements Faked<GoogleAppsScript.Script.ClockTriggerBuilder, 'everyHours' | 'create'> {
  private hours: number | null = null;

  constructor(
    private readonly app: FakeScriptApp,
    private readonly handler: string,
  ) {}

  everyHours(n: number): FakeClockTriggerBuilder {
    this.app.log.hit('ClockTriggerBuilder.everyHours');
    if (!ALLOWED_HOURS.includes(n)) throw new GasException('The value passed to everyHours() must be one of 1, 2, 4, 6, 8 or 12.');
    this.hours = n;
    return this;
  }

  create(): FakeTrigger {
    this.app.log.hit('ClockTriggerBuilder.create');
    if (this.hours === null) throw new GasException('The trigger needs a schedule: call everyHours, everyMinutes, atHour ... before create().');
    return this.app.add(this.handler, this.hours);
  }
}

export class FakeTriggerBuilder implements Faked<GoogleAppsScript.Script.TriggerBuilder, 'timeBased'> {
  constructor(
    private readonly app: FakeScriptApp,
    private readonly handler: string,
  ) {}

  timeBased(): FakeClockTriggerBuilder {
    this.app.log.hit('TriggerBuilder.timeBased');
    return new FakeClockTriggerBuilder(this.app, this.handler);
  }
}

export class FakeScriptApp
  implements Faked<GoogleAppsScript.Script.ScriptApp, 'AuthMode' | 'EventType' | 'newTrigger' | 'getProjectTriggers' | 'getUserTriggers' | 'deleteTrigger'>
{
  readonly AuthMode = AuthMode;
  readonly EventType = EventType;
  /** Every trigger of this user, in creation order. */
  readonly triggers: FakeTrigger[] = [];
  private nextId = 1;

  constructor(
    readonly log: CallLog,
    private readonly spreadsheets: FakeSpreadsheetApp,
  ) {}

  add(handler: string, everyHours: number): FakeTrigger {
    const documentId = this.spreadsheets.active?.id ?? null;
    if (this.triggers.some((t) => t.eventType === 'CLOCK' && t.documentId === documentId))
      throw new GasException('This add-on has created too many time-based triggers in this document for this Google user account.');
    const trigger = new FakeTrigger(this.log, String(this.nextId++), handler, 'CLOCK', everyHours, documentId);
    this.triggers.push(trigger);
    return trigger;
  }

  newTrigger(functionName: string): FakeTriggerBuilder {
    this.log.hit('ScriptApp.newTrigger');
    return new FakeTriggerBuilder(this, functionName);
  }

  getProjectTriggers(): FakeTrigger[] {
    this.log.hit('ScriptApp.getProjectTriggers');
    return [...this.triggers];
  }

  getUserTriggers(spreadsheet: FakeSpreadsheet): FakeTrigger[] {
    this.log.hit('ScriptApp.getUserTriggers');
    return this.triggers.filter((t) => t.documentId === spreadsheet.id);
  }

  deleteTrigger(trigger: FakeTrigger): void {
    this.log.hit('ScriptApp.deleteTrigger');
    const i = this.triggers.findIndex((t) => t.id === trigger.id);
    if (i >= 0) this.triggers.splice(i, 1);
  }
}
