/**
 * The plain-line CSV reader against papaparse itself: thousands of generated files (plain lines, quotes, quoted
 * line breaks, CRLF and CR line ends, a BOM, blank lines, a quote or a CR first met deep in the file), cut into
 * chunks at random places, must give the same records, row numbers and problems as papaparse reading the stream.
 */
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readCsvRecords } from '../../sync-server/imports/csv-records';
import { mulberry32 } from '../support/generate-workbook';

type Rec = [string[], number, string[]];

function papaparseRecords(chunks: string[], delimiter: string): Promise<Rec[]> {
  const source = Readable.from(chunks);
  if (chunks.length === 0) return Promise.resolve([]);
  return new Promise((done, fail) => {
    const out: Rec[] = [];
    Papa.parse<string[]>(source as unknown as File, {
      delimiter, header: false, skipEmptyLines: false,
      step: (r) => void out.push([r.data, out.length + 1, r.errors.map((e) => e.code)]),
      complete: () => done(out), error: fail,
    });
  });
}

async function plainReaderRecords(chunks: string[], delimiter: string): Promise<Rec[]> {
  const out: Rec[] = [];
  const source = Readable.from(chunks);
  if (chunks.length === 0) source.resume();
  await readCsvRecords(source, delimiter, (cells, row, problems) => void out.push([cells, row, problems.map((p) => p.code)]));
  return out;
}

function generate(rng: () => number): { text: string; delimiter: string } {
  const delimiter = [',', ';', '\t', '|'][Math.floor(rng() * 4)];
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)];
  const messy = rng() < 0.5;
  const plainAtoms = ['a', 'E0001', ' ', '2026-03-01', '85', 'é', '😀', delimiter === ',' ? ';' : ','];
  const messyAtoms = [...plainAtoms, '"', '""', '\n', '\r', '\r\n', delimiter, '\uFEFF'];
  const lineEnd = messy ? pick(['\n', '\r\n', '\r']) : '\n';
  const lines = 1 + Math.floor(rng() * 30);
  /** From this line on the file may hold quotes and CRs (a clean start, then a messy tail). */
  const messyFrom = messy ? Math.floor(rng() * lines) : lines;
  let text = rng() < 0.2 ? '\uFEFF' : '';
  for (let l = 0; l < lines; l++) {
    const cells = 1 + Math.floor(rng() * 5);
    const row: string[] = [];
    for (let c = 0; c < cells; c++) {
      const atoms = l >= messyFrom ? messyAtoms : plainAtoms;
      let cell = '';
      for (let n = Math.floor(rng() * 4); n > 0; n--) cell += pick(atoms);
      if (l >= messyFrom && rng() < 0.3) cell = `"${cell.replaceAll('"', '""')}"`;
      row.push(cell);
    }
    text += row.join(delimiter) + (l < lines - 1 || rng() < 0.7 ? (l >= messyFrom ? lineEnd : '\n') : '');
  }
  return { text, delimiter };
}

function chunked(text: string, rng: () => number): string[] {
  const out: string[] = [];
  const chars = Array.from(text);
  for (let i = 0; i < chars.length;) {
    const n = 1 + Math.floor(rng() * (rng() < 0.5 ? 8 : 200));
    out.push(chars.slice(i, i + n).join(''));
    i += n;
  }
  return out;
}

describe('plain-line CSV reading', () => {
  it('gives what papaparse gives on generated files cut into random chunks', async () => {
    const rng = mulberry32(17);
    let switched = 0;
    for (let i = 0; i < 3000; i++) {
      const { text, delimiter } = generate(rng);
      const chunks = chunked(text, rng);
      const expected = await papaparseRecords(chunks, delimiter);
      const got = await plainReaderRecords(chunks, delimiter);
      if (/["\r]/.test(text) && !/["\r]/.test(chunks[0] ?? '')) switched++;
      expect(got, JSON.stringify({ chunks, delimiter })).toEqual(expected);
    }
    // The generator does reach the switch from plain lines to papaparse in the middle of a file.
    expect(switched).toBeGreaterThan(300);
  });

  it('reads a large plain file the same way, with rows numbered across chunks', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `E${i},S-${i % 7},completed,2026-03-01,,${i % 101}`);
    const chunks = chunked(lines.join('\n') + '\n', mulberry32(3));
    expect(await plainReaderRecords(chunks, ',')).toEqual(await papaparseRecords(chunks, ','));
  });
});

describe('plain-line CSV reading from bytes', () => {
  it('a character split between two byte chunks comes out whole', async () => {
    const bytes = Buffer.from('a,é😀\nb,ü\n', 'utf8');
    const source = Readable.from(Array.from(bytes, (b) => Buffer.from([b])), { objectMode: false });
    const out: string[][] = [];
    await readCsvRecords(source, ',', (cells) => void out.push(cells));
    expect(out).toEqual([['a', 'é😀'], ['b', 'ü']]);
  });
});
