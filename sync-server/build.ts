/**
 * Builds the server and the CLI into plain JavaScript under dist/server, for `node dist/server/main.js` in
 * production (no TypeScript compiler at run time). Packages stay in node_modules (better-sqlite3 is native; pg,
 * googleapis and the rest load as they are): a production install needs `npm ci --omit=dev` beside dist/.
 * `npm run build` runs this file after the add-on's build; tests call buildServer().
 */
import { build } from 'esbuild';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
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

/**
 * Beside the bundles: every project file that went into them with its size and modification time, so that
 * bin/rungs.js runs the bundle only while no source has changed since (otherwise it runs the sources). Paths are
 * relative to the project.
 */
export const BUILD_INPUTS_FILE = 'inputs.json';

/** Project files a build depends on beyond what esbuild reads: the compiler settings. */
const BUILD_SETTINGS = ['tsconfig.json'];

/** Writes the record of a build's inputs (paths relative to `project`), unless one changed after `startedMs`. */
export async function writeBuildInputs(outDir: string, project: string, inputs: readonly string[], startedMs: number): Promise<void> {
  const files: Record<string, { size: number; mtimeMs: number }> = {};
  for (const input of [...inputs, ...BUILD_SETTINGS]) {
    const s = await stat(path.join(project, input));
    // Changed while the build ran: the bundle may hold the old text, so no record says it is current.
    if (s.mtimeMs > startedMs) return;
    files[input] = { size: s.size, mtimeMs: s.mtimeMs };
  }
  await writeFile(path.join(outDir, BUILD_INPUTS_FILE), JSON.stringify({ files }));
}

/** Bundles `entries` (output name -> source, relative to the project) and the worker entries into `outDir`, emptied first. */
export async function buildServer(outDir = SERVER_OUT_DIR, entries: Readonly<Record<string, string>> = SERVER_ENTRIES): Promise<{ outDir: string; files: string[] }> {
  const all = { ...(await workerEntries()), ...entries };
  await rm(outDir, { recursive: true, force: true });
  const startedMs = Date.now();
  const result = await build({
    absWorkingDir: root,
    entryPoints: Object.entries(all).map(([out, src]) => ({ out, in: src })),
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
  });
  await writeBuildInputs(outDir, root, Object.keys(result.metafile.inputs), startedMs);
  return { outDir, files: Object.keys(all).map((name) => path.join(outDir, `${name}.js`)) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { files } = await buildServer();
  console.log(`server built: ${files.map((f) => path.relative(root, f)).join(', ')}`);
}
