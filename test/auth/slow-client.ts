import { connect } from 'node:net';

export interface SlowUpload {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The body the client means to send; it sends `chunkBytes` every `everyMs` until answered. */
  totalBytes: number;
  chunkBytes: number;
  everyMs: number;
  /** Send the body chunked (no Content-Length) instead of declaring its length. */
  chunked?: boolean;
}

export interface Answered {
  status: number;
  /** Body bytes the client had sent when the status line arrived. */
  sentBytes: number;
  elapsedMs: number;
  head: string;
}

/**
 * A client that sends the headers, then trickles the body: how an attacker (or a slow uplink) sends 20 MB. Resolves
 * at the status line of the answer, with how much of the body had been sent by then; rejects when nothing answers
 * within 20 s.
 */
export function slowUpload(base: string, u: SlowUpload): Promise<Answered> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect({ host: hostname, port: Number(port) });
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    let head = '';
    const done = (fn: () => void) => {
      clearInterval(timer);
      clearTimeout(deadline);
      socket.destroy();
      fn();
    };
    const deadline = setTimeout(() => done(() => reject(new Error(`no answer within 20 s (${sent} bytes sent)`))), 20_000);
    socket.on('error', (e) => done(() => reject(e)));
    socket.on('data', (d: Buffer) => {
      head += d.toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(head);
      if (m && head.includes('\r\n\r\n')) done(() => resolve({ status: Number(m[1]), sentBytes: sent, elapsedMs: performance.now() - started, head }));
    });
    socket.on('connect', () => {
      const framing = u.chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(u.totalBytes) };
      const lines = Object.entries({ host: `${hostname}:${port}`, ...u.headers, ...framing }).map(([k, v]) => `${k}: ${v}`);
      socket.write(`${u.method} ${u.path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
      const chunk = Buffer.alloc(u.chunkBytes, 0x20);
      timer = setInterval(() => {
        if (sent >= u.totalBytes) {
          if (u.chunked) socket.write('0\r\n\r\n');
          clearInterval(timer);
          return;
        }
        const n = Math.min(u.chunkBytes, u.totalBytes - sent);
        const piece = n === chunk.length ? chunk : chunk.subarray(0, n);
        socket.write(u.chunked ? Buffer.concat([Buffer.from(`${n.toString(16)}\r\n`), piece, Buffer.from('\r\n')]) : piece);
        sent += n;
      }, u.everyMs);
    });
  });
}
