import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { loadConfig } from './config';
import { jsonLineLogger } from './log';
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
const app = createApp({ bodyLimitBytes: config.bodyLimitBytes, logger, services: serviceContext(store) });
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
    store
      .close()
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
