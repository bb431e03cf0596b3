/** File bytes -> text for the importers: strict UTF-8 (BOM allowed); anything else is a 'bad-encoding' finding. */
import { a1 } from '../cells';
import { error, type Finding } from '../findings';
import { decodeUtf8 } from './utf8';

export type DecodedFile = { ok: true; text: string } | { ok: false; finding: Finding };

export function decodeFileBytes(bytes: Uint8Array, sheet: string): DecodedFile {
  const decoded = decodeUtf8(bytes);
  if (decoded.ok) return decoded;
  let line = 1;
  for (let i = 0; i < decoded.offset; i++) if (bytes[i] === 0x0a) line++;
  const hex = bytes[decoded.offset].toString(16).toUpperCase().padStart(2, '0');
  return {
    ok: false,
    finding: error(sheet, a1(line - 1, 0), 'bad-encoding', `The file is not UTF-8: byte 0x${hex} on line ${line} (offset ${decoded.offset}) is not valid UTF-8, as in a Latin-1 / Windows-1252 export. Save the file as "CSV UTF-8" (or UTF-8 JSON) and import it again.`),
  };
}
