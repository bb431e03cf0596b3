/** UTF-8 without TextEncoder/TextDecoder (Apps Script's V8 has neither): strict decoding, encoding. */

export type Utf8Decoded = { ok: true; text: string } | { ok: false; offset: number };

/** Strict decoding: the first byte offset that is not well-formed UTF-8 makes it fail. A leading BOM is dropped. */
export function decodeUtf8(bytes: Uint8Array): Utf8Decoded {
  let i = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const parts: string[] = [];
  let chunk: number[] = [];
  while (i < bytes.length) {
    const b = bytes[i];
    let cp: number;
    let need: number;
    let min: number;
    if (b < 0x80) { cp = b; need = 0; min = 0; }
    else if (b >= 0xc2 && b <= 0xdf) { cp = b & 0x1f; need = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { cp = b & 0x0f; need = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { cp = b & 0x07; need = 3; min = 0x10000; }
    else return { ok: false, offset: i };
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return { ok: false, offset: i };
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return { ok: false, offset: i };
    chunk.push(cp);
    if (chunk.length >= 4096) { parts.push(String.fromCodePoint(...chunk)); chunk = []; }
    i += need + 1;
  }
  parts.push(String.fromCodePoint(...chunk));
  return { ok: true, text: parts.join('') };
}

export function encodeUtf8(text: string): Uint8Array {
  if (/^[\x00-\x7f]*$/.test(text)) {
    const ascii = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) ascii[i] = text.charCodeAt(i);
    return ascii;
  }
  const out: number[] = [];
  for (const ch of text) {
    let cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return Uint8Array.from(out);
}
