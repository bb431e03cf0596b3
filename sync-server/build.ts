/**
 * Builds the server and the CLI into plain JavaScript under dist/server, for `node dist/server/main.js` in
 * production (no TypeScript compiler at run time). Packages stay in node_modules (better-sqlite3 is native; pg,
 * googleapis and the rest load as they are): a production install needs `npm ci --omit=dev` beside dist/.
 * `npm run build` runs this file after the add-on's build; tests call buildServer().
 */
import { build } from 'esbuild';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const SERVER_OUT_DIR = path.join(root, 'dist', 'server');

/** Output file -> source entry. */
export const SERVER_ENTRIES = {
  main: 'sync-server/main.ts',
  rungs: 'sync-server/cli/main.ts',
} as const;

/**
 * Worker-thread entries (modules under sync-server/ that serve tasks from a thread: `serveTasks(...)` at their top
 * level, see workers/run-worker.ts), each bundled as its own file named after its module, beside the server: a
 * thread is started from a file, found next to the bundle that starts it (`workerEntry(name, import.meta.url)`).
 */
const WORKER_ENTRY = /^serveTasks\s*(<[^\n]*>)?\s*\(/m;

export async function workerEntries(dir = path.join(root, 'sync-server')): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (WORKER_ENTRY.test(await readFile(file, 'utf8'))) out[entry.name.slice(0, -3)] = path.relative(root, file);
  }
  return out;
}

/** Bundles `entries` (output name -> source, relative to the project) and the worker entries into `outDir`, emptied first. */
export async function buildServer(outDir = SERVER_OUT_DIR, entries: Readonly<Record<string, string>> = SERVER_ENTRIES): Promise<{ outDir: string; files: string[] }> {
  const all = { ...(await workerEntries()), ...entries };
  await rm(outDir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: Object.entries(all).map(([out, src]) => ({ out, in: src })),
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  return { outDir, files: Object.keys(all).map((name) => path.join(outDir, `${name}.js`)) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { files } = await buildServer();
  console.log(`server built: ${files.map((f) => path.relative(root, f)).join(', ')}`);
}
