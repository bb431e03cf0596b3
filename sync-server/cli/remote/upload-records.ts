import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { z } from 'zod';
import { FindingSchema } from '../../../shared';
import type { ColumnMapping } from '../../../shared/imports';
import { RECORD_KINDS, type RecordKind } from '../../../shared/records';
import { formatFindings } from '../format-findings';
import { EXIT_OK, EXIT_UNUSABLE, type CliIO } from '../io';
import { progressBar, type ProgressTarget } from '../progress';
import { remoteClient, workbookPath } from './client';
import { readConnection } from './connection';
import { talkToServer } from './run-remote';

/** What `rungs import --records` read from its arguments. */
export interface RecordsUpload {
  file: string;
  records: RecordKind;
  workbook: string;
  delimiter?: 'comma' | 'semicolon' | 'tab' | 'pipe';
  replace: boolean;
  json: boolean;
  server?: string;
  token?: string;
}

const ImportedSchema = z.object({
  kind: z.enum(RECORD_KINDS), rows: z.number().int(), inserted: z.number().int(), updated: z.number().int(), unchanged: z.number().int(),
  removed: z.number().int(), findings: z.array(FindingSchema), totalFindings: z.number().int(), refreshJobId: z.number().int().nullable(),
});

/** The file as a web stream for fetch, counting the bytes read for the progress bar. */
function fileBody(file: string, onBytes: (bytes: number) => void): ReadableStream<Uint8Array> {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      onBytes(bytes);
      done(null, chunk);
    },
  });
  return Readable.toWeb(createReadStream(file).pipe(counter)) as ReadableStream<Uint8Array>;
}

/**
 * `rungs import <file> --records <kind> --server URL`: streams the file to the server's upload route, which checks
 * and stores it (all rows or none) exactly as an integrator's HTTP upload would.
 */
export async function uploadToServer(o: RecordsUpload, mapping: ColumnMapping | undefined, io: CliIO, terminal: ProgressTarget): Promise<number> {
  const connection = readConnection({ server: o.server, token: o.token });
  if (typeof connection === 'string') {
    io.err(`rungs import: ${connection}`);
    return EXIT_UNUSABLE;
  }
  const size = (await stat(o.file)).size;
  const bar = progressBar(terminal, size);
  const started = performance.now();
  return talkToServer('import', io, async () => {
    try {
      const r = await remoteClient(connection).post(`${workbookPath(o.workbook)}/records/${o.records}`, ImportedSchema, {
        stream: fileBody(o.file, (bytes) => bar.update(bytes)),
        contentType: 'text/csv',
        query: {
          name: basename(o.file), delimiter: o.delimiter, replace: o.replace ? 'true' : undefined,
          map: mapping ? JSON.stringify(mapping) : undefined,
        },
      });
      bar.done();
      const n = (x: number) => x.toLocaleString('en-US');
      const removed = r.removed ? `, ${n(r.removed)} removed` : '';
      const refresh = r.refreshJobId !== null ? ' A report refresh is queued.' : '';
      const line = `Imported ${n(r.rows)} ${r.kind} rows into ${o.workbook} on ${connection.server}: ${n(r.inserted)} inserted, ${n(r.updated)} updated, ${n(r.unchanged)} unchanged${removed} (${((performance.now() - started) / 1000).toFixed(1)} s).${refresh}`;
      if (o.json) {
        io.out(JSON.stringify(r, null, 2));
        io.err(line);
      } else {
        if (r.findings.length > 0) io.out(formatFindings(r.findings, 1));
        io.out(line);
      }
      return EXIT_OK;
    } finally {
      bar.done();
    }
  });
}
