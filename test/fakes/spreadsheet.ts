/**
 * In-memory SpreadsheetApp: Spreadsheet / Sheet / Range with the traps the real service has:
 * getValues gives '' for empty cells (never null), numbers, booleans and fresh Date objects; ranges are 1-based;
 * setValues checks the shape first and writes nothing on a mismatch; strings written are parsed as a user's typing.
 */
import { CallLog, GasException } from './calls';
import { zonedInstant } from './dates';
import { CellLayer, type Rect } from './layers';
import {
  ARBITRARY_RANGE_MESSAGE, DeveloperMetadataLocationType, DeveloperMetadataVisibility, FakeDeveloperMetadata, FakeDeveloperMetadataFinder,
  type MetadataPlace,
} from './metadata';
import { FakeProtection, ProtectionType } from './protection';
import type { Faked } from './types';
import { DataValidationCriteria, FakeDataValidation, FakeDataValidationBuilder } from './validation';
import type { FakeUi } from './ui';


/** What a cell holds. */
export type Cell = string | number | boolean | Date;

const DEFAULT_ROWS = 1000;
const DEFAULT_COLS = 26;

function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

function copyCell(v: Cell): Cell {
  return isDate(v) ? new Date(v.getTime()) : v;
}

export function columnLetters(col: number): string {
  let out = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const PERCENT = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))%$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A value written by setValue(s)/appendRow, as Sheets stores it: strings are read as if a user typed them
 * ("42" -> 42, "70%" -> 0.7, "true" -> true, "2027-03-31" -> a Date at midnight in the spreadsheet's zone,
 * a leading apostrophe keeps text as text, "=..." is a formula); null and undefined clear the cell.
 * Locale-dependent forms (1,234 or 31/03/2027) are kept as text.
 */
export function parseInput(value: unknown, timeZone: string): { value: Cell; formula?: string } {
  if (value === null || value === undefined) return { value: '' };
  if (typeof value === 'number') return { value: Number.isFinite(value) ? value : '#NUM!' };
  if (typeof value === 'boolean') return { value };
  if (isDate(value)) return { value: new Date(value.getTime()) };
  const s = String(value);
  if (s.startsWith("'")) return { value: s.slice(1) };
  if (s.startsWith('=') && s.length > 1) return { value: '', formula: s };
  const t = s.trim();
  if (NUMBER.test(t)) return { value: Number(t) };
  const pct = PERCENT.exec(t);
  if (pct) return { value: Number(pct[1]) / 100 };
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === 'true' };
  const d = ISO_DATE.exec(t);
  if (d) {
    const [y, m, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
    const probe = new Date(Date.UTC(y, m - 1, day));
    if (probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === day) return { value: zonedInstant(y, m, day, timeZone) };
  }
  return { value: s };
}

export interface InsertSheetOptions {
  template?: GoogleAppsScript.Spreadsheet.Sheet | FakeSheet;
}

export interface FakeSpreadsheetOptions {
  id?: string;
  name?: string;
  timeZone?: string;
  /** The owner: always an editor of every protection. */
  ownerEmail?: string;
}

type Visibility = GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility;
type ProtectionKind = GoogleAppsScript.Spreadsheet.ProtectionType;

/** addDeveloperMetadata(key, [value], [visibility]): the second argument is a visibility when it names one. */
function metadataArgs(valueOrVisibility?: string | Visibility, visibility?: Visibility): { value: string | null; visibility: Visibility } {
  const isVisibility = (v: unknown) => v === 'DOCUMENT' || v === 'PROJECT';
  if (visibility !== undefined) return { value: (valueOrVisibility as string | undefined) ?? null, visibility };
  if (isVisibility(valueOrVisibility)) return { value: null, visibility: valueOrVisibility as unknown as Visibility };
  return { value: (valueOrVisibility as string | undefined) ?? null, visibility: DeveloperMetadataVisibility.DOCUMENT };
}

