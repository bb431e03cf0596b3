/**
 * Typing the fakes against @types/google-apps-script: a fake `implements Faked<GasInterface, 'method' | ...>`,
 * so each implemented method keeps the real parameter list and return type, except that Apps Script objects in
 * return and parameter position become their fakes (Range -> FakeRange, Sheet[] -> FakeSheet[], Menu | null ->
 * FakeMenu | null). Methods that touch no Apps Script object keep their full (possibly overloaded) real signature;
 * for the others the last overload is checked.
 */
import type { FakeMenu, FakeUi } from './ui';
import type { FakeRange, FakeRangeList, FakeSheet, FakeSpreadsheet } from './spreadsheet';
import type { FakeLogger, FakeUser } from './services';
import type { FakeDataValidation, FakeDataValidationBuilder } from './validation';
import type { FakeDeveloperMetadata, FakeDeveloperMetadataFinder, FakeDeveloperMetadataLocation } from './metadata';
import type { FakeProtection } from './protection';
import type { FakeProperties } from './properties';
import type { FakeLock } from './lock';
import type { FakePromptResponse } from './ui';
import type { FakeHtmlOutput, FakeHtmlTemplate } from './html';
import type { FakeHttpResponse } from './url-fetch';
import type { FakeClockTriggerBuilder, FakeTrigger, FakeTriggerBuilder } from './script-app';


type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

type Pairs = [
  [GoogleAppsScript.Spreadsheet.Range, FakeRange],
  [GoogleAppsScript.Spreadsheet.Sheet, FakeSheet],
  [GoogleAppsScript.Spreadsheet.Spreadsheet, FakeSpreadsheet],
  [GoogleAppsScript.Base.Ui, FakeUi],
  [GoogleAppsScript.Base.Menu, FakeMenu],
  [GoogleAppsScript.Base.User, FakeUser],
  [GoogleAppsScript.Base.Logger, FakeLogger],
  [GoogleAppsScript.Spreadsheet.DataValidation, FakeDataValidation],
  [GoogleAppsScript.Spreadsheet.DataValidationBuilder, FakeDataValidationBuilder],
  [GoogleAppsScript.Spreadsheet.DeveloperMetadata, FakeDeveloperMetadata],
  [GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder, FakeDeveloperMetadataFinder],
  [GoogleAppsScript.Spreadsheet.DeveloperMetadataLocation, FakeDeveloperMetadataLocation],
  [GoogleAppsScript.Spreadsheet.Protection, FakeProtection],
  [GoogleAppsScript.Properties.Properties, FakeProperties],
  [GoogleAppsScript.Lock.Lock, FakeLock],
  [GoogleAppsScript.Base.PromptResponse, FakePromptResponse],
  [GoogleAppsScript.Spreadsheet.RangeList, FakeRangeList],
  [GoogleAppsScript.HTML.HtmlOutput, FakeHtmlOutput],
  [GoogleAppsScript.HTML.HtmlTemplate, FakeHtmlTemplate],
  [GoogleAppsScript.URL_Fetch.HTTPResponse, FakeHttpResponse],
  [GoogleAppsScript.Script.Trigger, FakeTrigger],
  [GoogleAppsScript.Script.TriggerBuilder, FakeTriggerBuilder],
  [GoogleAppsScript.Script.ClockTriggerBuilder, FakeClockTriggerBuilder],
];

type Lookup<R, Ps> = Ps extends [[infer G, infer F], ...infer Rest]
  ? Same<R, G> extends true
    ? F
    : Same<R, G | null> extends true
      ? F | null
      : Same<R, G[]> extends true
        ? F[]
        : Lookup<R, Rest>
  : R;

type SwapArgs<A extends unknown[]> = { [I in keyof A]: Lookup<A[I], Pairs> };

export type Faked<T, K extends keyof T> = {
  [P in K]: T[P] extends (...args: infer A) => infer R
    ? Same<Lookup<R, Pairs>, R> extends true
      ? Same<SwapArgs<A>, A> extends true
        ? T[P]
        : (...args: SwapArgs<A>) => R
      : (...args: SwapArgs<A>) => Lookup<R, Pairs>
    : T[P];
};
