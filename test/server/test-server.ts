/**
 * The production server (the same `runServerProcess` as sync-server/main.ts) with extensions tests use to act at
 * a precise moment, read from the environment of this entry only:
 * - RUNGS_TEST_PUBLISH_STALL_MS: every publish waits that long inside its transaction, right after the version
 *   row is written, and logs "test hook: publish stalled" (a test kills the server or the database there).
 * - RUNGS_TEST_REFRESH_STALL_MS: every report computation waits that long first and logs "test hook: refresh
 *   stalled" (a test kills the worker in the middle of a refresh).
 */
import { runServerProcess } from '../../sync-server/server-process';
import type { ServerExtensions } from '../../sync-server/server';

const ms = (name: string) => {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : 0;
};
const sleep = (n: number) => new Promise((done) => setTimeout(done, n));

await runServerProcess((logger): ServerExtensions => {
  const publishStall = ms('RUNGS_TEST_PUBLISH_STALL_MS');
  const refreshStall = ms('RUNGS_TEST_REFRESH_STALL_MS');
  return {
    publishHooks: publishStall ? { afterVersionInsert: async () => { logger.info('test hook: publish stalled', { ms: publishStall }); await sleep(publishStall); } } : undefined,
    reportCompute: refreshStall
      ? (standard) => async (ctx, spreadsheetId) => {
        logger.info('test hook: refresh stalled', { ms: refreshStall, spreadsheetId });
        await sleep(refreshStall);
        return standard(ctx, spreadsheetId);
      }
      : undefined,
  };
});