export class FakeSpreadsheetApp
  implements
    Faked<
      GoogleAppsScript.Spreadsheet.SpreadsheetApp,
      | 'getActiveSpreadsheet'
      | 'getActive'
      | 'getUi'
      | 'flush'
      | 'openById'
      | 'newDataValidation'
      | 'DataValidationCriteria'
      | 'ProtectionType'
      | 'DeveloperMetadataLocationType'
      | 'DeveloperMetadataVisibility'
    >
{
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly ProtectionType = ProtectionType;
  readonly DeveloperMetadataLocationType = DeveloperMetadataLocationType;
  readonly DeveloperMetadataVisibility = DeveloperMetadataVisibility;

  /** The spreadsheet the script is bound to; null when run outside a document. */
  active: FakeSpreadsheet | null = null;
  private readonly opened = new Map<string, FakeSpreadsheet>();

  constructor(
    private readonly log: CallLog,
    private readonly ui: FakeUi,
  ) {}

  /** Test helper (not counted): a new spreadsheet, made the active one unless told otherwise. */
  create(options: FakeSpreadsheetOptions = {}, makeActive = true): FakeSpreadsheet {
    const ss = new FakeSpreadsheet(this.log, options);
    this.opened.set(ss.id, ss);
    if (makeActive) this.active = ss;
    return ss;
  }

  /** Typed as the real one (never null) but, like it, gives null when no document is open. */
  getActiveSpreadsheet(): FakeSpreadsheet {
    this.log.hit('SpreadsheetApp.getActiveSpreadsheet');
    return this.active as FakeSpreadsheet;
  }

  getActive(): FakeSpreadsheet {
    this.log.hit('SpreadsheetApp.getActive');
    return this.active as FakeSpreadsheet;
  }

  openById(id: string): FakeSpreadsheet {
    this.log.hit('SpreadsheetApp.openById');
    const ss = this.opened.get(id);
    if (!ss) throw new GasException('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
    return ss;
  }

  getUi(): FakeUi {
    this.log.hit('SpreadsheetApp.getUi');
    return this.ui;
  }

  flush(): void {
    this.log.hit('SpreadsheetApp.flush');
  }

  newDataValidation(): FakeDataValidationBuilder {
    this.log.hit('SpreadsheetApp.newDataValidation');
    return new FakeDataValidationBuilder(this.log);
  }
}

export class FakeSpreadsheet
  implements
    Faked<
      GoogleAppsScript.Spreadsheet.Spreadsheet,
      | 'getId'
      | 'getName'
      | 'getUrl'
      | 'getSpreadsheetTimeZone'
      | 'setSpreadsheetTimeZone'
      | 'getSheets'
      | 'getSheetByName'
      | 'getActiveSheet'
      | 'insertSheet'
      | 'deleteSheet'
      | 'addDeveloperMetadata'
      | 'createDeveloperMetadataFinder'
      | 'getDeveloperMetadata'
      | 'getProtections'
      | 'setActiveSheet'
      | 'getActiveRange'
      | 'setActiveRange'
      | 'setNamedRange'
      | 'getRangeByName'
      | 'removeNamedRange'
    >
{
  readonly id: string;
  name: string;
  timeZone: string;
  readonly ownerEmail: string;
  readonly sheets: FakeSheet[] = [];
  /** Every developer metadata entry of the document, wherever it is bound. */
  readonly metadata: FakeDeveloperMetadata[] = [];
  readonly protections: FakeProtection[] = [];
  private nextMetadataId = 1;
  private activeSheet: FakeSheet | null = null;
  /** The selected range (what Range.activate / setActiveRange chose), null until something is selected. */
  activeRange: FakeRange | null = null;
  /** Named ranges, name -> range. */
  readonly namedRanges = new Map<string, FakeRange>();
  private nextSheetId = 0;

  constructor(
    readonly log: CallLog,
    options: FakeSpreadsheetOptions = {},
  ) {
    this.id = options.id ?? 'fake-spreadsheet-id';
    this.name = options.name ?? 'Untitled spreadsheet';
    this.timeZone = options.timeZone ?? 'Etc/UTC';
    this.ownerEmail = options.ownerEmail ?? 'owner@example.com';
  }

  /** Binds a new metadata entry (the caller has checked the place is allowed). */
  attachMetadata(place: MetadataPlace, key: string, valueOrVisibility?: string | Visibility, visibility?: Visibility): void {
    const args = metadataArgs(valueOrVisibility, visibility);
    this.metadata.push(new FakeDeveloperMetadata(this, this.nextMetadataId++, key, args.value, args.visibility, place));
  }

  /** Test helper (not counted): the metadata on one sheet as { key, value } pairs. */
  metadataOf(sheet: FakeSheet): { key: string; value: string | null }[] {
    return this.metadata.filter((m) => m.place.type === 'SHEET' && m.place.sheet === sheet).map((m) => ({ key: m.key, value: m.value }));
  }

  addDeveloperMetadata(key: string, valueOrVisibility?: string | Visibility, visibility?: Visibility): FakeSpreadsheet {
    this.log.hit('Spreadsheet.addDeveloperMetadata');
    this.attachMetadata({ type: 'SPREADSHEET' }, key, valueOrVisibility, visibility);
    return this;
  }

  createDeveloperMetadataFinder(): FakeDeveloperMetadataFinder {
    this.log.hit('Spreadsheet.createDeveloperMetadataFinder');
    return new FakeDeveloperMetadataFinder(this, null);
  }

  /** Only what is bound to the spreadsheet itself, as in the real method. */
  getDeveloperMetadata(): FakeDeveloperMetadata[] {
    this.log.hit('Spreadsheet.getDeveloperMetadata');
    return this.metadata.filter((m) => m.place.type === 'SPREADSHEET');
  }

  getProtections(type: ProtectionKind): FakeProtection[] {
    this.log.hit('Spreadsheet.getProtections');
    return this.protections.filter((p) => p.type === (type as unknown as string));
  }

  /**
   * Test helper (not counted): adds a tab holding `rows` as stored cell values (no parsing: put a Date to get a
   * date cell, a number for a number). null/undefined cells are blank.
   */
  putSheet(name: string, rows: readonly (readonly unknown[])[] = []): FakeSheet {
    this.assertFreeName(name);
    const sheet = new FakeSheet(this, this.nextSheetId++, name, rows);
    this.sheets.push(sheet);
    this.activeSheet ??= sheet;
    return sheet;
  }

  /** Test helper (not counted): the tab named `name`, exact match, or throws. */
  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`fake spreadsheet has no tab "${name}"`);
    return s;
  }

  private assertFreeName(name: string): void {
    if (this.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase()))
      throw new GasException(`A sheet with the name "${name}" already exists. Please enter another name.`);
  }

  getId(): string {
    this.log.hit('Spreadsheet.getId');
    return this.id;
  }

  getName(): string {
    this.log.hit('Spreadsheet.getName');
    return this.name;
  }

  getUrl(): string {
    this.log.hit('Spreadsheet.getUrl');
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }

  getSpreadsheetTimeZone(): string {
    this.log.hit('Spreadsheet.getSpreadsheetTimeZone');
    return this.timeZone;
  }

  setSpreadsheetTimeZone(timezone: string): void {
    this.log.hit('Spreadsheet.setSpreadsheetTimeZone');
    this.timeZone = timezone;
  }

  getSheets(): FakeSheet[] {
    this.log.hit('Spreadsheet.getSheets');
    return [...this.sheets];
  }

  /** Tab names are unique ignoring case, and the lookup ignores case too. */
  getSheetByName(name: string): FakeSheet | null {
    this.log.hit('Spreadsheet.getSheetByName');
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase()) ?? null;
  }

  getActiveSheet(): FakeSheet {
    this.log.hit('Spreadsheet.getActiveSheet');
    return (this.activeSheet ?? this.sheets[0]) as FakeSheet;
  }

  /**
   * insertSheet([name], [index], [{ template }]): a new tab (blank, or a copy of the template's cells), which becomes
   * the active one. The index is 0-based, as in the real method.
   */
  insertSheet(...args: (string | number | InsertSheetOptions | undefined)[]): FakeSheet {
    this.log.hit('Spreadsheet.insertSheet');
    const name = typeof args[0] === 'string' ? args[0] : undefined;
    const rest = name === undefined ? args : args.slice(1);
    const index = typeof rest[0] === 'number' ? rest[0] : undefined;
    const options = rest.find((a): a is InsertSheetOptions => typeof a === 'object' && a !== null);
    let sheetName = name;
    if (sheetName === undefined) {
      let n = this.sheets.length + 1;
      while (this.sheets.some((s) => s.name.toLowerCase() === `sheet${n}`)) n++;
      sheetName = `Sheet${n}`;
    }
    this.assertFreeName(sheetName);
    const template = options?.template;
    if (template !== undefined && !(template instanceof FakeSheet)) throw new Error('fake insertSheet: the template must be a FakeSheet');
    const sheet = new FakeSheet(this, this.nextSheetId++, sheetName, template ? template.peek() : []);
    const at = index === undefined ? this.sheets.length : Math.max(0, Math.min(index, this.sheets.length));
    this.sheets.splice(at, 0, sheet);
    this.activeSheet = sheet;
    return sheet;
  }

  setActiveSheet(sheet: FakeSheet): FakeSheet {
    this.log.hit('Spreadsheet.setActiveSheet');
    this.select(sheet, null);
    return sheet;
  }

  getActiveRange(): FakeRange | null {
    this.log.hit('Spreadsheet.getActiveRange');
    return this.activeRange;
  }

  setActiveRange(range: FakeRange): FakeRange {
    this.log.hit('Spreadsheet.setActiveRange');
    this.select(range.sheet, range);
    return range;
  }

  /** Test helper (not counted): what the user sees selected. */
  select(sheet: FakeSheet, range: FakeRange | null): void {
    if (!this.sheets.includes(sheet)) throw new GasException('Sheet not found');
    this.activeSheet = sheet;
    this.activeRange = range;
  }

  /** Names start with a letter or underscore, hold letters, digits, underscores and dots, and are not cell references. */
  setNamedRange(name: string, range: FakeRange): void {
    this.log.hit('Spreadsheet.setNamedRange');
    if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) || /^[A-Za-z]{1,3}[0-9]+$/.test(name) || /^(true|false)$/i.test(name))
      throw new GasException(`The name "${name}" is not valid for a named range.`);
    this.namedRanges.set(name, range);
  }

  getRangeByName(name: string): FakeRange | null {
    this.log.hit('Spreadsheet.getRangeByName');
    return this.namedRanges.get(name) ?? null;
  }

  removeNamedRange(name: string): void {
    this.log.hit('Spreadsheet.removeNamedRange');
    if (!this.namedRanges.delete(name)) throw new GasException(`Named range ${name} not found.`);
  }

  deleteSheet(sheet: FakeSheet): void {
    this.log.hit('Spreadsheet.deleteSheet');
    const i = this.sheets.indexOf(sheet);
    if (i < 0) throw new GasException('Sheet not found');
    if (this.sheets.length === 1) throw new GasException("You can't remove all the sheets in a document.");
    this.sheets.splice(i, 1);
    if (this.activeSheet === sheet) this.activeSheet = this.sheets[0];
    if (this.activeRange?.sheet === sheet) this.activeRange = null;
    for (const [name, range] of this.namedRanges) if (range.sheet === sheet) this.namedRanges.delete(name);
    for (let m = this.metadata.length - 1; m >= 0; m--) {
      const place = this.metadata[m].place;
      if (place.type !== 'SPREADSHEET' && place.sheet === sheet) this.metadata.splice(m, 1);
    }
    for (let p = this.protections.length - 1; p >= 0; p--) if (this.protections[p].range.sheet === sheet) this.protections.splice(p, 1);
  }
}

