/**
 * Validation of the product-scale workbook (50 tracks x 10 levels, 3,000 competencies, 150,000 matrix cells, 2,000
 * positions, 1,000 modules): JSON.parse of the snapshot as the yardstick, parsing alone, then full validation.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseWorkbook } from '../../shared/parse/workbook';
import type { WorkbookSnapshot } from '../../shared/snapshot';
import { validateSnapshot } from '../../shared/validate/index';
import { generateWorkbook } from '../../test/support/generate-workbook';
import { median, ms, timeRuns, type BenchRow, type BenchSuite } from '../lib';

const TODAY = '2026-11-23';
const RUNS = 11;
const WARMUP = 2;
const TARGET_MS = 250;
const TARGET_RATIO = 4;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A way to collect garbage between measurements without asking the caller for --expose-gc. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

export const validateSuite: BenchSuite = {
  name: 'validate',
  async run(): Promise<BenchRow[]> {
    const gc = exposeGc();
    const rows: BenchRow[] = [];
    const row = (kase: string, metric: string, value: string, target?: string, ok?: boolean) =>
      rows.push({ suite: 'validate', case: kase, metric, value, target, ok });

    const t0 = performance.now();
    const generated = generateWorkbook();
    row('product scale', 'generate', ms(performance.now() - t0));
    const text = JSON.stringify(generated);
    row('product scale', 'snapshot JSON size', megabytes(Buffer.byteLength(text)));

    const jsonParse = timeRuns(() => JSON.parse(text), RUNS, WARMUP);
    row('JSON.parse', 'median', ms(median(jsonParse)));
    row('JSON.parse', 'p-max', ms(Math.max(...jsonParse)));

    const snapshot = JSON.parse(text) as WorkbookSnapshot;
    const parseOnly = timeRuns(() => parseWorkbook(snapshot), RUNS, WARMUP);
    row('parseWorkbook', 'median', ms(median(parseOnly)));
    row('parseWorkbook', 'p-max', ms(Math.max(...parseOnly)));

    const options = { today: TODAY };
    const validate = timeRuns(() => validateSnapshot(snapshot, options), RUNS, WARMUP);
    const validateMedian = median(validate);
    const ratio = validateMedian / median(jsonParse);
    row('validateSnapshot', 'median', ms(validateMedian), `< ${TARGET_MS} ms`, validateMedian < TARGET_MS);
    row('validateSnapshot', 'p-max', ms(Math.max(...validate)));
    row('validateSnapshot', 'validate / JSON.parse', `${ratio.toFixed(2)}x`, `< ${TARGET_RATIO}x`, ratio < TARGET_RATIO);

    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const findings = validateSnapshot(snapshot, options);
    const heapDelta = process.memoryUsage().heapUsed - heapBefore;
    row('validateSnapshot', 'findings', String(findings.length), '0', findings.length === 0);
    // A lower bound of what one run allocates: young-generation collections during the run are not counted.
    row('validateSnapshot', 'heap used delta (one run, no GC)', megabytes(heapDelta));
    row('process', 'peak RSS (maxRSS, whole bench)', megabytes(process.resourceUsage().maxRSS * 1024));
    return rows;
  },
};
