import { describe, expect, test } from 'vitest';
import { bufferIO } from '../../sync-server/cli/io';
import { runCli } from '../../sync-server/cli/run-cli';

async function cli(args: string[]) {
  const io = bufferIO();
  const code = await runCli(args, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

describe('rungs argument handling (in-process)', () => {
  test.each([['--help'], ['help'], ['-h']])('rungs %s lists the commands on stdout', async (flag) => {
    const r = await cli([flag]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}validate +Check a workbook/m);
  });

  test.each([[['validate', '--help']], [['help', 'validate']]])('%j shows the usage of validate', async (args) => {
    const r = await cli(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('rungs validate <snapshot.json | folder of tab CSVs>');
  });

  test.each([
    ['no command', []],
    ['no workbook', ['validate']],
    ['two workbooks', ['validate', 'a.json', 'b.json']],
    ['an unknown option', ['validate', 'x.json', '--jsno']],
    ['a malformed --today', ['validate', 'x.json', '--today', '15/01/2026']],
    ['an impossible --today', ['validate', 'x.json', '--today', '2026-02-30']],
    ['an unknown command', ['valdate', 'x.json']],
  ])('bad usage (%s) exits 2 with the reason on stderr', async (_, args) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toBe('');
  });
});

describe('a store the CLI cannot reach', () => {
  test('rungs token list against a PostgreSQL that is not there: one plain line naming the address, exit 2', async () => {
    const before = process.env.DATABASE_URL;
    process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:1/test';
    try {
      const r = await cli(['token', 'list']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^rungs token: the database cannot be reached \(.*127\.0\.0\.1:1\)/);
      expect(r.stderr).not.toContain('unexpected failure');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      if (before === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = before;
    }
  });
});
