/** Shared shape of benchmark suites: `npm run bench` runs every suite in bench/suites/index.ts and prints one table. */

export interface BenchRow {
  suite: string;
  case: string;
  metric: string;
  value: string;
  /** The goal, in words, e.g. "< 250 ms" or ">= 50% of bare Hono". */
  target?: string;
  /** Whether the goal was met; undefined when there is no goal. */
  ok?: boolean;
}

/** How big a run is: quick (the default, a few minutes on 2 cores) or full (product scale). */
export interface BenchOptions {
  full: boolean;
}

export interface BenchSuite {
  name: string;
  run(options: BenchOptions): Promise<BenchRow[]>;
}

/** Rows of one suite: `row(case, metric, value, target?, ok?)`. */
export function rowsOf(suite: string): { rows: BenchRow[]; row: (kase: string, metric: string, value: string, target?: string, ok?: boolean) => void } {
  const rows: BenchRow[] = [];
  return { rows, row: (kase, metric, value, target, ok) => rows.push({ suite, case: kase, metric, value, target, ok }) };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The q-quantile (0..1) of values. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))];
}

/** Runs fn `runs` times after `warmup` runs and gives each run's milliseconds. */
export function timeRuns(fn: () => unknown, runs: number, warmup = 1): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/** CPU milliseconds (user + system) of this process so far. */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export const ms = (x: number) => `${x.toFixed(1)} ms`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
export const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
export const count = (n: number) => Math.round(n).toLocaleString('en-US');
