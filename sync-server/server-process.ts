/**
 * The server as a process: JSON log lines on stdout, SIGTERM and SIGINT stop it gracefully (exit 0), and a start
 * that cannot work prints one line on stderr naming the cause (no stack) and exits non-zero: 2 for a bad
 * variable, 1 for anything else (database unreachable, port in use).
 */
import { StartError } from './errors';
import { jsonLineLogger, type Logger } from './log';
import { startServer, type RunningServer, type ServerExtensions } from './server';
import { reasonOf } from './storage/availability';

/** Two signals closer than this are one stop asked twice (Ctrl-C reaches the server and `npm`, which forwards it). */
const REPEAT_SIGNAL_MS = 1_000;

export async function runServerProcess(extend: (logger: Logger) => ServerExtensions = () => ({})): Promise<void> {
  const logger = jsonLineLogger();
  // A promise nobody awaited that failed (say, a query after the database went away) is a bug to fix, not a
  // reason to end every request in flight.
  process.on('unhandledRejection', (e) => logger.error('unhandled rejection', { error: reasonOf(e) }));

  const starting = new AbortController();
  let running: RunningServer | undefined;
  let firstSignalAt = 0;

  const stop = (server: RunningServer) => {
    const started = Date.now();
    server.stop().then(
      (clean) => {
        logger.info('stopped', { ms: Date.now() - started, clean });
        process.exit(clean ? 0 : 1);
      },
      (e: unknown) => {
        logger.error('stop failed', { error: reasonOf(e) });
        process.exit(1);
      },
    );
  };

  const onSignal = (signal: NodeJS.Signals) => {
    const now = Date.now();
    if (firstSignalAt !== 0) {
      if (now - firstSignalAt < REPEAT_SIGNAL_MS) return;
      logger.info('forced stop', { signal });
      process.exit(1);
    }
    firstSignalAt = now;
    logger.info('stopping', { signal });
    if (running) stop(running);
    else starting.abort(new Error(`stopped by ${signal} while starting`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    running = await startServer({ env: process.env, logger, signal: starting.signal, ...extend(logger) });
  } catch (e) {
    if (starting.signal.aborted) {
      logger.info('stopped', { ms: Date.now() - firstSignalAt, clean: true });
      process.exit(0);
    }
    const line = e instanceof StartError ? e.message : `unexpected failure: ${reasonOf(e)}`;
    process.stderr.write(`rungs: the server cannot start: ${line}\n`);
    process.exit(e instanceof StartError ? e.exitCode : 1);
  }
  if (starting.signal.aborted) stop(running);
}
