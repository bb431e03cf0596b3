import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';
import { workerEntries } from '../../sync-server/build';
import { ROOT } from '../cli/run-rungs';

test('modules that serve tasks in a worker thread are bundled as worker files of their own; the module that starts workers is not', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rungs-workers-'));
  try {
    await mkdir(join(dir, 'reports'));
    await writeFile(join(dir, 'reports', 'refresh-worker.ts'), "import { serveTasks } from '../run-worker';\nserveTasks<number, number>(async (n) => n + 1);\n");
    await writeFile(join(dir, 'run-worker.ts'), "import { parentPort, Worker } from 'node:worker_threads';\nexport const start = (u: URL) => new Worker(u);\nexport function serveTasks(handle: (t: unknown) => Promise<unknown>) { parentPort!.on('message', handle); }\n");
    await writeFile(join(dir, 'plain.ts'), 'export const x = 1;\n');
    expect(await workerEntries(dir)).toEqual({ 'refresh-worker': relative(ROOT, join(dir, 'reports', 'refresh-worker.ts')) });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('every worker the server starts by name is one the build bundles', async () => {
  const { readdir, readFile } = await import('node:fs/promises');
  const entries = await workerEntries();
  const started = new Set<string>();
  for (const entry of await readdir(join(ROOT, 'sync-server'), { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    for (const m of (await readFile(join(entry.parentPath, entry.name), 'utf8')).matchAll(/workerEntry\('([\w-]+)'/g)) started.add(m[1]);
  }
  expect(started.size).toBeGreaterThan(0);
  for (const name of started) expect(Object.keys(entries), name).toContain(name);
});
