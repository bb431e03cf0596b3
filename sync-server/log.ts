export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/** One JSON object per line: `{"time":..., "level":"info", "msg":"request", ...fields}`. */
export function jsonLineLogger(write: (line: string) => void = (line) => process.stdout.write(line + '\n')): Logger {
  const log = (level: string) => (msg: string, fields: LogFields = {}) => write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }));
  return { info: log('info'), error: log('error') };
}

export const silentLogger: Logger = { info: () => {}, error: () => {} };
