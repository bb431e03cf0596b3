import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll } from 'vitest';
import { parseWorkbook, type Workbook, type WorkbookSnapshot } from '../../shared';
import { exchangeSource, type ExchangeSource } from '../../shared/formats/exchange-tabs';
import { importedSnapshot, type ImportResult } from '../../shared/formats/imported';
import { loadWorkbook } from '../../sync-server/io/load-workbook';
import { tempDir } from '../cli/run-rungs';

export const ROOT = join(import.meta.dirname, '../..');

/** The first `shared/fixtures` beside `start` or one of its parents. */
function fixturesAbove(start: string): string | undefined {
  for (let dir = dirname(start); ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared/fixtures');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The checkout this one was cloned from, when that is a folder on this machine (a fresh clone in a temp dir). */
function clonedFrom(): string | undefined {
  try {
    const url = execFileSync('git', ['-C', ROOT, 'config', '--get', 'remote.origin.url'], { encoding: 'utf8' }).trim();
    const path = url.startsWith('file://') ? fileURLToPath(url) : url;
    return isAbsolute(path) && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The shared fixtures (real files from other systems, never edited): `RUNGS_SHARED_FIXTURES`, else the first
 * `shared/fixtures` beside the checkout or one of its parents (the main checkout and worktrees sit at different
 * depths), else beside the checkout it was cloned from.
 */
function sharedFixtures(): string {
  if (process.env.RUNGS_SHARED_FIXTURES) return process.env.RUNGS_SHARED_FIXTURES;
  const origin = clonedFrom();
  const found = fixturesAbove(ROOT) ?? (origin ? fixturesAbove(origin) : undefined);
  if (found) return found;
  throw new Error('The shared fixtures (shared/fixtures beside the checkout) were not found; set RUNGS_SHARED_FIXTURES.');
}

export const SHARED_FIXTURES = sharedFixtures();
export const MOODLE_FIXTURE = join(SHARED_FIXTURES, 'moodle-competency-framework-example.csv');
export const OPENSALT_PACKAGES = [
  'test_framework_case.json', 'what-standards-could-be.json', 'SequenceNumberFramework.json', 'Utf8TestFramework.json', 'ItemTypeTestFramework.json',
].map((f) => join(SHARED_FIXTURES, 'case', f));

/** The real packages vendored in test/fixtures/case (see its SOURCES.md), as JSON text. */
export const SBAC_CONTENT_SPEC = join(ROOT, 'test/fixtures/case/sbac-math-content-spec.json.gz');
export const SBAC_CLAIM2 = join(ROOT, 'test/fixtures/case/sbac-math-g3-5-claim2.json.gz');
export const CASE_SCHEMA = join(ROOT, 'test/fixtures/case-schema/case-v1p1-cfpackage.json');

export function packageText(path: string): string {
  const bytes = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

export function moodleFixtureText(): string {
  return readFileSync(MOODLE_FIXTURE, 'utf8');
}

export const EXAMPLES = ['acme', 'acme-with-problems'].map((name) => join(ROOT, 'examples', name));

export async function acmeWorkbook(): Promise<Workbook> {
  return parseWorkbook(await loadWorkbook(join(ROOT, 'examples/acme'))).workbook;
}

export async function acmeSource(): Promise<ExchangeSource> {
  return exchangeSource(await loadWorkbook(join(ROOT, 'examples/acme')));
}

/** An import result as a workbook snapshot (what the editor would get in the sheet). */
export function asSnapshot(result: ImportResult, id = 'imported'): WorkbookSnapshot {
  return importedSnapshot(result, id);
}

/** An import result as a parsed workbook. */
export function asWorkbook(result: ImportResult, id = 'imported'): Workbook {
  return parseWorkbook(asSnapshot(result, id)).workbook;
}

/** An import result as what the exchange formats export from. */
export function asSource(result: ImportResult, id = 'imported'): ExchangeSource {
  return exchangeSource(asSnapshot(result, id));
}

/** A maker of temp folders, all removed after the file's tests. Call it at the top level of a test file. */
export function tempFolders(prefix: string): () => Promise<string> {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => { for (const c of cleanups) await c(); });
  return async () => {
    const t = await tempDir(prefix);
    cleanups.push(t.cleanup);
    return t.dir;
  };
}
