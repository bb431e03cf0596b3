/** Data validation rules: the builder SpreadsheetApp.newDataValidation() returns, and the built rule. */
import type { CallLog } from './calls';
import { GasException } from './calls';
import type { FakeRange } from './spreadsheet';
import type { Faked } from './types';

/** Runtime stand-in for the DataValidationCriteria enum (declared ambient in the typings, with no value). */
export const DataValidationCriteria = {
  VALUE_IN_LIST: 'VALUE_IN_LIST',
  VALUE_IN_RANGE: 'VALUE_IN_RANGE',
  DATE_IS_VALID_DATE: 'DATE_IS_VALID_DATE',
  TEXT_IS_VALID_EMAIL: 'TEXT_IS_VALID_EMAIL',
} as unknown as typeof GoogleAppsScript.Spreadsheet.DataValidationCriteria;

type Criteria = GoogleAppsScript.Spreadsheet.DataValidationCriteria;

interface RuleState {
  criteria: Criteria | null;
  values: unknown[];
  allowInvalid: boolean;
  helpText: string | null;
}

type RuleMethods = 'getCriteriaType' | 'getCriteriaValues' | 'getAllowInvalid' | 'getHelpText';

export class FakeDataValidation implements Faked<GoogleAppsScript.Spreadsheet.DataValidation, RuleMethods | 'copy'> {
  constructor(
    private readonly log: CallLog,
    private readonly state: Readonly<RuleState>,
  ) {}

  getCriteriaType(): Criteria {
    this.log.hit('DataValidation.getCriteriaType');
    return this.state.criteria as Criteria;
  }

  /** For VALUE_IN_LIST: [values, showDropdown]; for VALUE_IN_RANGE: [range, showDropdown]; else []. */
  getCriteriaValues(): any[] {
    this.log.hit('DataValidation.getCriteriaValues');
    return [...this.state.values];
  }

  getAllowInvalid(): boolean {
    this.log.hit('DataValidation.getAllowInvalid');
    return this.state.allowInvalid;
  }

  getHelpText(): string {
    this.log.hit('DataValidation.getHelpText');
    return this.state.helpText ?? '';
  }

  copy(): FakeDataValidationBuilder {
    this.log.hit('DataValidation.copy');
    return new FakeDataValidationBuilder(this.log, { ...this.state, values: [...this.state.values] });
  }

  /** Test helper (not counted): the rule as plain data; a range criterion names its sheet and A1 range. */
  describe(): { criteria: string | null; values: unknown[]; allowInvalid: boolean; helpText: string } {
    const values = this.state.values.map((v) => (isRange(v) ? `${v.sheet.name}!${v.a1()}` : v));
    return { criteria: this.state.criteria as unknown as string | null, values, allowInvalid: this.state.allowInvalid, helpText: this.state.helpText ?? '' };
  }
}

function isRange(v: unknown): v is FakeRange {
  return typeof v === 'object' && v !== null && 'a1' in v && 'sheet' in v;
}

export class FakeDataValidationBuilder
  implements
    Faked<
      GoogleAppsScript.Spreadsheet.DataValidationBuilder,
      | RuleMethods
      | 'build'
      | 'requireValueInList'
      | 'requireValueInRange'
      | 'requireDate'
      | 'requireTextIsEmail'
      | 'setAllowInvalid'
      | 'setHelpText'
    >
{
  constructor(
    private readonly log: CallLog,
    private readonly state: RuleState = { criteria: null, values: [], allowInvalid: true, helpText: null },
  ) {}

  private criterion(criteria: Criteria, values: unknown[]): FakeDataValidationBuilder {
    this.state.criteria = criteria;
    this.state.values = values;
    return this;
  }

  requireValueInList(values: string[], showDropdown = true): FakeDataValidationBuilder {
    this.log.hit('DataValidationBuilder.requireValueInList');
    if (!Array.isArray(values)) throw new GasException("The parameters (String) don't match the method signature for SpreadsheetApp.DataValidationBuilder.requireValueInList.");
    return this.criterion(DataValidationCriteria.VALUE_IN_LIST, [[...values], showDropdown]);
  }

  requireValueInRange(range: FakeRange, showDropdown = true): FakeDataValidationBuilder {
    this.log.hit('DataValidationBuilder.requireValueInRange');
    return this.criterion(DataValidationCriteria.VALUE_IN_RANGE, [range, showDropdown]);
  }

  requireDate(): FakeDataValidationBuilder {
    this.log.hit('DataValidationBuilder.requireDate');
    return this.criterion(DataValidationCriteria.DATE_IS_VALID_DATE, []);
  }

  requireTextIsEmail(): FakeDataValidationBuilder {
    this.log.hit('DataValidationBuilder.requireTextIsEmail');
    return this.criterion(DataValidationCriteria.TEXT_IS_VALID_EMAIL, []);
  }

  setAllowInvalid(allowInvalidData: boolean): FakeDataValidationBuilder {
    this.log.hit('DataValidationBuilder.setAllowInvalid');
    this.state.allowInvalid = allowInvalidData;
    return this;
  }

  setHelpText(helpText: string): FakeDataValidationBuilder {
    this.log.hit('DataValidationBuilder.setHelpText');
    this.state.helpText = helpText;
    return this;
  }

  getCriteriaType(): Criteria {
    this.log.hit('DataValidationBuilder.getCriteriaType');
    return this.state.criteria as Criteria;
  }

  getCriteriaValues(): any[] {
    this.log.hit('DataValidationBuilder.getCriteriaValues');
    return [...this.state.values];
  }

  getAllowInvalid(): boolean {
    this.log.hit('DataValidationBuilder.getAllowInvalid');
    return this.state.allowInvalid;
  }

  getHelpText(): string | null {
    this.log.hit('DataValidationBuilder.getHelpText');
    return this.state.helpText;
  }

  /** Like the real builder, a rule needs a criterion. */
  build(): FakeDataValidation {
    this.log.hit('DataValidationBuilder.build');
    if (this.state.criteria === null) throw new GasException('You must specify a data validation criteria before building.');
    return new FakeDataValidation(this.log, { ...this.state, values: [...this.state.values] });
  }
}
