/**
 * The worker thread of a large import: reads the file's text (sent in chunks by the writing thread) into batches
 * of checked rows and sends them back, while the writing thread writes the batches before. See import-thread.ts.
 */
import { PassThrough } from 'node:stream';
import type { MessagePort } from 'node:worker_threads';
import { serveTasks } from '../workers/run-worker';
import type { FromReader, ReadTask, ToReader } from './import-thread';
import { readRows, type ReadSummary } from './read-rows';

serveTasks<ReadTask, ReadSummary>(async ({ port, setup }: ReadTask) => {
  const send = (m: FromReader): void => void port.postMessage(m, 'batch' in m ? [m.batch.texts.buffer as ArrayBuffer, m.batch.numbers.buffer as ArrayBuffer] : []);
  // Strings as they come: no byte conversion on the way.
  const input = new PassThrough({ objectMode: true, highWaterMark: 2 });
  let done = 0;
  port.on('message', (m: ToReader) => {
    if (m.chunk !== undefined) input.write(m.chunk, () => send({ chunksDone: ++done }));
    else if (m.end) input.end();
    else input.destroy(new Error('the import stopped'));
  });
  try {
    const summary = await readRows(input, setup, (batch) => send({ batch }));
    send({ summary });
    return summary;
  } finally {
    (port as MessagePort).close();
  }
});
