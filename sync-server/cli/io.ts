/**
 * Where a command writes. Each call prints one piece of text followed by a line break (like console.log), so a
 * command can be run against a buffer in-process as easily as against the terminal.
 */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

/** A CLI subcommand: gets its arguments (after the command name) and gives the exit code. */
export type CommandRun = (args: string[], io: CliIO) => Promise<number>;

export const EXIT_OK = 0;
/** The command ran and found what it was asked to look for (e.g. validation errors). */
export const EXIT_FINDINGS = 1;
/** Bad usage or unusable input: nothing could be checked. */
export const EXIT_UNUSABLE = 2;

export const processIO: CliIO = {
  out: (text) => process.stdout.write(text + '\n'),
  err: (text) => process.stderr.write(text + '\n'),
};

/** Collects output in memory, for in-process tests. */
export function bufferIO(): CliIO & { stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: (text) => out.push(text + '\n'),
    err: (text) => err.push(text + '\n'),
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}
