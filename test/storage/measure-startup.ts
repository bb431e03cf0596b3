/** Child of measure.ts: opens the embedded store in argv[2] and prints import/open times and RSS as JSON. */
import { performance } from 'node:perf_hooks';

const baseRss = process.memoryUsage().rss;
const t0 = performance.now();
const { openStore } = await import('../../sync-server/storage/store');
const t1 = performance.now();
const store = await openStore({ engine: 'sqlite', dataDir: process.argv[2] });
const t2 = performance.now();
await store.db.selectFrom('tracks').selectAll().execute();
const rss = process.memoryUsage().rss;
await store.close();
console.log(JSON.stringify({ importMs: t1 - t0, openMs: t2 - t1, rss, baseRss }));
