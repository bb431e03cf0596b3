/**
 * Runs tasks in worker threads and gives back their answers: work that would hold the event loop for seconds
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
import { parentPort, Worker, type ResourceLimits, type TransferListItem } from 'node:worker_threads';
import { ServiceError, type ErrorCode } from '../services/errors';

/** What a worker posts back: its answer, or the error it ended with (ServiceErrors keep their code). */
export type WorkerReply<T> = { ok: true; value: T } | { ok: false; name: string; message: string; code?: string };

/** The URL of worker `name` beside `callerUrl` (the caller's import.meta.url), source or built. */
export function workerEntry(name: string, callerUrl: string): URL {
  return new URL(`./${name}.${callerUrl.endsWith('.ts') ? 'ts' : 'js'}`, callerUrl);
}

function startWorker(entry: URL, resourceLimits?: ResourceLimits): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { resourceLimits });
  // tsx's ESM entry (the package resolves its CommonJS one for require; the ESM file sits beside it).
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, resourceLimits });
}

/** A started worker waits this long for its next task before it ends. */
const IDLE_MS = 60_000;

/** Workers between tasks, by entry: starting one (loading its modules) costs more than many a task. */
const idle = new Map<string, { worker: Worker; timer: NodeJS.Timeout }[]>();

function takeIdle(entry: URL): Worker | undefined {
  const list = idle.get(entry.href);
  const found = list?.pop();
  if (!found) return undefined;
  clearTimeout(found.timer);
  found.worker.ref();
  return found.worker;
}

function putIdle(entry: URL, worker: Worker): void {
  worker.unref();
  const list = idle.get(entry.href) ?? [];
  const timer = setTimeout(() => {
    const at = list.findIndex((w) => w.worker === worker);
    if (at >= 0) list.splice(at, 1);
    void worker.terminate();
  }, IDLE_MS);
  timer.unref();
  list.push({ worker, timer });
  idle.set(entry.href, list);
}

/** Starts a worker of `entry` that waits for a task, when none is waiting: its start-up overlaps the caller's own work. */
export function warmWorker(entry: URL, resourceLimits?: ResourceLimits): void {
  if ((idle.get(entry.href)?.length ?? 0) > 0) return;
  putIdle(entry, startWorker(entry, resourceLimits));
}

/**
 * Runs one task in a worker of `entry` (an idle one when there is, else a new one) and resolves with the value it
 * posts back; rejects with its error. The worker module answers each message it gets with one reply
 * (`serveTasks`); between tasks it waits, unreferenced, so it never keeps the process alive. `transfer`: objects
 * the task moves to the worker (a MessagePort for a task that talks while it runs).
 */
export function runWorker<T>(entry: URL, task: unknown, transfer: readonly TransferListItem[] = [], resourceLimits?: ResourceLimits): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = takeIdle(entry) ?? startWorker(entry, resourceLimits);
    const done = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (reply: WorkerReply<T>) => {
      done();
      putIdle(entry, worker);
      if (reply.ok) resolve(reply.value);
      else reject(reply.code !== undefined && reply.name === 'ServiceError' ? new ServiceError(reply.code as ErrorCode, reply.message) : Object.assign(new Error(reply.message), { name: reply.name }));
    };
    const onError = (e: Error) => {
      done();
      void worker.terminate();
      reject(e);
    };
    const onExit = (code: number) => {
      done();
      reject(new Error(`the worker stopped (exit code ${code}) before answering`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(task, [...transfer]);
  });
}

/** In a worker module: answers every task the server sends with `handle`'s value, or the error it threw. */
export function serveTasks<T, R>(handle: (task: T) => Promise<R>): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks runs in a worker thread only');
  port.on('message', (task: T) => {
    handle(task).then(
      (value) => port.postMessage({ ok: true, value } satisfies WorkerReply<R>),
      (e: unknown) => port.postMessage(errorReply(e)),
    );
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
