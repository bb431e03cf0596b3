/**
 * CASE import of the largest real CASE package in the repository (Smarter Balanced's Math Content Specification:
 * 585 items, 3,368 associations, 4 MB) against the 2 s goal and against a plain JSON.parse of the same text; then a
 * generated state standard the size of the largest state packages (TEKS English: ~2,300 items), and the CASE export
 * of what the import made. RUNGS_BENCH_QUICK=1 runs each case fewer times.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { importCase } from '../../shared/formats/case';
import { exportFramework, incomingFromText } from '../../sync-server/services/exchange';
import { stateStandard } from '../../test/formats/state-standard';
import { median, ms, timeRuns, type BenchRow, type BenchSuite } from '../lib';

const GOAL_MS = 2000;
const LARGEST_REAL = join(import.meta.dirname, '../../test/fixtures/case/sbac-math-content-spec.json.gz');
const TEKS_SIZED = { grades: ['K', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'], domainsPerGrade: 6, clustersPerDomain: 4, standardsPerCluster: 3, componentsEvery: 2, seed: 5 };

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export const interopSuite: BenchSuite = {
  name: 'interop',
  async run(): Promise<BenchRow[]> {
    const quick = process.env.RUNGS_BENCH_QUICK === '1';
    const runs = quick ? 3 : 9;
    const rows: BenchRow[] = [];
    const row = (kase: string, metric: string, value: string, target?: string, ok?: boolean) => rows.push({ suite: 'interop', case: kase, metric, value, target, ok });

    const cases: [string, string][] = [
      ['CASE import, largest real package (SBAC math, 585 items)', gunzipSync(readFileSync(LARGEST_REAL)).toString('utf8')],
      ['CASE import, generated state standard', JSON.stringify(stateStandard(TEKS_SIZED).pkg)],
    ];
    for (const [kase, text] of cases) {
      const once = importCase(text);
      const errors = once.findings.filter((f) => f.severity === 'error').length;
      row(kase, 'size', `${megabytes(Buffer.byteLength(text))}, ${once.competencies.length + once.groupings.length} items`);
      row(kase, 'error findings', String(errors), '0', errors === 0);
      const parse = median(timeRuns(() => JSON.parse(text), runs, 1));
      const load = median(timeRuns(() => importCase(text), runs, 1));
      row(kase, 'JSON.parse median', ms(parse));
      row(kase, 'import median', ms(load), `< ${GOAL_MS} ms`, load < GOAL_MS);
      row(kase, 'import / 2 s goal', `${(load / GOAL_MS).toFixed(3)}x`, '< 1x', load < GOAL_MS);
      row(kase, 'import / JSON.parse', `${(load / parse).toFixed(1)}x`);
      const workbook = incomingFromText('case', text, 'bench.json').alone;
      const write = median(timeRuns(() => exportFramework(workbook, 'case', { changedAt: '2026-11-23T00:00:00Z', hasSpreadsheetId: true }), runs, 1));
      row(kase, 'export median (CASE 1.1 again)', ms(write));
    }
    return rows;
  },
};
