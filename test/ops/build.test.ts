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

test('bin/rungs.js runs the build while every file it was built from is unchanged, and the sources once one changed', async () => {
  const { copyFile, symlink, utimes } = await import('node:fs/promises');
  const { writeBuildInputs } = await import('../../sync-server/build');
  const { runProcess } = await import('../cli/run-rungs');
  const dir = await mkdtemp(join(tmpdir(), 'rungs-bin-'));
  try {
    for (const sub of ['bin', 'dist/server', 'sync-server/cli']) await mkdir(join(dir, sub), { recursive: true });
    await copyFile(join(ROOT, 'bin/rungs.js'), join(dir, 'bin/rungs.js'));
    await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    await writeFile(join(dir, 'package.json'), '{"type":"module"}');
    await writeFile(join(dir, 'tsconfig.json'), '{}');
    await writeFile(join(dir, 'sync-server/cli/main.ts'), "const from: string = 'sources';\nconsole.log(from, process.argv.slice(2).join(' '));\n");
    await writeFile(join(dir, 'dist/server/rungs.js'), "console.log('built', process.argv.slice(2).join(' '));\n");
    const run = async () => (await runProcess(process.execPath, [join(dir, 'bin/rungs.js'), 'where'], dir)).stdout.trim();

    expect(await run()).toBe('sources where'); // never built
    await writeBuildInputs(join(dir, 'dist/server'), dir, ['sync-server/cli/main.ts'], Date.now() + 1000);
    expect(await run()).toBe('built where');
    const later = new Date(Date.now() + 5000);
    await utimes(join(dir, 'sync-server/cli/main.ts'), later, later); // saved again, even with the same text
    expect(await run()).toBe('sources where');

    // A file changed while the build ran leaves no record: the build is not taken for current.
    await rm(join(dir, 'dist/server/inputs.json'));
    await writeBuildInputs(join(dir, 'dist/server'), dir, ['sync-server/cli/main.ts'], Date.now() - 60_000);
    expect(await run()).toBe('sources where');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 30_000);
