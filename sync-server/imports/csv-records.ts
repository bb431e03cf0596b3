import type { Readable } from 'node:stream';
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

/**
 * Streams a text source through papaparse one record at a time (`step`, the only mode that reports row errors), with
 * an explicit delimiter. Backpressure is applied on the source, not through papaparse's pause(): pausing the parser
 * lets its stream reader queue every chunk that keeps arriving (measured: the whole file ends up in memory).
 * Memory holds the chunk being parsed and whatever the handler keeps, never the file.
 */
/** Most records have no problem: they share this one (frozen) list instead of a new one each. */
const NO_PROBLEMS: readonly CsvProblem[] = Object.freeze([]);

export function readCsvRecords(source: Readable, delimiter: string, onRecord: RecordHandler): Promise<number> {
  // Nothing left to read (an empty file): papaparse would take an ended stream for a browser File.
  if (!source.readable) return source.errored ? Promise.reject(source.errored) : Promise.resolve(0);
  return new Promise<number>((resolve, reject) => {
    let row = 0;
    let stopped = false;
    let waiting: Promise<void> | null = null;
    let parser: Papa.Parser | null = null;
    const stop = (e: unknown) => {
      if (stopped) return;
      stopped = true;
      parser?.abort();
      source.destroy();
      reject(e);
    };
    const control: ReadControl = {
      hold(work) {
        source.pause();
        const held: Promise<void> = work.then(
          () => {
            if (waiting === held) waiting = null;
            if (!stopped) source.resume();
          },
          (e: unknown) => stop(e),
        );
        waiting = held;
      },
      get holding() {
        return waiting !== null;
      },
    };
    source.once('error', stop);
    Papa.parse<string[]>(source as unknown as File, {
      delimiter,
      header: false,
      skipEmptyLines: false,
      step(results, p) {
        parser = p;
        if (stopped) return;
        row++;
        const problems = results.errors.length === 0 ? NO_PROBLEMS : results.errors.map((e) => ({ code: e.code, message: e.message }));
        try {
          onRecord(results.data, row, problems, control);
        } catch (e) {
          stop(e);
        }
      },
      complete() {
        if (stopped) return;
        void (waiting ?? Promise.resolve()).then(() => {
          if (!stopped) resolve(row);
        });
      },
      error(e: Error) {
        stop(e);
      },
    });
  });
}
