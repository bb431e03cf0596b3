/**
 * docs/configuration.md lists every environment variable the server and the CLI read: a variable added to the
 * code (config.ts, the Sheets connector, the AI settings, any `env.X`) without its row fails here, and so does a
 * row for a variable nothing reads any more.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';
import { CONFIG_VARIABLES } from '../../sync-server/config';
import { ROOT } from '../cli/run-rungs';

/** Set by npm for scripts, not by operators. */
const NOT_OURS = new Set(['INIT_CWD']);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Names read from the environment: `env.X`, `env['X']`, `positiveInt(env, 'X')`, and keys of zod env schemas. */
function variablesRead(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sources(join(ROOT, 'sync-server'))) {
    const text = readFileSync(file, 'utf8');
    const names = [
      ...[...text.matchAll(/\benv(?:\.|\[\s*['"])([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]),
      ...[...text.matchAll(/\(\s*env\s*,\s*'([A-Z][A-Z0-9_]+)'/g)].map((m) => m[1]),
      ...(/EnvSchema\s*=/.test(text) ? [...text.matchAll(/^\s+([A-Z][A-Z0-9_]+):\s/gm)].map((m) => m[1]) : []),
    ];
    for (const n of names) if (!NOT_OURS.has(n) && !found.has(n)) found.set(n, relative(ROOT, file));
  }
  return found;
}

function documented(): Set<string> {
  const page = readFileSync(join(ROOT, 'docs/configuration.md'), 'utf8');
  const table = page.slice(page.indexOf('## Every variable'));
  return new Set([...table.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((m) => m[1]));
}

test('every variable the code reads has a row in the table of docs/configuration.md', () => {
  const read = variablesRead();
  for (const v of CONFIG_VARIABLES) expect(read.has(v), `${v} from loadConfig`).toBe(true);
  expect(read.size).toBeGreaterThan(20);
  const rows = documented();
  const missing = [...read].filter(([name]) => !rows.has(name)).map(([name, file]) => `${name} (read in ${file})`);
  expect(missing).toEqual([]);
});

test('every row of the table is a variable the code reads', () => {
  const read = variablesRead();
  expect([...documented()].filter((name) => !read.has(name))).toEqual([]);
});

test('the deployment guide links the table and covers what an operator needs', () => {
  const deploy = readFileSync(join(ROOT, 'docs/deploy.md'), 'utf8');
  expect(deploy).toContain('(configuration.md)');
  for (const topic of ['HTTPS', 'Caddy', 'Cloud Run', 'GOOGLE_APPLICATION_CREDENTIALS', 'OPENAI_API_KEY', 'urlFetchWhitelist', 'pg_dump', '.backup', 'migrations', 'More than one instance', 'node dist/server/main.js']) {
    expect(deploy, topic).toContain(topic);
  }
});