export class FakeSheet
  implements
    Faked<
      GoogleAppsScript.Spreadsheet.Sheet,
      | 'getName'
      | 'setName'
      | 'getSheetId'
      | 'getIndex'
      | 'getParent'
      | 'getRange'
      | 'getDataRange'
      | 'getLastRow'
      | 'getLastColumn'
      | 'getMaxRows'
      | 'getMaxColumns'
      | 'appendRow'
      | 'clearContents'
      | 'clear'
      | 'setFrozenRows'
      | 'getFrozenRows'
      | 'setFrozenColumns'
      | 'getFrozenColumns'
      | 'setColumnWidth'
      | 'getColumnWidth'
      | 'insertColumnsAfter'
      | 'insertRowsAfter'
      | 'addDeveloperMetadata'
      | 'getDeveloperMetadata'
      | 'createDeveloperMetadataFinder'
      | 'protect'
      | 'getProtections'
      | 'getRangeList'
      | 'activate'
    >
{
  /** Stored cells, 0-based, ragged; a missing cell is blank. */
  private grid: Cell[][] = [];
  private formulas = new Map<string, string>();
  maxRows: number;
  maxColumns: number;
  frozenRows = 0;
  frozenColumns = 0;
  /** 1-based column -> width in pixels; unset columns are 100 px wide. */
  readonly columnWidths = new Map<number, number>();
  readonly notes = new CellLayer<string>('');
  readonly fontWeights = new CellLayer<GoogleAppsScript.Spreadsheet.FontWeight>('normal');
  readonly backgrounds = new CellLayer<string>('#ffffff');
  readonly validations = new CellLayer<FakeDataValidation | null>(null);
  /** Test helper: how many setValues calls wrote to this tab (the call log counts them for all tabs). */
  setValuesCalls = 0;

  constructor(
    readonly spreadsheet: FakeSpreadsheet,
    readonly id: number,
    public name: string,
    rows: readonly (readonly unknown[])[],
  ) {
    let width = 0;
    for (const row of rows) {
      this.grid.push(row.map((v) => (v === null || v === undefined ? '' : copyCell(v as Cell))));
      width = Math.max(width, row.length);
    }
    this.maxRows = Math.max(DEFAULT_ROWS, rows.length);
    this.maxColumns = Math.max(DEFAULT_COLS, width);
  }

  private get log(): CallLog {
    return this.spreadsheet.log;
  }

  /** Test helper (not counted): a copy of the cell at 1-based (row, col). */
  cell(row: number, col: number): Cell {
    const v = this.grid[row - 1]?.[col - 1];
    return v === undefined ? '' : copyCell(v);
  }

  /** Test helper (not counted): every stored value as getDataRange().getValues() would give it. */
  peek(): Cell[][] {
    const rows = Math.max(1, this.lastRow());
    const cols = Math.max(1, this.lastColumn());
    return this.read(1, 1, rows, cols);
  }

  /** Test helper (not counted): the formula at 1-based (row, col), or ''. */
  formula(row: number, col: number): string {
    return this.formulas.get(`${row},${col}`) ?? '';
  }

  /** Test helper (not counted): the rule on a cell as plain data, or null. */
  validationAt(row: number, col: number): ReturnType<FakeDataValidation['describe']> | null {
    return this.validations.get(row, col)?.describe() ?? null;
  }

  /** Test helper (not counted): a whole row or column as a range. */
  wholeRow(row: number): FakeRange {
    return new FakeRange(this, row, 1, 1, this.maxColumns);
  }

  wholeColumn(column: number): FakeRange {
    return new FakeRange(this, 1, column, this.maxRows, 1);
  }

  lastRow(): number {
    for (let r = this.grid.length; r > 0; r--) if (this.grid[r - 1].some((v) => v !== '') || this.rowHasFormula(r)) return r;
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const row of this.grid) for (let c = row.length; c > last; c--) if (row[c - 1] !== '') { last = c; break; }
    for (const key of this.formulas.keys()) last = Math.max(last, Number(key.split(',')[1]));
    return last;
  }

  private rowHasFormula(row: number): boolean {
    for (const key of this.formulas.keys()) if (key.startsWith(`${row},`)) return true;
    return false;
  }

  /** Fresh arrays, '' for blank, fresh Date objects. */
  read(row: number, col: number, numRows: number, numCols: number): Cell[][] {
    const out: Cell[][] = [];
    for (let r = 0; r < numRows; r++) {
      const src = this.grid[row - 1 + r];
      const line: Cell[] = new Array(numCols);
      for (let c = 0; c < numCols; c++) {
        const v = src?.[col - 1 + c];
        line[c] = v === undefined ? '' : copyCell(v);
      }
      out.push(line);
    }
    return out;
  }

  /** Stores values (parsed as typed input) at 1-based (row, col); the caller has checked the shape. */
  write(row: number, col: number, values: readonly (readonly unknown[])[]): void {
    const tz = this.spreadsheet.timeZone;
    for (let r = 0; r < values.length; r++) {
      const ri = row - 1 + r;
      while (this.grid.length <= ri) this.grid.push([]);
      const target = this.grid[ri];
      const line = values[r];
      for (let c = 0; c < line.length; c++) {
        const ci = col - 1 + c;
        while (target.length < ci) target.push('');
        const parsed = parseInput(line[c], tz);
        target[ci] = parsed.value;
        const key = `${ri + 1},${ci + 1}`;
        if (parsed.formula !== undefined) this.formulas.set(key, parsed.formula);
        else this.formulas.delete(key);
      }
    }
  }

  getName(): string {
    this.log.hit('Sheet.getName');
    return this.name;
  }

  setName(name: string): FakeSheet {
    this.log.hit('Sheet.setName');
    if (this.spreadsheet.sheets.some((s) => s !== this && s.name.toLowerCase() === name.toLowerCase()))
      throw new GasException(`A sheet with the name "${name}" already exists. Please enter another name.`);
    this.name = name;
    return this;
  }

  getSheetId(): number {
    this.log.hit('Sheet.getSheetId');
    return this.id;
  }

  /** 1-based position among the tabs. */
  getIndex(): number {
    this.log.hit('Sheet.getIndex');
    return this.spreadsheet.sheets.indexOf(this) + 1;
  }

  getParent(): FakeSpreadsheet {
    this.log.hit('Sheet.getParent');
    return this.spreadsheet;
  }

  getRange(a1Notation: string): FakeRange;
  getRange(row: number, column: number, numRows?: number, numColumns?: number): FakeRange;
  getRange(rowOrA1: number | string, column?: number, numRows?: number, numColumns?: number): FakeRange {
    this.log.hit('Sheet.getRange');
    if (typeof rowOrA1 === 'string') return this.rangeA1(rowOrA1);
    const args = [rowOrA1, column, numRows, numColumns].slice(0, arguments.length);
    if (args.length < 2 || args.some((a) => typeof a !== 'number' || !Number.isFinite(a))) {
      const types = args.map((a) => (a === null || a === undefined ? 'null' : typeof a)).join(',');
      throw new GasException(`The parameters (${types}) don't match the method signature for SpreadsheetApp.Sheet.getRange.`);
    }
    return this.range(rowOrA1, column as number, numRows ?? 1, numColumns ?? 1);
  }

  private rangeA1(a1: string): FakeRange {
    const rows = /^\$?(\d+):\$?(\d+)$/.exec(a1.trim());
    if (rows) {
      const [r1, r2] = [Number(rows[1]), Number(rows[2])].sort((x, y) => x - y);
      return this.range(r1, 1, r2 - r1 + 1, this.maxColumns);
    }
    const cols = /^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})$/.exec(a1.trim());
    if (cols) {
      const [c1, c2] = [columnNumber(cols[1]), columnNumber(cols[2])].sort((x, y) => x - y);
      return this.range(1, c1, this.maxRows, c2 - c1 + 1);
    }
    const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(a1.trim());
    if (!m) throw new GasException('Range not found');
    const r1 = Number(m[2]);
    const c1 = columnNumber(m[1]);
    const r2 = m[4] === undefined ? r1 : Number(m[4]);
    const c2 = m[3] === undefined ? c1 : columnNumber(m[3]);
    return this.range(Math.min(r1, r2), Math.min(c1, c2), Math.abs(r2 - r1) + 1, Math.abs(c2 - c1) + 1);
  }

  /** The checks Sheet.getRange makes, in its order, with its messages. */
  private range(row: number, col: number, numRows: number, numCols: number): FakeRange {
    if (row < 1) throw new GasException('The starting row of the range is too small.');
    if (col < 1) throw new GasException('The starting column of the range is too small.');
    if (numRows < 1) throw new GasException('The number of rows in the range must be at least 1.');
    if (numCols < 1) throw new GasException('The number of columns in the range must be at least 1.');
    if (row + numRows - 1 > this.maxRows || col + numCols - 1 > this.maxColumns)
      throw new GasException('The coordinates of the range are outside the dimensions of the sheet.');
    return new FakeRange(this, Math.trunc(row), Math.trunc(col), Math.trunc(numRows), Math.trunc(numCols));
  }

  /** One RangeList for many A1 ranges of this tab: one call, whatever their number. */
  getRangeList(a1Notations: string[]): FakeRangeList {
    this.log.hit('Sheet.getRangeList');
    if (!Array.isArray(a1Notations) || a1Notations.length === 0) throw new GasException('The parameters () don\'t match the method signature for SpreadsheetApp.Sheet.getRangeList.');
    return new FakeRangeList(this, a1Notations.map((a1) => this.rangeA1(a1)));
  }

  activate(): FakeSheet {
    this.log.hit('Sheet.activate');
    this.spreadsheet.select(this, null);
    return this;
  }

  /** A1 to the last row and column with content; A1 alone on an empty tab. */
  getDataRange(): FakeRange {
    this.log.hit('Sheet.getDataRange');
    return new FakeRange(this, 1, 1, Math.max(1, this.lastRow()), Math.max(1, this.lastColumn()));
  }

  getLastRow(): number {
    this.log.hit('Sheet.getLastRow');
    return this.lastRow();
  }

  getLastColumn(): number {
    this.log.hit('Sheet.getLastColumn');
    return this.lastColumn();
  }

  getMaxRows(): number {
    this.log.hit('Sheet.getMaxRows');
    return this.maxRows;
  }

  getMaxColumns(): number {
    this.log.hit('Sheet.getMaxColumns');
    return this.maxColumns;
  }

  /** Writes after the last row with content, growing the tab when it is full. */
  appendRow(rowContents: unknown[]): FakeSheet {
    this.log.hit('Sheet.appendRow');
    const row = this.lastRow() + 1;
    if (row > this.maxRows) this.maxRows = row;
    if (rowContents.length > this.maxColumns) this.maxColumns = rowContents.length;
    this.write(row, 1, [rowContents]);
    return this;
  }

  clearContents(): FakeSheet {
    this.log.hit('Sheet.clearContents');
    this.grid = [];
    this.formulas.clear();
    return this;
  }

  /** Contents and formats (font weights, backgrounds); notes and validation stay, as in Sheets. */
  clear(): FakeSheet {
    this.log.hit('Sheet.clear');
    this.grid = [];
    this.formulas.clear();
    this.fontWeights.reset();
    this.backgrounds.reset();
    return this;
  }

  setFrozenRows(rows: number): void {
    this.log.hit('Sheet.setFrozenRows');
    if (rows < 0 || rows > this.maxRows) throw new GasException('The number of frozen rows is out of range.');
    this.frozenRows = rows;
  }

  getFrozenRows(): number {
    this.log.hit('Sheet.getFrozenRows');
    return this.frozenRows;
  }

  setFrozenColumns(columns: number): void {
    this.log.hit('Sheet.setFrozenColumns');
    if (columns < 0 || columns > this.maxColumns) throw new GasException('The number of frozen columns is out of range.');
    this.frozenColumns = columns;
  }

  getFrozenColumns(): number {
    this.log.hit('Sheet.getFrozenColumns');
    return this.frozenColumns;
  }

  setColumnWidth(columnPosition: number, width: number): FakeSheet {
    this.log.hit('Sheet.setColumnWidth');
    if (columnPosition < 1 || columnPosition > this.maxColumns) throw new GasException('Those columns are out of bounds.');
    this.columnWidths.set(columnPosition, width);
    return this;
  }

  getColumnWidth(columnPosition: number): number {
    this.log.hit('Sheet.getColumnWidth');
    return this.columnWidths.get(columnPosition) ?? 100;
  }

  /** New blank columns after `afterPosition`; cells, notes, formats and rules to their right move along. */
  insertColumnsAfter(afterPosition: number, howMany: number): FakeSheet {
    this.log.hit('Sheet.insertColumnsAfter');
    if (afterPosition < 1 || afterPosition > this.maxColumns) throw new GasException('Those columns are out of bounds.');
    for (const row of this.grid) if (row.length > afterPosition) row.splice(afterPosition, 0, ...new Array<Cell>(howMany).fill(''));
    for (const layer of [this.notes, this.fontWeights, this.backgrounds, this.validations]) layer.insertColumns(afterPosition + 1, howMany);
    this.maxColumns += howMany;
    return this;
  }

  insertRowsAfter(afterPosition: number, howMany: number): FakeSheet {
    this.log.hit('Sheet.insertRowsAfter');
    if (afterPosition < 1 || afterPosition > this.maxRows) throw new GasException('Those rows are out of bounds.');
    if (this.grid.length > afterPosition) this.grid.splice(afterPosition, 0, ...Array.from({ length: howMany }, (): Cell[] => []));
    for (const layer of [this.notes, this.fontWeights, this.backgrounds, this.validations]) layer.insertRows(afterPosition + 1, howMany);
    this.maxRows += howMany;
    return this;
  }

  addDeveloperMetadata(key: string, valueOrVisibility?: string | Visibility, visibility?: Visibility): FakeSheet {
    this.log.hit('Sheet.addDeveloperMetadata');
    this.spreadsheet.attachMetadata({ type: 'SHEET', sheet: this }, key, valueOrVisibility, visibility);
    return this;
  }

  /** Only what is bound to the sheet itself (not its rows or columns), as in the real method. */
  getDeveloperMetadata(): FakeDeveloperMetadata[] {
    this.log.hit('Sheet.getDeveloperMetadata');
    return this.spreadsheet.metadata.filter((m) => m.place.type === 'SHEET' && m.place.sheet === this);
  }

  createDeveloperMetadataFinder(): FakeDeveloperMetadataFinder {
    this.log.hit('Sheet.createDeveloperMetadataFinder');
    return new FakeDeveloperMetadataFinder(this.spreadsheet, this);
  }

  /** A sheet has one sheet protection: protecting it again gives the existing one. */
  protect(): FakeProtection {
    this.log.hit('Sheet.protect');
    const existing = this.spreadsheet.protections.find((p) => p.type === 'SHEET' && p.range.sheet === this);
    if (existing) return existing;
    const protection = new FakeProtection(this.spreadsheet, 'SHEET', new FakeRange(this, 1, 1, this.maxRows, this.maxColumns));
    this.spreadsheet.protections.push(protection);
    return protection;
  }

  getProtections(type: ProtectionKind): FakeProtection[] {
    this.log.hit('Sheet.getProtections');
    return this.spreadsheet.protections.filter((p) => p.range.sheet === this && p.type === (type as unknown as string));
  }
}

