import { writeSync } from 'node:fs';

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/**
 * Standard output, written once per turn of the event loop: under load one write carries the lines of many
 * requests instead of one system call each. Lines still waiting when the process exits are written then.
 */
export function batchedStdout(): (line: string) => void {
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const text = pending.join('\n') + '\n';
    pending = [];
    process.stdout.write(text);
  };
  process.once('exit', () => {
    if (pending.length > 0) writeSync(1, pending.join('\n') + '\n');
    pending = [];
  });
  return (line) => {
    if (pending.length === 0) setImmediate(flush);
    pending.push(line);
  };
}

/** One JSON object per line: `{"time":..., "level":"info", "msg":"request", ...fields}`. */
export function jsonLineLogger(write: (line: string) => void = batchedStdout()): Logger {
  const log = (level: string) => (msg: string, fields: LogFields = {}) => write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }));
  return { info: log('info'), error: log('error') };
}

export const silentLogger: Logger = { info: () => {}, error: () => {} };
