/**
 * The server, the CLI and the test entry bundled once per test process (esbuild, as `npm run build` does), under
 * test/artifacts so that packages resolve from the project's node_modules. A built server starts in a fraction
 * of the time tsx needs (it compiles nothing), which matters for tests that start many processes; and it is what
 * production runs.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { buildServer, SERVER_ENTRIES } from '../../sync-server/build';
import { ROOT, runProcess, type RunResult } from '../cli/run-rungs';
import { listeningServer, spawnNode, type Server } from '../server/spawn-server';

const OUT = join(ROOT, 'test', 'artifacts', `ops-build-${process.pid}`);
const ENTRIES = { ...SERVER_ENTRIES, 'test-server': 'test/server/test-server.ts' } as const;

let building: Promise<void> | undefined;
function built(): Promise<void> {
  building ??= buildServer(OUT, ENTRIES).then(() => undefined);
  return building;
}

// Registered while the importing test file is collected: the build goes away with the file's tests.
afterAll(async () => {
  await building?.catch(() => undefined);
  await rm(OUT, { recursive: true, force: true });
});

const file = (name: keyof typeof ENTRIES) => join(OUT, `${name}.js`);

/** A built server process on PORT=0, once it listens: `main` (production) or `test` (with the test extensions). */
export async function startBuilt(env: NodeJS.ProcessEnv, entry: 'main' | 'test' = 'main'): Promise<Server> {
  await built();
  return listeningServer(spawnNode([file(entry === 'main' ? 'main' : 'test-server')], env));
}

/** A built server process, not waited for (a start expected to fail, or to wait for its database). */
export async function spawnBuilt(env: NodeJS.ProcessEnv): Promise<Omit<Server, 'base'>> {
  await built();
  return spawnNode([file('main')], env);
}

/** The built `rungs` CLI. */
export async function builtRungs(args: readonly string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT): Promise<RunResult> {
  await built();
  return runProcess(process.execPath, [file('rungs'), ...args], cwd, env);
}
