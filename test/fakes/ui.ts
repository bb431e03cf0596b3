/** In-memory Ui: menus as built (caption + items) and alerts as shown. */
import type { CallLog } from './calls';
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

export class FakeUi implements Faked<GoogleAppsScript.Base.Ui, 'Button' | 'ButtonSet' | 'alert' | 'createAddonMenu' | 'createMenu'> {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;
  /** Menus added to the UI with addToUi(), in order. */
  readonly menus: FakeMenu[] = [];
  /** Alerts shown, in order. */
  readonly alerts: Alert[] = [];
  /** What the next alerts return (the button "clicked"), first first; OK when empty. */
  readonly responses: GoogleAppsScript.Base.Button[] = [];

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