export class FakeRange
  implements
    Faked<
      GoogleAppsScript.Spreadsheet.Range,
      | 'getValues'
      | 'getValue'
      | 'setValues'
      | 'setValue'
      | 'getFormulas'
      | 'getRow'
      | 'getColumn'
      | 'getNumRows'
      | 'getNumColumns'
      | 'getLastRow'
      | 'getLastColumn'
      | 'getA1Notation'
      | 'getSheet'
      | 'clearContent'
      | 'setNote'
      | 'getNote'
      | 'setNotes'
      | 'getNotes'
      | 'setFontWeight'
      | 'getFontWeight'
      | 'setBackground'
      | 'getBackground'
      | 'setDataValidation'
      | 'getDataValidation'
      | 'addDeveloperMetadata'
      | 'protect'
      | 'getBackgrounds'
      | 'setBackgrounds'
      | 'activate'
    >
{
  constructor(
    readonly sheet: FakeSheet,
    readonly row: number,
    readonly column: number,
    readonly numRows: number,
    readonly numColumns: number,
  ) {}

  private get log(): CallLog {
    return this.sheet.spreadsheet.log;
  }

  getValues(): Cell[][] {
    this.log.hit('Range.getValues');
    return this.sheet.read(this.row, this.column, this.numRows, this.numColumns);
  }

  getValue(): Cell {
    this.log.hit('Range.getValue');
    return this.sheet.read(this.row, this.column, 1, 1)[0][0];
  }

  getFormulas(): string[][] {
    this.log.hit('Range.getFormulas');
    const out: string[][] = [];
    for (let r = 0; r < this.numRows; r++) {
      const line: string[] = [];
      for (let c = 0; c < this.numColumns; c++) line.push(this.sheet.formula(this.row + r, this.column + c));
      out.push(line);
    }
    return out;
  }

  /** Checks the whole shape first (rows, then each row's columns) and writes nothing when it is wrong. */
  setValues(values: unknown[][]): FakeRange {
    this.log.hit('Range.setValues');
    if (!Array.isArray(values)) throw new GasException("The parameters (String) don't match the method signature for SpreadsheetApp.Range.setValues.");
    if (values.length !== this.numRows)
      throw new GasException(
        `The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${this.numRows}.`,
      );
    for (const line of values) {
      if (!Array.isArray(line)) throw new GasException("The parameters (number[]) don't match the method signature for SpreadsheetApp.Range.setValues.");
      if (line.length !== this.numColumns)
        throw new GasException(
          `The number of columns in the data does not match the number of columns in the range. The data has ${line.length} but the range has ${this.numColumns}.`,
        );
    }
    this.sheet.setValuesCalls++;
    this.sheet.write(this.row, this.column, values);
    return this;
  }

  /** Every cell of the range gets the value. */
  setValue(value: unknown): FakeRange {
    this.log.hit('Range.setValue');
    const rows = Array.from({ length: this.numRows }, () => new Array<unknown>(this.numColumns).fill(value));
    this.sheet.write(this.row, this.column, rows);
    return this;
  }

  clearContent(): FakeRange {
    this.log.hit('Range.clearContent');
    const rows = Array.from({ length: this.numRows }, () => new Array<unknown>(this.numColumns).fill(''));
    this.sheet.write(this.row, this.column, rows);
    return this;
  }

  getRow(): number {
    this.log.hit('Range.getRow');
    return this.row;
  }

  getColumn(): number {
    this.log.hit('Range.getColumn');
    return this.column;
  }

  getNumRows(): number {
    this.log.hit('Range.getNumRows');
    return this.numRows;
  }

  getNumColumns(): number {
    this.log.hit('Range.getNumColumns');
    return this.numColumns;
  }

  getLastRow(): number {
    this.log.hit('Range.getLastRow');
    return this.row + this.numRows - 1;
  }

  getLastColumn(): number {
    this.log.hit('Range.getLastColumn');
    return this.column + this.numColumns - 1;
  }

  getA1Notation(): string {
    this.log.hit('Range.getA1Notation');
    const start = columnLetters(this.column) + this.row;
    if (this.numRows === 1 && this.numColumns === 1) return start;
    return `${start}:${columnLetters(this.column + this.numColumns - 1)}${this.row + this.numRows - 1}`;
  }

  getSheet(): FakeSheet {
    this.log.hit('Range.getSheet');
    return this.sheet;
  }

  /** Test helper (not counted): the A1 notation. */
  a1(): string {
    const start = columnLetters(this.column) + this.row;
    if (this.numRows === 1 && this.numColumns === 1) return start;
    return `${start}:${columnLetters(this.column + this.numColumns - 1)}${this.row + this.numRows - 1}`;
  }

  private get rect(): Rect {
    return { row: this.row, column: this.column, numRows: this.numRows, numColumns: this.numColumns };
  }

  /** Every cell of the range gets the note; '' or null clears it. */
  setNote(note: string | null): FakeRange {
    this.log.hit('Range.setNote');
    this.sheet.notes.set(this.rect, note ?? '');
    return this;
  }

  getNote(): string {
    this.log.hit('Range.getNote');
    return this.sheet.notes.get(this.row, this.column);
  }

  setNotes(notes: any[][]): FakeRange {
    this.log.hit('Range.setNotes');
    this.checkShape(notes);
    notes.forEach((line, r) =>
      line.forEach((note: unknown, c) => this.sheet.notes.set({ row: this.row + r, column: this.column + c, numRows: 1, numColumns: 1 }, note === null || note === undefined ? '' : String(note))),
    );
    return this;
  }

  getNotes(): string[][] {
    this.log.hit('Range.getNotes');
    return Array.from({ length: this.numRows }, (_, r) => Array.from({ length: this.numColumns }, (_, c) => this.sheet.notes.get(this.row + r, this.column + c)));
  }

  setFontWeight(fontWeight: GoogleAppsScript.Spreadsheet.FontWeight | null): FakeRange {
    this.log.hit('Range.setFontWeight');
    if (fontWeight !== null && fontWeight !== 'bold' && fontWeight !== 'normal')
      throw new GasException(`Invalid argument: fontWeight. Should be one of "bold" or "normal".`);
    this.sheet.fontWeights.set(this.rect, fontWeight ?? 'normal');
    return this;
  }

  getFontWeight(): GoogleAppsScript.Spreadsheet.FontWeight {
    this.log.hit('Range.getFontWeight');
    return this.sheet.fontWeights.get(this.row, this.column);
  }

  setBackground(color: string | null): FakeRange {
    this.log.hit('Range.setBackground');
    this.sheet.backgrounds.set(this.rect, color === null ? '#ffffff' : color.toLowerCase());
    return this;
  }

  getBackground(): string {
    this.log.hit('Range.getBackground');
    return this.sheet.backgrounds.get(this.row, this.column);
  }

  getBackgrounds(): string[][] {
    this.log.hit('Range.getBackgrounds');
    return Array.from({ length: this.numRows }, (_, r) => Array.from({ length: this.numColumns }, (_, c) => this.sheet.backgrounds.get(this.row + r, this.column + c)));
  }

  setBackgrounds(color: (string | null)[][]): FakeRange {
    this.log.hit('Range.setBackgrounds');
    this.checkShape(color);
    color.forEach((line, r) =>
      line.forEach((bg, c) => this.sheet.backgrounds.set({ row: this.row + r, column: this.column + c, numRows: 1, numColumns: 1 }, bg === null ? '#ffffff' : String(bg).toLowerCase())),
    );
    return this;
  }

  /** Selects the range (and its tab), as a click would. */
  activate(): FakeRange {
    this.log.hit('Range.activate');
    this.sheet.spreadsheet.select(this.sheet, this);
    return this;
  }

  /** null removes the rule from the range. */
  setDataValidation(rule: FakeDataValidation | null): FakeRange {
    this.log.hit('Range.setDataValidation');
    if (rule !== null && !(rule instanceof FakeDataValidation))
      throw new GasException("The parameters (String) don't match the method signature for SpreadsheetApp.Range.setDataValidation.");
    this.sheet.validations.set(this.rect, rule);
    return this;
  }

  getDataValidation(): FakeDataValidation | null {
    this.log.hit('Range.getDataValidation');
    return this.sheet.validations.get(this.row, this.column);
  }

  /** Only on a whole row or a whole column, like the real service; anything else throws. */
  addDeveloperMetadata(key: string, valueOrVisibility?: string | Visibility, visibility?: Visibility): FakeRange {
    this.log.hit('Range.addDeveloperMetadata');
    const wholeRow = this.column === 1 && this.numColumns === this.sheet.maxColumns && this.numRows === 1;
    const wholeColumn = this.row === 1 && this.numRows === this.sheet.maxRows && this.numColumns === 1;
    if (!wholeRow && !wholeColumn) throw new GasException(ARBITRARY_RANGE_MESSAGE);
    const place: MetadataPlace = wholeRow ? { type: 'ROW', sheet: this.sheet, index: this.row } : { type: 'COLUMN', sheet: this.sheet, index: this.column };
    this.sheet.spreadsheet.attachMetadata(place, key, valueOrVisibility, visibility);
    return this;
  }

  protect(): FakeProtection {
    this.log.hit('Range.protect');
    const protection = new FakeProtection(this.sheet.spreadsheet, 'RANGE', this);
    this.sheet.spreadsheet.protections.push(protection);
    return protection;
  }

  checkShape(values: unknown[][]): void {
    if (values.length !== this.numRows)
      throw new GasException(`The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${this.numRows}.`);
    for (const line of values)
      if (line.length !== this.numColumns)
        throw new GasException(`The number of columns in the data does not match the number of columns in the range. The data has ${line.length} but the range has ${this.numColumns}.`);
  }
}

