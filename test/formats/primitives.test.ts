import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../shared/formats/html-text';
import { sha1 } from '../../shared/formats/sha1';
import { decodeUtf8, encodeUtf8 } from '../../shared/formats/utf8';
import { UUID_PATTERN, uuidV5 } from '../../shared/formats/uuid';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('format primitives', () => {
  it('sha1 matches node:crypto', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(hex(sha1(bytes))).toBe(createHash('sha1').update(bytes).digest('hex'));
      }),
    );
  });

  it('uuidV5 gives the RFC example value and valid v5 UUIDs', () => {
    // RFC 9562 appendix A.4: v5 of "www.example.com" in the DNS namespace.
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    const id = uuidV5('acme/competency/FND-CTX', '6ba7b811-9dad-11d1-80b4-00c04fd430c8');
    expect(id).toMatch(UUID_PATTERN);
    expect(id[14]).toBe('5');
  });

  it('utf8 encode/decode round trip matches Buffer, and Latin-1 bytes are rejected', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(hex(encodeUtf8(s))).toBe(Buffer.from(s, 'utf8').toString('hex'));
        expect(decodeUtf8(encodeUtf8(s))).toEqual({ ok: true, text: s });
      }),
    );
    expect(decodeUtf8(Buffer.from('Comp\u00e9tence', 'latin1'))).toEqual({ ok: false, offset: 4 });
  });

  it('htmlToText keeps paragraph breaks and decodes entities', () => {
    expect(htmlToText('<p>One\nline &amp; more</p><p>Two<br>Three &#8217;x&rsquo;</p>')).toBe('One line & more\nTwo\nThree ’x’');
  });
});

describe('the Rungs CASE namespace', () => {
  it('is uuidV5(URL namespace, "https://rungs.dev/case") as documented', async () => {
    const { RUNGS_CASE_NAMESPACE } = await import('../../shared/formats/uuid');
    expect(uuidV5('https://rungs.dev/case', '6ba7b811-9dad-11d1-80b4-00c04fd430c8')).toBe(RUNGS_CASE_NAMESPACE);
  });
});
