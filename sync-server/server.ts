/**
 * The sync server as one value: store, HTTP app, job worker, refresh schedule and listening socket, started and
 * stopped together. `main.ts` runs it for production; tests start the same server with extensions of their own
 * (a publish that stalls, a slow report computation) from an entry of theirs under `test/`.
 */
import { createAdaptorServer } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAiRuntime } from './ai/runtime';
import { readAiSettings } from './ai/settings';
import { createApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { StartError } from './errors';
import { refreshJobHandler, startRefreshSchedule, type RefreshJobDeps, type ReportPublisher } from './jobs/report-jobs';
import { startWorker } from './jobs/worker';
import type { Logger } from './log';
import { computeReportTabs } from './reports/compute';
import { serviceContext, type PublishHooks } from './services/context';
import { REFRESH_QUEUE } from './services/report-refresh';
import { createSheetsConnector, loadSheetsConfig } from './sheets';
import { reasonOf } from './storage/availability';
import { MigrationError } from './storage/migrate';
import { DatabaseUnreachableError, describeStore, openStoreWhenReachable, type Store } from './storage/store';

/** SIGTERM to exit: the whole stop stays within this (container platforms kill after ~10 s). */
export const SHUTDOWN_GRACE_MS = 10_000;

export type ReportCompute = RefreshJobDeps['compute'];

/** What a composition (a test entry) may add to the production server. */
export interface ServerExtensions {
  publishHooks?: PublishHooks;
  /** Wraps the report computation the refresh jobs run. */
  reportCompute?: (standard: ReportCompute) => ReportCompute;
}

export interface ServerOptions extends ServerExtensions {
  /** The environment the configuration is read from (config.ts, sheets/config.ts, ai/settings.ts). */
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** Aborting it stops a start that is still waiting for the database. */
  signal?: AbortSignal;
}

export interface RunningServer {
  readonly port: number;
  readonly host: string;
  readonly store: Store;
  /**
   * Stops accepting connections, lets requests in flight finish, stops the job worker and closes the store, all
   * within SHUTDOWN_GRACE_MS; true when everything finished in time (nothing was cut).
   */
  stop(): Promise<boolean>;
}

function readConfig(env: NodeJS.ProcessEnv) {
  try {
    const config = loadConfig(env);
    const ai = readAiSettings(config.ai, env);
    const sheets = loadSheetsConfig(env);
    if (!sheets.ok && sheets.code === 'sheets-bad-config') throw new ConfigError(sheets.message);
    return { config, ai, sheets };
  } catch (e) {
    throw new StartError(reasonOf(e), 2);
  }
}

async function openConfiguredStore(config: Config, o: ServerOptions): Promise<Store> {
  try {
    return await openStoreWhenReachable(config.storage, {
      waitMs: config.databaseWaitMs,
      signal: o.signal,
      onRetry: (reason, elapsedMs) => o.logger.info('waiting for the database', { storage: describeStore(config.storage), reason, waitedSeconds: Math.round(elapsedMs / 1000) }),
      onConnectionError: (err) => o.logger.error('database connection lost', { error: reasonOf(err) }),
    });
  } catch (e) {
    if (o.signal?.aborted) throw e;
    if (e instanceof DatabaseUnreachableError || e instanceof MigrationError) throw new StartError(e.message);
    throw new StartError(`the store could not be opened (${describeStore(config.storage)}): ${reasonOf(e)}`);
  }
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((done, fail) => {
    const refuse = (e: NodeJS.ErrnoException) => {
      const where = `port ${port} on ${host}`;
      if (e.code === 'EADDRINUSE') fail(new StartError(`${where} is already in use: stop the program using it, or set PORT to a free port.`));
      else if (e.code === 'EACCES') fail(new StartError(`not allowed to listen on ${where}: use a port above 1023, or set PORT.`));
      else if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND') fail(new StartError(`HOST "${host}" is not an address of this machine: set HOST to 127.0.0.1, 0.0.0.0 or one of its addresses.`));
      else fail(new StartError(`cannot listen on ${where}: ${e.message}`));
    };
    server.once('error', refuse);
    server.listen(port, host, () => {
      server.off('error', refuse);
      done(server.address() as AddressInfo);
    });
  });
}

const wait = (ms: number) => new Promise<void>((done) => setTimeout(done, ms).unref());

/** Starts the server; throws a StartError (one line for the operator, and an exit code) when it cannot. */
export async function startServer(o: ServerOptions): Promise<RunningServer> {
  const { logger } = o;
  const { config, ai: aiSettings, sheets } = readConfig(o.env);
  const store = await openConfiguredStore(config, o);
  const where = describeStore(config.storage);
  logger.info('storage ready', { storage: where, schemaVersion: store.migrations.current, migrationsApplied: store.migrations.applied.join(',') });

  const services = serviceContext(store, { hooks: o.publishHooks });
  const ai = createAiRuntime(aiSettings);
  logger.info('ai', { configured: ai.client !== null, model: ai.settings.model });
  const app = createApp({ bodyLimitBytes: config.bodyLimitBytes, limits: config.limits, logger, services, ai });

  // Report refreshes run as jobs: asked for by imports, the add-on and the schedule; pushed to Google when configured.
  const connector = sheets.ok ? createSheetsConnector(sheets.config) : null;
  logger.info('sheets', { configured: connector !== null, ...(sheets.ok ? {} : { reason: sheets.message }) });
  const publisher: ReportPublisher | null = connector && {
    write: async (spreadsheetId, tabs) => {
      const r = await connector.writeReportTabs(spreadsheetId, tabs);
      return { calls: r.calls, payloadBytes: r.payloadBytes };
    },
  };
  const standard: ReportCompute = (ctx, id) => computeReportTabs(ctx, id, { thresholds: config.reportThresholds });
  const compute = o.reportCompute ? o.reportCompute(standard) : standard;

  const http = createAdaptorServer({ fetch: app.fetch }) as Server;
  let address: AddressInfo;
  try {
    address = await listen(http, config.port, config.host);
  } catch (e) {
    await store.close().catch(() => {});
    throw e;
  }
  http.on('error', (e: NodeJS.ErrnoException) => logger.error('server error', { error: e.message, code: e.code }));

  const worker = startWorker({ ctx: services, logger, handlers: { [REFRESH_QUEUE]: refreshJobHandler({ ctx: services, compute, publisher, logger }) } });
  const schedule = config.reportRefreshMinutes > 0
    ? startRefreshSchedule(services, { intervalMs: config.reportRefreshMinutes * 60_000, logger })
    : null;
  schedule?.tick().catch((e: unknown) => logger.error('report schedule failed', { error: reasonOf(e) }));

  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const browsable = address.address === '0.0.0.0' || address.address === '::' ? 'localhost' : shown;
  logger.info('listening', { port: address.port, address: address.address, url: `http://${browsable}:${address.port}`, storage: where, pid: process.pid });

  let stopping: Promise<boolean> | undefined;
  const stop = async (): Promise<boolean> => {
    schedule?.stop();
    // New connections are refused at once; idle keep-alive ones close; requests in flight run to their end.
    const closed = new Promise<void>((done) => http.close(() => done()));
    // Budget: requests and the running job get 6 s and 5 s (side by side), the store 2 s: done before 10 s.
    const workerStopped = worker.stop(SHUTDOWN_GRACE_MS / 2);
    const inTime = await Promise.race([closed.then(() => true), wait(SHUTDOWN_GRACE_MS * 0.6).then(() => false)]);
    if (!inTime) {
      logger.error('requests still running at the end of the grace period: their connections are closed');
      http.closeAllConnections();
    }
    await workerStopped;
    // A request cut above may still hold a database connection: closing the pool would wait for it.
    const storeClosed = await Promise.race([store.close().then(() => true, () => false), wait(2_000).then(() => false)]);
    if (!storeClosed) logger.error('the store did not close cleanly');
    return inTime && storeClosed;
  };
  return {
    port: address.port,
    host: config.host,
    store,
    stop: () => (stopping ??= stop()),
  };
}
