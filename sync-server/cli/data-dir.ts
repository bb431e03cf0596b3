import { resolve } from 'node:path';

export const DATA_DIR_FLAG = '--data-dir';

export type DataDirFlag = { ok: true; args: string[]; dataDir: string | undefined } | { ok: false; message: string };

/**
 * Takes `--data-dir DIR` (or `--data-dir=DIR`) out of a command line, wherever it stands before `--`: every
 * command that opens the store accepts it, the way they all read RUNGS_DATA_DIR. Relative to the current directory.
 */
export function takeDataDirFlag(argv: readonly string[]): DataDirFlag {
  const args: string[] = [];
  let dataDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      args.push(...argv.slice(i));
      break;
    }
    if (a === DATA_DIR_FLAG || a.startsWith(`${DATA_DIR_FLAG}=`)) {
      const value = a === DATA_DIR_FLAG ? argv[++i] : a.slice(DATA_DIR_FLAG.length + 1);
      if (value === undefined || value.trim() === '' || value.startsWith('--')) return { ok: false, message: `${DATA_DIR_FLAG} needs a directory, e.g. ${DATA_DIR_FLAG} ./my-store` };
      dataDir = resolve(value);
      continue;
    }
    args.push(a);
  }
  return { ok: true, args, dataDir };
}

let fromFlag: string | undefined;

/** The --data-dir of the command running now, if it was given one. */
export const dataDirFromFlag = (): string | undefined => fromFlag;

/** Runs `body` with RUNGS_DATA_DIR set to `dataDir` (when given), as if the user had exported it. */
export async function withDataDir<T>(dataDir: string | undefined, body: () => Promise<T>): Promise<T> {
  if (dataDir === undefined) return body();
  const before = process.env.RUNGS_DATA_DIR;
  process.env.RUNGS_DATA_DIR = dataDir;
  fromFlag = dataDir;
  try {
    return await body();
  } finally {
    fromFlag = undefined;
    if (before === undefined) delete process.env.RUNGS_DATA_DIR;
    else process.env.RUNGS_DATA_DIR = before;
  }
}
