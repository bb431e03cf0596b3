import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createAiRuntime } from './ai/runtime';
import { readAiSettings } from './ai/settings';
import { createApp } from './app';
import { loadConfig } from './config';
import { jsonLineLogger } from './log';
import { refreshJobHandler, startRefreshSchedule, type ReportPublisher } from './jobs/report-jobs';
import { startWorker } from './jobs/worker';
import { computeReportTabs } from './reports/compute';
import { REFRESH_QUEUE } from './services/report-refresh';
import { createSheetsConnector, loadSheetsConfig } from './sheets';
import { testPublishHooks } from './jobs/test-hooks';
import { serviceContext } from './services/context';
import { describeStore, openStore } from './storage/store';

const SHUTDOWN_GRACE_MS = 10_000;
const logger = jsonLineLogger();

let config;
try {
  config = loadConfig(process.env);
} catch (e) {
  logger.error('bad configuration', { error: e instanceof Error ? e.message : String(e) });
  process.exit(2);
}
const sheetsConfig = loadSheetsConfig(process.env);
if (!sheetsConfig.ok && sheetsConfig.code === 'sheets-bad-config') {
  logger.error('bad configuration', { error: sheetsConfig.message });
  process.exit(2);
}

const store = await openStore(config.storage);
logger.info('storage ready', { storage: describeStore(config.storage) });
const services = serviceContext(store, { hooks: testPublishHooks(process.env, logger) });
const ai = createAiRuntime(readAiSettings(config.ai));
logger.info('ai', { configured: ai.client !== null, model: ai.settings.model });
const app = createApp({ bodyLimitBytes: config.bodyLimitBytes, limits: config.limits, logger, services, ai });
// Report refreshes run as jobs: asked for by imports, the add-on and the schedule; pushed to Google when configured.
const connector = sheetsConfig.ok ? createSheetsConnector(sheetsConfig.config) : null;
logger.info('sheets', { configured: connector !== null, ...(sheetsConfig.ok ? {} : { reason: sheetsConfig.message }) });
const publisher: ReportPublisher | null = connector && {
  write: async (spreadsheetId, tabs) => {
    const r = await connector.writeReportTabs(spreadsheetId, tabs);
    return { calls: r.calls, payloadBytes: r.payloadBytes };
  },
};
const worker = startWorker({
  ctx: services, logger,
  handlers: { [REFRESH_QUEUE]: refreshJobHandler({ ctx: services, compute: (ctx, id) => computeReportTabs(ctx, id, { thresholds: config.reportThresholds }), publisher, logger }) },
});
const schedule = config.reportRefreshMinutes > 0
  ? startRefreshSchedule(services, { intervalMs: config.reportRefreshMinutes * 60_000, logger })
  : null;
schedule?.tick().catch((e: unknown) => logger.error('report schedule failed', { error: e instanceof Error ? e.message : String(e) }));
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info: AddressInfo) => {
  logger.info('listening', { port: info.port, address: info.address, url: `http://localhost:${info.port}` });
});

server.on('error', (e: NodeJS.ErrnoException) => {
  logger.error('server error', { error: e.message, code: e.code });
  process.exit(1);
});

let stopping = false;
function shutdown(signal: NodeJS.Signals): void {
  if (stopping) {
    logger.info('forced stop', { signal });
    process.exit(1);
  }
  stopping = true;
  logger.info('stopping', { signal });
  // Requests in flight finish; connections still open after the grace period are cut.
  const force = setTimeout(() => {
    logger.error('shutdown grace period over, closing open connections');
    if ('closeAllConnections' in server) server.closeAllConnections();
    process.exit(1);
  }, SHUTDOWN_GRACE_MS);
  force.unref();
  schedule?.stop();
  server.close(() => {
    worker
      .stop()
      .then(() => store.close())
      .then(() => {
        logger.info('stopped');
        process.exitCode = 0;
      })
      .catch((e: unknown) => {
        logger.error('storage did not close cleanly', { error: e instanceof Error ? e.message : String(e) });
        process.exitCode = 1;
      });
  });
}

process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
