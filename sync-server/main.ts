import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createAiRuntime } from './ai/runtime';
import { readAiSettings } from './ai/settings';
import { createApp } from './app';
import { loadConfig } from './config';
import { jsonLineLogger } from './log';
import { startWorker } from './jobs/worker';
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

const store = await openStore(config.storage);
logger.info('storage ready', { storage: describeStore(config.storage) });
const services = serviceContext(store, { hooks: testPublishHooks(process.env, logger) });
const ai = createAiRuntime(readAiSettings(config.ai));
logger.info('ai', { configured: ai.client !== null, model: ai.settings.model });
const app = createApp({ bodyLimitBytes: config.bodyLimitBytes, logger, services, ai });
// Background jobs: no queue has a handler yet; report refreshes and Sheets pushes register theirs here.
const worker = startWorker({ ctx: services, handlers: {}, logger });
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
