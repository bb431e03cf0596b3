import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';
import { workerEntries } from '../../sync-server/build';
import { ROOT } from '../cli/run-rungs';

test('modules that take worker_threads\' parentPort are bundled as worker files of their own; the module that starts workers is not', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rungs-workers-'));
  try {
    await mkdir(join(dir, 'reports'));
    await writeFile(join(dir, 'reports', 'refresh-worker.ts'), "import { parentPort, workerData } from 'node:worker_threads';\nparentPort!.postMessage(workerData);\n");
    await writeFile(join(dir, 'run-worker.ts'), "import { Worker } from 'node:worker_threads';\nexport const start = (u: URL) => new Worker(u); // parentPort is the worker's side\n");
    await writeFile(join(dir, 'plain.ts'), 'export const x = 1;\n');
    expect(await workerEntries(dir)).toEqual({ 'refresh-worker': relative(ROOT, join(dir, 'reports', 'refresh-worker.ts')) });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
