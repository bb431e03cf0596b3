import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatFindings } from '../format-findings';
import { EXIT_UNUSABLE, type CliIO } from '../io';
import { RemoteError } from './client';
import { CONNECTION_OPTIONS, readConnection, type Connection } from './connection';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  /** The option values as parseArgs gives them; each command checks its own with zod. */
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/** Says on stderr why the command cannot run as typed, with its usage; gives exit code 2. */
export function misuse(command: string, reason: string, usage: string, io: CliIO): number {
  io.err(`rungs ${command}: ${reason}\n${usage}`);
  return EXIT_UNUSABLE;
}

/** A server command's arguments: its own options plus --server and --token; unknown options are refused. */
export function parseServerArgs(args: string[], options: Options): ParsedArgs | string {
  try {
    const parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { ...options, ...CONNECTION_OPTIONS } });
    return { values: parsed.values, positionals: parsed.positionals };
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The connection the parsed --server/--token (or RUNGS_SERVER/RUNGS_TOKEN) name, or a reason it cannot be made. */
export function connectionOf(values: ParsedArgs['values']): Connection | string {
  return readConnection({ server: text(values.server), token: text(values.token) });
}

/** Runs a command's requests; a refusal or an unreachable server becomes its message on stderr and an exit code. */
export async function talkToServer(command: string, io: CliIO, action: () => Promise<number>): Promise<number> {
  try {
    return await action();
  } catch (e) {
    if (!(e instanceof RemoteError)) throw e;
    if (e.findings.length > 0) io.out(formatFindings(e.findings, new Set(e.findings.map((f) => f.sheet)).size));
    io.err(`rungs ${command}: ${e.message}`);
    return e.exitCode;
  }
}

/** The one positional argument a command takes, or why the ones given do not fit. */
export function onePositional(positionals: readonly string[], missing: string): string | { value: string } {
  if (positionals.length === 1) return { value: positionals[0] };
  return positionals.length === 0 ? missing : `Expected one argument, got ${positionals.length}: ${positionals.join(' ')}`;
}