/** Several ranges of one tab, changed with one call each. */
export class FakeRangeList
  implements Faked<GoogleAppsScript.Spreadsheet.RangeList, 'setBackground' | 'setNote' | 'clearNote' | 'setFontWeight' | 'getRanges'>
{
  constructor(
    readonly sheet: FakeSheet,
    readonly ranges: FakeRange[],
  ) {}

  private get log(): CallLog {
    return this.sheet.spreadsheet.log;
  }

  private each(apply: (r: FakeRange) => void): FakeRangeList {
    for (const r of this.ranges) apply(r);
    return this;
  }

  setBackground(color: string | null): FakeRangeList {
    this.log.hit('RangeList.setBackground');
    return this.each((r) => this.sheet.backgrounds.set({ row: r.row, column: r.column, numRows: r.numRows, numColumns: r.numColumns }, color === null ? '#ffffff' : color.toLowerCase()));
  }

  setNote(note: string | null): FakeRangeList {
    this.log.hit('RangeList.setNote');
    return this.each((r) => this.sheet.notes.set({ row: r.row, column: r.column, numRows: r.numRows, numColumns: r.numColumns }, note ?? ''));
  }

  clearNote(): FakeRangeList {
    this.log.hit('RangeList.clearNote');
    return this.each((r) => this.sheet.notes.set({ row: r.row, column: r.column, numRows: r.numRows, numColumns: r.numColumns }, ''));
  }

  setFontWeight(fontWeight: GoogleAppsScript.Spreadsheet.FontWeight | null): FakeRangeList {
    this.log.hit('RangeList.setFontWeight');
    return this.each((r) => this.sheet.fontWeights.set({ row: r.row, column: r.column, numRows: r.numRows, numColumns: r.numColumns }, fontWeight ?? 'normal'));
  }

  getRanges(): FakeRange[] {
    this.log.hit('RangeList.getRanges');
    return [...this.ranges];
  }
}
