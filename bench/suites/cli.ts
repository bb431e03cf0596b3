/**
 * A one-row `rungs import --records` against a store holding a published framework (50 tracks and 100,000
 * employees in --full; 10 tracks and 10,000 in quick): the whole command as a person runs it, start-up included.
 * `bin/rungs.js` after `npm run build` (the suite builds first) runs the built JavaScript; after a source changed
 * since the build it runs the TypeScript sources through tsx, timed here by running them that way. Node's own
 * start-up is the floor.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../../sync-server/build';
import { median, ms, rowsOf, type BenchOptions, type BenchRow, type BenchSuite } from '../lib';
import { ROOT, runTask } from '../tasks/child';

const GOAL_MS = 1000;
const RUNS = 3;

function timeCommand(args: string[], env: NodeJS.ProcessEnv): number[] {
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    execFileSync(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'pipe' });
    out.push(performance.now() - t0);
  }
  return out;
}

export const cliSuite: BenchSuite = {
  name: 'cli',
  async run({ full }: BenchOptions): Promise<BenchRow[]> {
    const { rows, row } = rowsOf('cli');
    const dir = mkdtempSync(join(tmpdir(), 'rungs-bench-cli-'));
    try {
      const dataDir = join(dir, 'store');
      const size = full ? { tracks: 50, employees: 100_000 } : { tracks: 10, employees: 10_000 };
      const made = await runTask<{ workbook: string; employee: string; module: string }>('bench/tasks/framework-store.ts', [JSON.stringify({ dataDir, ...size })]);
      const csv = join(dir, 'one-row.csv');
      writeFileSync(csv, `employee_id,module_id,status,started_at,completed_at,score\n${made.employee},${made.module},completed,2026-03-01,2026-03-05,90\n`);
      const args = ['import', csv, '--records', 'completions', '--workbook', made.workbook];
      const env = { RUNGS_DATA_DIR: dataDir, RUNGS_REPORT_REFRESH_MINUTES: '0' };
      const kase = `one-row rungs import --records, ${size.tracks} tracks published, ${size.employees.toLocaleString('en-US')} employees`;
      row(kase, 'node start-up alone (the floor)', ms(median(timeCommand(['-e', '0'], {}))));
      await buildServer();
      const fromSource = median(timeCommand(['--import', 'tsx', join(ROOT, 'sync-server/cli/main.ts'), ...args], env));
      row(kase, 'from the sources through tsx (bin/rungs.js when a source changed since the build)', ms(fromSource));
      const built = median(timeCommand([join(ROOT, 'bin/rungs.js'), ...args], env));
      row(kase, 'bin/rungs.js after npm run build (the built JavaScript)', ms(built), `< ${GOAL_MS} ms`, built < GOAL_MS);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return rows;
  },
};
