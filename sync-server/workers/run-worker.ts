/**
 * Runs one task in a worker thread and gives back its answer: work that would hold the event loop for seconds
 * (a report refresh over millions of records) runs beside the server instead of in front of every request.
 *
 * The worker is a module next to the caller: `<name>.ts` when the server runs from source (the thread registers
 * tsx first, as bin/rungs.js does), `<name>.js` beside the bundle when it runs built (the build emits one file
 * per worker entry).
 */
import { readlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ServiceError, type ErrorCode } from '../services/errors';

/** What a worker posts back: its answer, or the error it ended with (ServiceErrors keep their code). */
export type WorkerReply<T> = { ok: true; value: T } | { ok: false; name: string; message: string; code?: string };

/** The URL of worker `name` beside `callerUrl` (the caller's import.meta.url), source or built. */
export function workerEntry(name: string, callerUrl: string): URL {
  return new URL(`./${name}.${callerUrl.endsWith('.ts') ? 'ts' : 'js'}`, callerUrl);
}

function startWorker(entry: URL, data: unknown): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData: data });
  // tsx's ESM entry (the package resolves its CommonJS one for require; the ESM file sits beside it).
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData: data });
}

/** Starts the worker with `data` and resolves with the value it posts (its first message); rejects with its error. */
export function runWorker<T>(entry: URL, data: unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = startWorker(entry, data);
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    worker.once('message', (reply: WorkerReply<T>) => {
      settle(() => {
        if (reply.ok) resolve(reply.value);
        else reject(reply.code !== undefined && reply.name === 'ServiceError' ? new ServiceError(reply.code as ErrorCode, reply.message) : Object.assign(new Error(reply.message), { name: reply.name }));
      });
      void worker.terminate();
    });
    worker.once('error', (e) => settle(() => reject(e)));
    worker.once('exit', (code) => settle(() => reject(new Error(`the worker stopped (exit code ${code}) before answering`))));
  });
}

/** A worker's reply for an error it caught. */
export function errorReply(e: unknown): WorkerReply<never> {
  if (e instanceof ServiceError) return { ok: false, name: e.name, message: e.message, code: e.code };
  return { ok: false, name: e instanceof Error ? e.name : 'Error', message: e instanceof Error ? e.message : String(e) };
}

/** How much nicer a worker thread is than the server's own thread. */
const WORKER_NICENESS = 10;

/**
 * Lowers the calling thread's scheduling priority, so that when the machine is busy the server's thread, the one
 * answering requests, gets the CPU first. On Linux a thread is a task with its own nice value (found through
 * /proc/thread-self); elsewhere this does nothing.
 */
export function lowerThreadPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, WORKER_NICENESS);
  } catch {
    // Not Linux, or not allowed: the worker runs at the server's priority.
  }
}
