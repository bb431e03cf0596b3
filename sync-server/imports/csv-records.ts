import { PassThrough, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import Papa from 'papaparse';
import type { CsvProblem } from '../../shared/imports/shape';

/** Lets a record handler do asynchronous work (a database write) while reading waits. */
export interface ReadControl {
  /** Stops reading the source until `work` settles; a rejection stops the whole read with that error. */
  hold(work: Promise<void>): void;
  /** Whether some work is being waited for. */
  readonly holding: boolean;
}

/**
 * Called with every record of the file, numbered as a spreadsheet numbers rows (header = 1; a quoted line break
 * inside a field does not start a new row), with what papaparse found wrong in it. Throwing stops reading and
 * rejects `readCsvRecords` with that error.
 */
export type RecordHandler = (cells: string[], row: number, problems: readonly CsvProblem[], control: ReadControl) => void;

/** Most records have no problem: they share this one (frozen) list instead of a new one each. */
const NO_PROBLEMS: readonly CsvProblem[] = Object.freeze([]);

/** Delimiters the plain-line reader splits on (those an import detects); any other goes to papaparse whole. */
const PLAIN_DELIMITERS = new Set([',', ';', '\t', '|']);

/**
 * Streams a text source one record at a time, as papaparse reads it (`step` mode, an explicit delimiter, line
 * breaks guessed from the first chunk). While the text holds no quote and no carriage return, a record is a line
 * and its cells are the line split on the delimiter: that is what papaparse gives for such text, read here without
 * it (papaparse costs as much as the rest of an import). From the first chunk holding a quote or a carriage return,
 * the rest of the file, from the start of the line being read, goes through papaparse, told the line break it
 * would have guessed ("\n": the first chunk had no carriage return). A test compares both on generated files.
 *
 * Backpressure is applied on the source, not through papaparse's pause(): pausing the parser lets its stream reader
 * queue every chunk that keeps arriving (measured: the whole file ends up in memory). Memory holds the chunk being
 * parsed and whatever the handler keeps, never the file.
 */
export function readCsvRecords(source: Readable, delimiter: string, onRecord: RecordHandler): Promise<number> {
  // Nothing left to read (an empty file): papaparse would take an ended stream for a browser File.
  if (!source.readable) return source.errored ? Promise.reject(source.errored) : Promise.resolve(0);
  return new Promise<number>((resolve, reject) => {
    let row = 0;
    let stopped = false;
    let waiting: Promise<void> | null = null;
    /** Text after the last line break read by the plain-line reader. */
    let pending = '';
    /** A plain chunk (with the pending text before it) whose lines are being read, and where reading it stopped. */
    let plainText = '';
    let plainAt = 0;
    let chunks = 0;
    /** papaparse's input once the text stopped being plain lines. */
    let papaInput: PassThrough | null = null;
    let parser: Papa.Parser | null = null;
    let congested = false;
    let ended = false;
    const plain = PLAIN_DELIMITERS.has(delimiter);

    const stop = (e: unknown) => {
      if (stopped) return;
      stopped = true;
      parser?.abort();
      papaInput?.destroy();
      source.destroy();
      reject(e);
    };
    const resumeIfFree = () => {
      if (!stopped && waiting === null && !congested) source.resume();
    };
    const control: ReadControl = {
      hold(work) {
        source.pause();
        const held: Promise<void> = work.then(
          () => {
            if (waiting === held) waiting = null;
            // Lines of a chunk read while the work was pending come first, then what is left of the file.
            if (plainText !== '' && !readPlainLines()) return;
            while (later.length > 0 && waiting === null && !stopped) onChunk(later.shift()!);
            if (plainText !== '' || later.length > 0 || stopped) return;
            if (ended) return endInput();
            resumeIfFree();
          },
          (e: unknown) => stop(e),
        );
        waiting = held;
      },
      get holding() {
        return waiting !== null;
      },
    };
    const emit = (cells: string[], problems: readonly CsvProblem[]) => {
      row++;
      try {
        onRecord(cells, row, problems, control);
      } catch (e) {
        stop(e);
      }
    };
    const finish = () => {
      void (waiting ?? Promise.resolve()).then(() => {
        if (!stopped) resolve(row);
      });
    };

    const startPapa = (firstChunkWasPlain: boolean) => {
      papaInput = new PassThrough({ encoding: 'utf8' });
      papaInput.on('drain', () => {
        congested = false;
        resumeIfFree();
      });
      Papa.parse<string[]>(papaInput as unknown as File, {
        delimiter,
        header: false,
        skipEmptyLines: false,
        ...(firstChunkWasPlain ? { newline: '\n' as const } : {}),
        step(results, p) {
          parser = p;
          if (stopped) return;
          emit(results.data, results.errors.length === 0 ? NO_PROBLEMS : results.errors.map((e) => ({ code: e.code, message: e.message })));
        },
        complete() {
          if (!stopped) finish();
        },
        error(e: Error) {
          stop(e);
        },
      });
    };
    const toPapa = (text: string) => {
      if (text !== '' && !papaInput!.write(text)) {
        congested = true;
        source.pause();
      }
    };

    /**
     * Reads the complete lines of the plain text being read, from where it stopped; stops (false) when the handler
     * asked reading to wait, so that a large chunk is not read whole into the handler's next batch.
     */
    const readPlainLines = (): boolean => {
      const text = plainText;
      let start = plainAt;
      for (let end = text.indexOf('\n', start); end !== -1 && !stopped; end = text.indexOf('\n', start)) {
        emit(text.slice(start, end).split(delimiter), NO_PROBLEMS);
        start = end + 1;
        if (waiting !== null) {
          plainAt = start;
          return false;
        }
      }
      pending = text.slice(start);
      plainText = '';
      plainAt = 0;
      return true;
    };
    /** Reads a plain chunk's lines; false when the chunk is not plain (papaparse reads it). */
    const readPlain = (chunk: string): boolean => {
      if (!plain || chunk.includes('"') || chunk.includes('\r')) return false;
      plainText = pending === '' ? chunk : pending + chunk;
      plainAt = 0;
      readPlainLines();
      return true;
    };
    let inputEnded = false;
    /** The source ended and every chunk went to a reader: the last line, or papaparse's end. */
    const endInput = () => {
      if (inputEnded) return;
      inputEnded = true;
      if (papaInput) papaInput.end();
      else endPlain();
    };
    const endPlain = () => {
      if (pending !== '') emit(pending.split(delimiter), NO_PROBLEMS);
      pending = '';
      finish();
    };

    source.once('error', stop);
    const onChunk = (text: string) => {
      chunks++;
      if (papaInput) return toPapa(text);
      if (readPlain(text)) return;
      startPapa(chunks > 1);
      toPapa(pending + text);
      pending = '';
    };
    /** Chunks that arrived while the lines of an earlier one were still waiting to be read. */
    const later: string[] = [];
    /** For a source of bytes: a character split between two chunks comes out whole. */
    const decoder = new StringDecoder('utf8');
    const take = (text: string) => {
      if (plainText !== '') later.push(text);
      else onChunk(text);
    };
    source.on('data', (chunk: string | Buffer) => {
      if (stopped) return;
      if (typeof chunk === 'string') return take(chunk);
      const text = decoder.write(chunk);
      if (text !== '') take(text);
    });
    source.once('end', () => {
      if (stopped || ended) return;
      const rest = decoder.end();
      if (rest !== '') take(rest);
      ended = true;
      // Lines still to read wait for the handler; reading them ends the file.
      if (plainText === '' && later.length === 0) endInput();
    });
    source.resume();
  });
}
