/**
 * `npx tsx bench/tools/cpuprofile-summary.ts <file.cpuprofile> [top] [filter] [skip-ms]`: what a `node --cpu-prof` profile
 * spent its time on: self time by function (and by file), and inclusive time of the functions matching `filter`.
 * Used to profile the server under the benches' load (docs/performance.md).
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg, filter, skipArg] = process.argv.slice(2);
/** Samples of the first `skip` milliseconds (start-up, warm-up) are left out. */
const skip = Number(skipArg ?? 0) * 1000;
const top = Number(topArg ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map<number, number>();
let total = 0;
let clock = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  clock += dt;
  if (clock < skip) return;
  self.set(id, (self.get(id) ?? 0) + dt);
  total += dt;
});
const name = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(node_modules\/|perf\/)/, '')}:${n.callFrame.lineNumber + 1}`;
const fileOf = (n: Node) => n.callFrame.url.replace(/^.*\/(node_modules\/|perf\/)/, '') || n.callFrame.functionName;
const pct = (x: number) => `${((100 * x) / total).toFixed(1)}%`;

function table(title: string, m: Map<string, number>): void {
  console.log(`\n${title}`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(v).padStart(6)}  ${(v / 1000).toFixed(0).padStart(7)} ms  ${k}`);
}

const selfByName = new Map<string, number>();
const selfByFile = new Map<string, number>();
for (const [id, t] of self) {
  const n = byId.get(id)!;
  selfByName.set(name(n), (selfByName.get(name(n)) ?? 0) + t);
  selfByFile.set(fileOf(n), (selfByFile.get(fileOf(n)) ?? 0) + t);
}
console.log(`total ${(total / 1000).toFixed(0)} ms sampled`);
table('self time by function', selfByName);
table('self time by file', selfByFile);

// Inclusive: a sample counts once for every distinct matching function on its stack.
const inclusive = new Map<string, number>();
if (filter) {
  const re = new RegExp(filter);
  for (const [id, t] of self) {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = name(byId.get(cur)!);
      if (re.test(k) && !seen.has(k)) {
        seen.add(k);
        inclusive.set(k, (inclusive.get(k) ?? 0) + t);
      }
    }
  }
  table(`inclusive time of functions matching /${filter}/`, inclusive);
}
