import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DATA_DIR, loadConfig } from '../../config';
import { describeStore, SQLITE_FILE } from '../../storage/store';
import { dataDirFromFlag } from '../data-dir';
import { EXIT_OK, EXIT_UNUSABLE, type CliIO } from '../io';

const USAGE = 'Usage: rungs where [--data-dir DIR] [--json]';

/** `rungs where`: the store the CLI and the server use from here, and what chose it. Opens nothing. */
export async function run(args: string[], io: CliIO): Promise<number> {
  let json = false;
  try {
    json = parseArgs({ args, strict: true, options: { json: { type: 'boolean', default: false } } }).values.json ?? false;
  } catch (e) {
    io.err(`rungs where: ${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return EXIT_UNUSABLE;
  }
  let storage;
  try {
    storage = loadConfig(process.env).storage;
  } catch (e) {
    io.err(`rungs where: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT_UNUSABLE;
  }
  const set = (name: string) => (process.env[name] ?? '').trim() !== '';
  const chosenBy = storage.engine === 'postgres' ? 'DATABASE_URL'
    : dataDirFromFlag() !== undefined ? '--data-dir' : set('RUNGS_DATA_DIR') ? 'RUNGS_DATA_DIR' : `the default (${DEFAULT_DATA_DIR})`;
  const file = storage.engine === 'sqlite' ? join(storage.dataDir, SQLITE_FILE) : null;
  const exists = file === null ? null : existsSync(file);
  if (json) {
    io.out(JSON.stringify({ engine: storage.engine, location: file ?? describeStore(storage), dataDir: storage.engine === 'sqlite' ? storage.dataDir : null, exists, chosenBy }, null, 2));
    return EXIT_OK;
  }
  io.out(`${describeStore(storage)}${exists === false ? ' (not created yet: the first command or server start that needs it creates it)' : ''}`);
  io.out(`Chosen by ${chosenBy}. The server and every rungs command use this store unless DATABASE_URL, RUNGS_DATA_DIR or --data-dir says otherwise.`);
  return EXIT_OK;
}
