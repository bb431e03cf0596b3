/** In-memory Ui: menus as built (caption + items) and alerts as shown. */
import type { CallLog } from './calls';
import { GasException } from './calls';
import type { Faked } from './types';


/** Runtime stand-ins for the Button / ButtonSet enums (the typings declare them ambient, with no value). */
export const Button = { CLOSE: 'CLOSE', OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' } as unknown as typeof GoogleAppsScript.Base.Button;
export const ButtonSet = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' } as unknown as typeof GoogleAppsScript.Base.ButtonSet;

export type MenuEntry = { kind: 'item'; caption: string; functionName: string } | { kind: 'separator' } | { kind: 'submenu'; menu: FakeMenu };

export interface Alert {
  title?: string;
  prompt: string;
  buttons?: GoogleAppsScript.Base.ButtonSet;
}

export class FakeMenu implements Faked<GoogleAppsScript.Base.Menu, 'addItem' | 'addSeparator' | 'addSubMenu' | 'addToUi'> {
  readonly entries: MenuEntry[] = [];

  constructor(
    private readonly log: CallLog,
    private readonly ui: FakeUi,
    /** The caption; an add-on menu shows under Extensions > <add-on name>. */
    readonly caption: string,
    readonly isAddonMenu: boolean,
  ) {}

  addItem(caption: string, functionName: string): FakeMenu {
    this.log.hit('Menu.addItem');
    this.entries.push({ kind: 'item', caption, functionName });
    return this;
  }

  addSeparator(): FakeMenu {
    this.log.hit('Menu.addSeparator');
    this.entries.push({ kind: 'separator' });
    return this;
  }

  addSubMenu(menu: FakeMenu): FakeMenu {
    this.log.hit('Menu.addSubMenu');
    this.entries.push({ kind: 'submenu', menu });
    return this;
  }

  addToUi(): void {
    this.log.hit('Menu.addToUi');
    this.ui.menus.push(this);
  }

  /** Test helper: the items as [caption, functionName], separators as '---'. */
  items(): (readonly [string, string] | '---')[] {
    return this.entries.flatMap((e) =>
      e.kind === 'item' ? [[e.caption, e.functionName] as const] : e.kind === 'separator' ? ['---' as const] : e.menu.items(),
    );
  }
}

export class FakePromptResponse implements Faked<GoogleAppsScript.Base.PromptResponse, 'getResponseText' | 'getSelectedButton'> {
  constructor(
    private readonly log: CallLog,
    private readonly text: string,
    private readonly button: GoogleAppsScript.Base.Button,
  ) {}

  getResponseText(): string {
    this.log.hit('PromptResponse.getResponseText');
    return this.text;
  }

  getSelectedButton(): GoogleAppsScript.Base.Button {
    this.log.hit('PromptResponse.getSelectedButton');
    return this.button;
  }
}

/** A scripted answer to the next ui.prompt: the text typed and the button clicked (OK when left out). */
export interface ScriptedPrompt {
  text: string;
  button?: GoogleAppsScript.Base.Button;
}

/** What showSidebar / showModalDialog were given: an HtmlOutput (typed loosely: ui.ts does not depend on html.ts). */
export interface ShownHtml {
  getTitle(): string;
  getContent(): string;
}

export class FakeUi implements Faked<GoogleAppsScript.Base.Ui, 'Button' | 'ButtonSet' | 'alert' | 'prompt' | 'createAddonMenu' | 'createMenu'> {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;
  /** Menus added to the UI with addToUi(), in order. */
  readonly menus: FakeMenu[] = [];
  /** Alerts shown, in order. */
  readonly alerts: Alert[] = [];
  /** What the next alerts return (the button "clicked"), first first; OK when empty. */
  readonly responses: GoogleAppsScript.Base.Button[] = [];
  /** Sidebars shown, in order (the last one is open). */
  readonly sidebars: ShownHtml[] = [];
  /** Prompts shown, in order. */
  readonly prompts: Alert[] = [];
  /** What the next prompts answer, first first; with none left a prompt answers '' and CLOSE (the user closed it). */
  readonly promptAnswers: ScriptedPrompt[] = [];

  constructor(
    private readonly log: CallLog,
    /** The add-on's name, the caption of createAddonMenu(). */
    readonly addonName = 'Rungs',
  ) {}

  alert(prompt: string): GoogleAppsScript.Base.Button;
  alert(prompt: string, buttons: GoogleAppsScript.Base.ButtonSet): GoogleAppsScript.Base.Button;
  alert(title: string, prompt: string, buttons: GoogleAppsScript.Base.ButtonSet): GoogleAppsScript.Base.Button;
  alert(a: string, b?: string | GoogleAppsScript.Base.ButtonSet, c?: GoogleAppsScript.Base.ButtonSet): GoogleAppsScript.Base.Button {
    this.log.hit('Ui.alert');
    if (typeof b === 'string' && c !== undefined) this.alerts.push({ title: a, prompt: b, buttons: c });
    else this.alerts.push({ prompt: a, ...(b !== undefined ? { buttons: b as GoogleAppsScript.Base.ButtonSet } : {}) });
    return this.responses.shift() ?? Button.OK;
  }

  prompt(prompt: string): FakePromptResponse;
  prompt(prompt: string, buttons: GoogleAppsScript.Base.ButtonSet): FakePromptResponse;
  prompt(title: string, prompt: string, buttons: GoogleAppsScript.Base.ButtonSet): FakePromptResponse;
  prompt(a: string, b?: string | GoogleAppsScript.Base.ButtonSet, c?: GoogleAppsScript.Base.ButtonSet): FakePromptResponse {
    this.log.hit('Ui.prompt');
    if (typeof b === 'string' && c !== undefined) this.prompts.push({ title: a, prompt: b, buttons: c });
    else this.prompts.push({ prompt: a, ...(b !== undefined ? { buttons: b as GoogleAppsScript.Base.ButtonSet } : {}) });
    const answer = this.promptAnswers.shift();
    if (!answer) return new FakePromptResponse(this.log, '', Button.CLOSE);
    return new FakePromptResponse(this.log, answer.text, answer.button ?? Button.OK);
  }

  showSidebar(userInterface: ShownHtml): void {
    this.log.hit('Ui.showSidebar');
    if (typeof userInterface?.getContent !== 'function') throw new GasException("The parameters (String) don't match the method signature for Ui.showSidebar.");
    this.sidebars.push(userInterface);
  }

  createAddonMenu(): FakeMenu {
    this.log.hit('Ui.createAddonMenu');
    return new FakeMenu(this.log, this, this.addonName, true);
  }

  createMenu(caption: string): FakeMenu {
    this.log.hit('Ui.createMenu');
    return new FakeMenu(this.log, this, caption, false);
  }

  /** Test helper: the add-on menu added last, if any. */
  addonMenu(): FakeMenu | undefined {
    return this.menus.filter((m) => m.isAddonMenu).at(-1);
  }
}
