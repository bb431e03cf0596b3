import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { textSource } from '../../sync-server/imports/text-source';
import { importRecords } from '../../sync-server/services/records';
import { countRecords } from '../../sync-server/services/records-read';
import { describeEachEngine } from '../storage/engines';
import { completionsCsv } from './generate-records';
import { scaledMini } from './helpers';

const ROWS = 300_000;

function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

// Memory is the point here, and the streaming path is the same on both engines: one engine keeps the suite fast.
describeEachEngine('a large file streams through (F7)', (h) => {
  it(`${ROWS.toLocaleString('en-US')} generated rows import while the live heap stays flat`, async () => {
    const gc = exposeGc();
    const { ctx, modules, employees } = await scaledMini(h, { employees: 6000, modules: 50 });
    gc();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    let bytes = 0;
    // Live objects after each batch (collected first: garbage not yet collected says nothing about what is kept).
    const sample = () => {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    };
    const text = textSource(completionsCsv({ employees, modules, rows: ROWS }), { onBytes: (b) => (bytes = b) });
    const result = await importRecords(ctx, { spreadsheetId: 'mini', kind: 'completions', text, fileName: 'big.csv', actor: 'test', onProgress: sample });
    expect(result).toMatchObject({ imported: true, rows: ROWS, inserted: ROWS, totalFindings: 0 });
    expect(await countRecords(ctx, 'mini')).toEqual({ completions: ROWS, assessments: 0 });
    const grew = peak - baseline;
    // The file is ~15 MB of text (held as parsed rows it would take several times that): what is kept stays well below it.
    expect(bytes).toBeGreaterThan(14_000_000);
    expect(grew).toBeLessThan(bytes / 2);
  }, 120_000);
}, ['sqlite']);
