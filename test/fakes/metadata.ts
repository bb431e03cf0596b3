/**
 * Developer metadata: key/value pairs bound to the spreadsheet, a sheet, or a whole row or column (never to an
 * arbitrary range, as in the real service). Stored on the spreadsheet; finders search it.
 */
import type { CallLog } from './calls';
import type { FakeRange, FakeSheet, FakeSpreadsheet } from './spreadsheet';
import type { Faked } from './types';

export const DeveloperMetadataLocationType = {
  SPREADSHEET: 'SPREADSHEET',
  SHEET: 'SHEET',
  ROW: 'ROW',
  COLUMN: 'COLUMN',
} as unknown as typeof GoogleAppsScript.Spreadsheet.DeveloperMetadataLocationType;

export const DeveloperMetadataVisibility = {
  DOCUMENT: 'DOCUMENT',
  PROJECT: 'PROJECT',
} as unknown as typeof GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility;

type LocationType = GoogleAppsScript.Spreadsheet.DeveloperMetadataLocationType;
type Visibility = GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility;

export type MetadataPlace =
  | { type: 'SPREADSHEET' }
  | { type: 'SHEET'; sheet: FakeSheet }
  | { type: 'ROW'; sheet: FakeSheet; index: number }
  | { type: 'COLUMN'; sheet: FakeSheet; index: number };

export const ARBITRARY_RANGE_MESSAGE =
  'Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.';

export class FakeDeveloperMetadataLocation
  implements Faked<GoogleAppsScript.Spreadsheet.DeveloperMetadataLocation, 'getLocationType' | 'getSheet' | 'getSpreadsheet' | 'getRow' | 'getColumn'>
{
  constructor(
    private readonly log: CallLog,
    private readonly spreadsheet: FakeSpreadsheet,
    private readonly place: MetadataPlace,
  ) {}

  getLocationType(): LocationType {
    this.log.hit('DeveloperMetadataLocation.getLocationType');
    return this.place.type as unknown as LocationType;
  }

  getSheet(): FakeSheet | null {
    this.log.hit('DeveloperMetadataLocation.getSheet');
    return this.place.type === 'SPREADSHEET' ? null : this.place.sheet;
  }

  getSpreadsheet(): FakeSpreadsheet | null {
    this.log.hit('DeveloperMetadataLocation.getSpreadsheet');
    return this.place.type === 'SPREADSHEET' ? this.spreadsheet : null;
  }

  getRow(): FakeRange | null {
    this.log.hit('DeveloperMetadataLocation.getRow');
    return this.place.type === 'ROW' ? this.place.sheet.wholeRow(this.place.index) : null;
  }

  getColumn(): FakeRange | null {
    this.log.hit('DeveloperMetadataLocation.getColumn');
    return this.place.type === 'COLUMN' ? this.place.sheet.wholeColumn(this.place.index) : null;
  }
}

export class FakeDeveloperMetadata
  implements Faked<GoogleAppsScript.Spreadsheet.DeveloperMetadata, 'getId' | 'getKey' | 'getValue' | 'getVisibility' | 'getLocation' | 'setValue' | 'setKey' | 'remove'>
{
  constructor(
    private readonly spreadsheet: FakeSpreadsheet,
    readonly id: number,
    public key: string,
    public value: string | null,
    public visibility: Visibility,
    readonly place: MetadataPlace,
  ) {}

  private get log(): CallLog {
    return this.spreadsheet.log;
  }

  getId(): number {
    this.log.hit('DeveloperMetadata.getId');
    return this.id;
  }

  getKey(): string {
    this.log.hit('DeveloperMetadata.getKey');
    return this.key;
  }

  getValue(): string | null {
    this.log.hit('DeveloperMetadata.getValue');
    return this.value;
  }

  getVisibility(): Visibility {
    this.log.hit('DeveloperMetadata.getVisibility');
    return this.visibility;
  }

  getLocation(): FakeDeveloperMetadataLocation {
    this.log.hit('DeveloperMetadata.getLocation');
    return new FakeDeveloperMetadataLocation(this.log, this.spreadsheet, this.place);
  }

  setValue(value: string): FakeDeveloperMetadata {
    this.log.hit('DeveloperMetadata.setValue');
    this.value = value;
    return this;
  }

  setKey(key: string): FakeDeveloperMetadata {
    this.log.hit('DeveloperMetadata.setKey');
    this.key = key;
    return this;
  }

  remove(): void {
    this.log.hit('DeveloperMetadata.remove');
    this.spreadsheet.metadata.splice(this.spreadsheet.metadata.indexOf(this), 1);
  }
}

export class FakeDeveloperMetadataFinder
  implements Faked<GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder, 'withKey' | 'withValue' | 'withId' | 'withLocationType' | 'find'>
{
  private readonly tests: ((m: FakeDeveloperMetadata) => boolean)[] = [];

  constructor(
    private readonly spreadsheet: FakeSpreadsheet,
    /** A sheet's finder sees only what is on that sheet (the sheet itself and its rows and columns). */
    private readonly sheet: FakeSheet | null,
  ) {}

  private get log(): CallLog {
    return this.spreadsheet.log;
  }

  withKey(key: string): FakeDeveloperMetadataFinder {
    this.log.hit('DeveloperMetadataFinder.withKey');
    this.tests.push((m) => m.key === key);
    return this;
  }

  withValue(value: string): FakeDeveloperMetadataFinder {
    this.log.hit('DeveloperMetadataFinder.withValue');
    this.tests.push((m) => m.value === value);
    return this;
  }

  withId(id: number): FakeDeveloperMetadataFinder {
    this.log.hit('DeveloperMetadataFinder.withId');
    this.tests.push((m) => m.id === id);
    return this;
  }

  withLocationType(locationType: LocationType): FakeDeveloperMetadataFinder {
    this.log.hit('DeveloperMetadataFinder.withLocationType');
    this.tests.push((m) => m.place.type === (locationType as unknown as string));
    return this;
  }

  find(): FakeDeveloperMetadata[] {
    this.log.hit('DeveloperMetadataFinder.find');
    return this.spreadsheet.metadata.filter(
      (m) => (this.sheet === null || (m.place.type !== 'SPREADSHEET' && m.place.sheet === this.sheet)) && this.tests.every((t) => t(m)),
    );
  }
}
