/**
 * Reads a learner-record file into batches of checked rows, on the calling thread for a small file and in a worker
 * thread for a large one: parsing and checking rows (about half of an import's work) then runs beside the writing
 * of the rows before, on another core. Starting the worker costs more than reading a small file does.
 */
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { runWorker, warmWorker, workerEntry } from '../workers/run-worker';
import { readRows, type BatchHandler, type ReadingSetup, type ReadSummary } from './read-rows';
import type { RowBatch } from './row-batch';

/** A file of at least this many characters is read in a worker thread. */
export const THREAD_FROM_CHARS = 4_000_000;
/** Chunks sent ahead of what the worker has read, and batches waiting to be written, before the source waits. */
const CHUNKS_AHEAD = 16;
const BATCHES_WAITING = 8;

export interface ReadTask {
  port: MessagePort;
  setup: ReadingSetup;
}
export type ToReader = { chunk: string; end?: undefined } | { chunk?: undefined; end: true } | { chunk?: undefined; end?: undefined; stop: true };
export type FromReader = { batch: RowBatch } | { chunksDone: number } | { summary: ReadSummary };

/** A file about to be read: whether it is large is known (a worker starts then), the reading not begun. */
export interface FileReading {
  read(setup: ReadingSetup, onBatch: BatchHandler): Promise<ReadSummary>;
}

/**
 * Looks ahead in the source to tell a small file from a large one; for a large one a worker starts at once, so
 * that its start-up overlaps what the caller does before reading (loading references, opening the transaction).
 */
export async function openFileReading(source: Readable, threadFromChars = THREAD_FROM_CHARS): Promise<FileReading> {
  if (threadFromChars === Infinity) return { read: (setup, onBatch) => readRows(source, setup, onBatch) };
  const ahead = await readAhead(source, threadFromChars);
  if (ahead.whole !== null) {
    const whole = ahead.whole;
    return { read: (setup, onBatch) => readRows(Readable.from(whole === '' ? [] : [whole]), setup, onBatch) };
  }
  warmWorker(READER, READER_LIMITS);
  return { read: (setup, onBatch) => readInWorker(source, setup, onBatch) };
}

const READER = workerEntry('import-worker', import.meta.url);
/** The reader keeps little alive (a batch, the key sieve outside the heap): a small young generation keeps its memory down. */
const READER_LIMITS = { maxYoungGenerationSizeMb: 8 };

/** The whole text when the source ends within `chars` characters; otherwise null, and what was read is put back. */
async function readAhead(source: Readable, chars: number): Promise<{ whole: string | null }> {
  let seen = '';
  let ended = false;
  const end = once(source, 'end').then(() => void (ended = true));
  end.catch(() => undefined);
  while (seen.length < chars && !ended && !source.readableEnded && !source.destroyed) {
    const chunk = source.read() as string | Buffer | null;
    if (chunk !== null) {
      seen += String(chunk);
      continue;
    }
    await Promise.race([once(source, 'readable'), end]);
  }
  if (source.errored) throw source.errored;
  if (ended || source.readableEnded) return { whole: seen };
  if (seen !== '') source.unshift(seen);
  return { whole: null };
}

function readInWorker(source: Readable, setup: ReadingSetup, onBatch: BatchHandler): Promise<ReadSummary> {
  const { port1: port, port2 } = new MessageChannel();
  const send = (m: ToReader): void => void port.postMessage(m);
  return new Promise<ReadSummary>((resolve, reject) => {
    let sent = 0;
    let done = 0;
    let waiting = 0;
    let failed = false;
    let writing: Promise<void> = Promise.resolve();
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      send({ stop: true });
      port.close();
      source.destroy();
      reject(e);
    };
    const flow = () => {
      if (failed) return;
      if (sent - done < CHUNKS_AHEAD && waiting < BATCHES_WAITING) source.resume();
      else source.pause();
    };
    port.on('message', (m: FromReader) => {
      if ('batch' in m) {
        waiting++;
        writing = writing.then(() => onBatch(m.batch)).then(() => {
          waiting--;
          flow();
        });
        writing.catch(fail);
      } else if ('chunksDone' in m) {
        done = m.chunksDone;
        flow();
      } else {
        // The reader stopped early (the header refused the file): the rest of the source is not read.
        if (!source.readableEnded) source.destroy();
        void writing.then(() => {
          port.close();
          resolve(m.summary);
        }, fail);
      }
    });
    source.on('data', (chunk: string | Buffer) => {
      sent++;
      send({ chunk: String(chunk) });
      flow();
    });
    source.once('end', () => send({ end: true }));
    source.once('error', fail);
    flow();
    // The worker's answer is its summary, also sent last on the port (after every batch); errors come this way.
    runWorker<ReadSummary>(READER, { port: port2, setup } satisfies ReadTask, [port2], READER_LIMITS).catch(fail);
  });
}
