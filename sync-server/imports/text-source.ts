import { once } from 'node:events';
import { pipeline, Transform, type Readable } from 'node:stream';

/** A body larger than the limit the caller set; the import stops reading and changes nothing. */
export class SourceTooLargeError extends Error {
  override name = 'SourceTooLargeError';
  constructor(readonly limitBytes: number) {
    super(`The file is larger than the ${limitBytes} bytes this import accepts.`);
  }
}

export interface TextSourceOptions {
  /** Stop with SourceTooLargeError past this many bytes. */
  limitBytes?: number;
  /** Bytes read so far, after every chunk (progress bars). */
  onBytes?(bytes: number): void;
}

/**
 * Bytes as UTF-8 text chunks, counted on the way. Decoding happens on the readable side with a string decoder, so
 * a character split across two chunks comes out whole (STACK.md: without it multi-byte characters were corrupted).
 */
export function textSource(bytes: Readable, options: TextSourceOptions = {}): Readable {
  let count = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      count += chunk.length;
      if (options.limitBytes !== undefined && count > options.limitBytes) return done(new SourceTooLargeError(options.limitBytes));
      options.onBytes?.(count);
      done(null, chunk);
    },
  });
  // pipeline: an error on either side destroys both, and so does a reader giving up early (a rejected header).
  pipeline(bytes, counter, () => {});
  counter.setEncoding('utf8');
  return counter;
}

/**
 * The first line of a text stream without consuming it (what is read is pushed back), to pick the delimiter before
 * parsing starts. Gives up looking after 1 MB: a header row is never that long.
 */
export async function peekFirstLine(source: Readable): Promise<string> {
  let seen = '';
  while (!seen.includes('\n') && seen.length < 1_000_000) {
    const chunk = source.read() as string | null;
    if (chunk !== null) {
      seen += chunk;
      continue;
    }
    if (source.readableEnded || source.destroyed) break;
    const ended = once(source, 'end').then(() => 'end');
    await Promise.race([once(source, 'readable'), ended]);
    if (source.readableEnded) break;
  }
  if (source.errored) throw source.errored;
  if (seen !== '') source.unshift(seen);
  return seen.split(/\r?\n/, 1)[0];
}
