/** Worker thread of large report refreshes (see compute.ts): for each task its own connection, the computation, the answer. */
import type { ComputedReports } from '../jobs/report-jobs';
import { serviceContext } from '../services/context';
import { lowerThreadPriority, serveTasks } from '../workers/run-worker';
import { computeReportTabsHere, type RefreshTask } from './compute';
import { openStoreAgain } from './store-source';

lowerThreadPriority();
serveTasks<RefreshTask, ComputedReports>(async (task) => {
  const store = await openStoreAgain(task.source);
  try {
    return await computeReportTabsHere(serviceContext(store, { now: () => new Date(task.now) }), task.spreadsheetId, task.options);
  } finally {
    await store.close();
  }
});
