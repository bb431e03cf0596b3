import { COMMANDS } from './command-registry';
import { takeDataDirFlag, withDataDir } from './data-dir';
import { EXIT_OK, EXIT_UNUSABLE, type CliIO } from './io';
import { isDatabaseUnavailable, reasonOf } from '../storage/availability';

const HELP_FLAGS = new Set(['--help', '-h', 'help']);

function overview(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'Rungs: competency-based career tracks authored in Google Sheets.',
    '',
    'Usage: rungs <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run "rungs help <command>" or "rungs <command> --help" for its options.',
    'Commands that open the store take --data-dir DIR (default: RUNGS_DATA_DIR, else .data in the project); "rungs where" prints it.',
  ].join('\n');
}

/** Dispatches `rungs <command> ...args` and gives the exit code; never throws. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const flag = takeDataDirFlag(argv);
  if (!flag.ok) {
    io.err(`rungs: ${flag.message}`);
    return EXIT_UNUSABLE;
  }
  return withDataDir(flag.dataDir, () => dispatch(flag.args, io));
}

async function dispatch(argv: readonly string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.err(overview());
    return EXIT_UNUSABLE;
  }
  if (HELP_FLAGS.has(first)) {
    if (rest.length === 0) {
      io.out(overview());
      return EXIT_OK;
    }
    const [topic] = rest;
    if (rest.length > 1 || !Object.hasOwn(COMMANDS, topic)) {
      io.err(`rungs help: ${rest.length > 1 ? `one command at a time, got ${rest.join(' ')}` : `there is no command "${topic}"`}. Run "rungs --help" to see the commands.`);
      return EXIT_UNUSABLE;
    }
    io.out(COMMANDS[topic].usage);
    return EXIT_OK;
  }
  const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (!command) {
    io.err(`rungs: unknown command "${first}". Run "rungs --help" to see the commands.`);
    return EXIT_UNUSABLE;
  }
  if (rest.some((a) => a === '--help' || a === '-h')) {
    io.out(command.usage);
    return EXIT_OK;
  }
  try {
    const { run } = await command.load();
    return await run(rest, io);
  } catch (e) {
    if (isDatabaseUnavailable(e)) {
      io.err(`rungs ${first}: the database cannot be reached (${reasonOf(e)}). Check that PostgreSQL is running and that DATABASE_URL points at it; nothing was changed.`);
      return EXIT_UNUSABLE;
    }
    io.err(`rungs ${first}: unexpected failure: ${e instanceof Error ? e.message : String(e)}`);
    if (process.env.RUNGS_DEBUG && e instanceof Error && e.stack) io.err(e.stack);
    return EXIT_UNUSABLE;
  }
}
