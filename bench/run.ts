/**
 * `npm run bench [-- --full] [-- name ...]`: runs every suite of bench/suites/index.ts (or those whose name contains
 * one of the arguments) and prints one aligned table, then a one-line machine summary. Quick by default (a few
 * minutes on 2 cores, smaller files and shorter loads); --full runs at product scale (5,000,000 learner records,
 * 1,000 requests of the 10 MB workbook: about half an hour on 2 cores). Every figure with a goal is a ratio against
 * a baseline measured in the same run, or an absolute time where the goal is one.
 */
import { cpus } from 'node:os';
import type { BenchRow, BenchSuite } from './lib';
import { suites } from './suites/index';

const COLUMNS = ['suite', 'case', 'metric', 'value', 'target', 'ok'] as const;

function select(all: BenchSuite[], filters: string[]): BenchSuite[] {
  if (filters.length === 0) return all;
  return all.filter((s) => filters.some((f) => s.name.toLowerCase().includes(f.toLowerCase())));
}

function cells(r: BenchRow): string[] {
  return [r.suite, r.case, r.metric, r.value, r.target ?? '', r.ok === undefined ? '' : r.ok ? 'yes' : 'NO'];
}

function table(rows: BenchRow[]): string {
  const grid = [[...COLUMNS], ...rows.map(cells)];
  const widths = COLUMNS.map((_, c) => Math.max(...grid.map((line) => line[c].length)));
  const line = (values: string[]) => values.map((v, c) => v.padEnd(widths[c])).join(' | ').trimEnd();
  return [line(grid[0]), widths.map((w) => '-'.repeat(w)).join('-|-'), ...grid.slice(1).map(line)].join('\n');
}

function machineSummary(rows: BenchRow[], mode: string, seconds: number): string {
  const cpu = cpus();
  const judged = rows.filter((r) => r.ok !== undefined);
  const met = judged.filter((r) => r.ok).length;
  return `machine: cpus=${cpu.length} model="${cpu[0]?.model.trim() ?? 'unknown'}" node=${process.version} platform=${process.platform}-${process.arch} mode=${mode} took=${seconds.toFixed(0)}s targets-met=${met}/${judged.length}`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const full = args.includes('--full');
  const filters = args.filter((a) => !a.startsWith('-'));
  const chosen = select(suites, filters);
  if (chosen.length === 0) {
    console.error(`No bench suite matches ${filters.join(', ')}. Suites: ${suites.map((s) => s.name).join(', ')}.`);
    process.exitCode = 2;
    return;
  }
  const started = performance.now();
  const rows: BenchRow[] = [];
  for (const suite of chosen) {
    const t0 = performance.now();
    process.stderr.write(`bench: ${suite.name}...`);
    try {
      rows.push(...(await suite.run({ full })));
    } catch (err) {
      rows.push({ suite: suite.name, case: 'suite', metric: 'crashed', value: err instanceof Error ? err.message : String(err), ok: false });
      process.exitCode = 1;
    }
    process.stderr.write(` ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  }
  console.log(table(rows));
  console.log(machineSummary(rows, full ? 'full' : 'quick', (performance.now() - started) / 1000));
}

await main();
