/** Worker thread of a large report refresh (see compute.ts): its own connection, the computation, the answer. */
import { parentPort, workerData } from 'node:worker_threads';
import { serviceContext } from '../services/context';
import { errorReply, lowerThreadPriority, type WorkerReply } from '../workers/run-worker';
import { computeReportTabsHere, type RefreshTask } from './compute';
import type { ComputedReports } from '../jobs/report-jobs';
import { openStoreAgain } from './store-source';

lowerThreadPriority();
const task = workerData as RefreshTask;
let reply: WorkerReply<ComputedReports>;
const store = await openStoreAgain(task.source);
try {
  const ctx = serviceContext(store, { now: () => new Date(task.now) });
  reply = { ok: true, value: await computeReportTabsHere(ctx, task.spreadsheetId, task.options) };
} catch (e) {
  reply = errorReply(e);
} finally {
  await store.close();
}
parentPort!.postMessage(reply);
