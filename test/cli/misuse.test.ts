import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../sync-server/cli/command-registry';
import { bufferIO } from '../../sync-server/cli/io';
import { runCli } from '../../sync-server/cli/run-cli';
import { ROOT } from './run-rungs';

async function cli(args: string[]) {
  const io = bufferIO();
  const code = await runCli(args, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

const ACME = path.join(ROOT, 'examples', 'acme');
const RECORDS = path.join(ROOT, 'examples', 'acme-records', 'completions.csv');
/** A server the connection checks accept; no case below gets as far as sending a request. */
const SERVER = ['--server', 'http://127.0.0.1:9', '--token', 'rungs_x'];

/** [what is wrong, arguments, part of the reason on stderr] */
const MISUSES: [string, string[], string | RegExp][] = [
  ['no command', [], 'Usage: rungs <command>'],
  ['an unknown command', ['valdate', ACME], 'unknown command "valdate"'],
  ['help on an unknown command', ['help', 'bogus'], 'no command "bogus"'],
  ['help on two commands', ['help', 'validate', 'path'], 'one command at a time'],

  ['validate without a workbook', ['validate'], 'Which workbook?'],
  ['validate with two workbooks', ['validate', 'a.json', 'b.json'], 'Expected one workbook'],
  ['validate with a malformed --today', ['validate', ACME, '--today', '15/01/2026'], '--today must be a date'],
  ['validate of a path that does not exist', ['validate', 'no/such/folder'], 'does not exist'],

  ['path without --track', ['path', ACME], 'Which track?'],
  ['path with an empty --level', ['path', ACME, '--track', 'CS', '--level', ' '], '--level needs a level code'],
  ['path without a workbook', ['path', '--track', 'CS'], 'Which workbook?'],

  ['analyze with two workbooks', ['analyze', ACME, ACME], 'Expected one workbook'],

  ['export without --format', ['export', ACME, '--out', 'x'], '--format must be'],
  ['export with a bad --base-uri', ['export', ACME, '--format', 'case', '--out', 'x.json', '--base-uri', 'not a url'], '--base-uri must be a URL'],
  ['import with an unknown --format', ['import', ACME, '--format', 'xlsx'], '--format must be'],

  ['import --records of an unknown kind', ['import', RECORDS, '--records', 'grades', '--workbook', 'acme'], '--records must be one of'],
  ['import --records without --workbook', ['import', RECORDS, '--records', 'completions'], '--workbook is required'],
  ['import --records --replace of completions', ['import', RECORDS, '--records', 'completions', '--workbook', 'acme', '--replace'], '--replace applies to --records employees only'],
  ['import --records with a --map that is not JSON', ['import', RECORDS, '--records', 'completions', '--workbook', 'acme', '--map', '{employee_id'], '--map is not JSON'],
  ['import --records with a bad --delimiter', ['import', RECORDS, '--records', 'completions', '--workbook', 'acme', '--delimiter', 'space'], '--delimiter must be'],
  ['import --records of a file that does not exist', ['import', 'no-such.csv', '--records', 'completions', '--workbook', 'acme'], 'no such file'],
  ['import --records with --token and no server', ['import', RECORDS, '--records', 'completions', '--workbook', 'acme', '--token', 'rungs_x'], 'Which server?'],
  ['import --records to a server that is not a URL', ['import', RECORDS, '--records', 'completions', '--workbook', 'acme', '--server', 'localhost:8787', '--token', 'x'], 'http:// or https://'],

  ['token without an action', ['token'], 'say "create", "bind" or "list"'],
  ['token with an unknown role', ['token', 'create', '--role', 'boss', '--label', 'x'], '--role must be one of'],
  ['token create without --label', ['token', 'create', '--role', 'admin'], '--label is required'],
  ['token create of an owner without --tracks', ['token', 'create', '--role', 'owner', '--label', 'x'], 'must name the tracks'],

  ['connect without a workbook', ['connect', ...SERVER], 'Which workbook?'],
  ['connect without a server', ['connect', ACME, '--token', 'rungs_x'], 'Which server?'],
  ['connect without a token', ['connect', ACME, '--server', 'http://127.0.0.1:9'], 'No API token'],
  ['connect to a server that is not a URL', ['connect', ACME, '--server', 'ftp://x', '--token', 'x'], 'http:// or https://'],
  ['connect with an empty --name', ['connect', ACME, '--name', ' ', ...SERVER], '--name needs a name'],
  ['connect of a folder that does not exist', ['connect', 'no/such/folder', ...SERVER], 'does not exist'],

  ['draft without --track', ['draft', ACME, ...SERVER], 'Which track?'],
  ['draft of a track the workbook does not have', ['draft', ACME, '--track', 'SALES', ...SERVER], 'has no track SALES'],
  ['draft with --note (publish only)', ['draft', ACME, '--track', 'CS', '--note', 'x', ...SERVER], "Unknown option '--note'"],
  ['publish without --track', ['publish', ACME, ...SERVER], 'Which track?'],
  ['publish of a track the workbook does not have', ['publish', ACME, '--track', 'CS,SALES', ...SERVER], 'has no track SALES'],
  ['publish without a server', ['publish', ACME, '--track', 'CS', '--token', 'x'], 'Which server?'],

  ['reports without an action', ['reports', '--workbook', 'acme', ...SERVER], 'say "refresh" or "show"'],
  ['reports with an unknown action', ['reports', 'print', '--workbook', 'acme', ...SERVER], 'say "refresh" or "show"'],
  ['reports show without --workbook', ['reports', 'show', ...SERVER], '--workbook is required'],
  ['reports refresh with --track', ['reports', 'refresh', '--workbook', 'acme', '--track', 'CS', ...SERVER], '--track applies to "show"'],
  ['reports show with --timeout', ['reports', 'show', '--workbook', 'acme', '--timeout', '5', ...SERVER], '--timeout applies to "refresh"'],
  ['reports refresh with a --timeout that is not a number', ['reports', 'refresh', '--workbook', 'acme', '--timeout', 'soon', ...SERVER], '--timeout must be a number'],
  ['reports without a token', ['reports', 'show', '--workbook', 'acme', '--server', 'http://127.0.0.1:9'], 'No API token'],

  ['compare-levels without --track', ['compare-levels', ACME, 'CS1', 'CS2'], 'Which track?'],
  ['compare-levels with one level', ['compare-levels', ACME, '--track', 'CS', 'CS1'], 'Name the two levels'],
  ['where with an argument', ['where', 'extra'], "Unexpected argument 'extra'"],
];

describe('every misuse of the command line exits 2 with the reason on stderr', () => {
  let dataDir: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'rungs-misuse-'));
    // The store `token` opens, and no server or token from the environment of whoever runs the tests.
    Object.assign(process.env, { RUNGS_DATA_DIR: dataDir, DATABASE_URL: '' });
    delete process.env.RUNGS_SERVER;
    delete process.env.RUNGS_TOKEN;
  });
  afterAll(async () => {
    process.env = saved;
    await rm(dataDir, { recursive: true, force: true });
  });

  it.each(MISUSES)('%s', async (_, args, reason) => {
    const r = await cli(args);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    if (typeof reason === 'string') expect(r.stderr).toContain(reason);
    else expect(r.stderr).toMatch(reason);
  });

  it.each(Object.keys(COMMANDS))('rungs %s --no-such-option', async (command) => {
    const r = await cli([command, '--no-such-option']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/no-such-option|Unknown option/);
  });

  it('covers every command', () => {
    const named = new Set(MISUSES.map(([, args]) => args[0]).filter((a) => a !== undefined));
    for (const command of Object.keys(COMMANDS)) expect([...named], command).toContain(command);
  });
});
