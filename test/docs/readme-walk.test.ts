import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkbookReports } from '../../shared/reports';
import { computeReports } from '../../sync-server/reports/compute';
import { serviceContext } from '../../sync-server/services/context';
import { openStore } from '../../sync-server/storage/store';
import { ROOT, runProcess, type RunResult } from '../cli/run-rungs';

const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
/** The README's prose with line breaks as spaces, to find a sentence wherever it wraps. */
const PROSE = README.replace(/\s+/g, ' ');
const WALK_HEADING = '## A 10-minute walk';
/** The port the README's walk names; the test runs the same lines against a free port instead. */
const README_PORT = '8787';

/** The walk section of the README: from its heading to the next second-level heading. */
function walkSection(): string {
  const start = README.indexOf(WALK_HEADING);
  expect(start, `README.md has no "${WALK_HEADING}" section`).toBeGreaterThan(-1);
  const end = README.indexOf('\n## ', start + WALK_HEADING.length);
  return README.slice(start, end === -1 ? undefined : end);
}

/** Every command line of the section's ```sh blocks, in order (blank lines and whole-line comments aside). */
function walkCommands(): string[] {
  const blocks = [...walkSection().matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks.flatMap((b) => b.split('\n')).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}

const isServerStart = (line: string) => /^npm start(\s|$)/.test(line);

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
    probe.on('error', fail);
  });
}

async function waitForHealth(base: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}):\n${log()}`);
    const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer /healthz within 90 s:\n${log()}`);
}

interface Step extends RunResult {
  line: string;
  seconds: number;
}

/** The README's walk, line by line as a person pastes it, against the server the walk starts. */
describe('the README walk, from its own text', () => {
  let dataDir: string;
  let envFile: string;
  let server: ChildProcess | undefined;
  let serverLog = '';
  const steps: Step[] = [];
  let reports: WorkbookReports;
  let walkSeconds = 0;

  beforeAll(async () => {
    const lines = walkCommands();
    expect(lines.filter(isServerStart), 'the walk starts the server with npm start, once').toHaveLength(1);
    dataDir = await mkdtemp(path.join(tmpdir(), 'rungs-walk-'));
    envFile = path.join(dataDir, 'walk-env.sh');
    await writeFile(envFile, '');
    const port = await freePort();
    // What the person's shell has: no Rungs variables of its own; the store goes to a temporary folder.
    const env: NodeJS.ProcessEnv = { ...process.env, RUNGS_DATA_DIR: path.join(dataDir, 'store'), PORT: String(port), NO_COLOR: '1' };
    for (const k of ['RUNGS_SERVER', 'RUNGS_TOKEN', 'DATABASE_URL', 'NODE_ENV', 'VITEST', 'VITEST_POOL_ID', 'VITEST_WORKER_ID']) delete env[k];
    const started = performance.now();
    for (const line of lines) {
      if (isServerStart(line)) {
        server = spawn('bash', ['-c', line], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
        server.stdout!.on('data', (d: Buffer) => (serverLog += d.toString()));
        server.stderr!.on('data', (d: Buffer) => (serverLog += d.toString()));
        await waitForHealth(`http://127.0.0.1:${port}`, server, () => serverLog);
        continue;
      }
      const command = line.replaceAll(`127.0.0.1:${README_PORT}`, `127.0.0.1:${port}`);
      // Each line in a fresh shell that starts from what the lines before it exported, as one terminal would.
      const script = `source "${envFile}"\n${command}\nrc=$?\nexport -p > "${envFile}"\nexit $rc`;
      const t0 = performance.now();
      const result = await runProcess('bash', ['-c', script], ROOT, env);
      steps.push({ line, ...result, seconds: (performance.now() - t0) / 1000 });
      if (result.code !== 0) break;
    }
    walkSeconds = (performance.now() - started) / 1000;
    console.log(`README walk: ${steps.length} commands in ${walkSeconds.toFixed(1)} s (server start included)\n${steps.map((s) => `  ${s.seconds.toFixed(1)} s  ${s.line}`).join('\n')}`);
  }, 300_000);

  afterAll(async () => {
    if (server?.pid && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      process.kill(-server.pid, 'SIGTERM');
      await exited;
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('has every step: token, connect, draft and publish, the three record files, refresh and show', () => {
    const text = walkCommands().join('\n');
    for (const step of [
      /rungs token create --role admin/, /rungs connect examples\/acme/, /rungs draft examples\/acme/, /rungs publish examples\/acme/,
      /import examples\/acme-records\/employees\.csv --records employees/, /import examples\/acme-records\/completions\.csv --records completions/,
      /import examples\/acme-records\/assessments\.csv --records assessments/, /rungs reports refresh/, /rungs reports show/,
    ]) expect(text).toMatch(step);
    expect(text, 'the walk talks to the server it starts').toContain(`127.0.0.1:${README_PORT}`);
  });

  it('every line succeeds', () => {
    expect(steps.length).toBe(walkCommands().filter((l) => !isServerStart(l)).length);
    for (const s of steps) expect(s.code, `${s.line}\nstdout: ${s.stdout}\nstderr: ${s.stderr}`).toBe(0);
  });

  it('each step says what it did', async () => {
    const out = (pattern: RegExp) => steps.find((s) => pattern.test(s.line))!;
    expect(await readFile(envFile, 'utf8')).toMatch(/RUNGS_TOKEN="rungs_[A-Za-z0-9_-]{20,}"/);
    expect(out(/rungs connect/).stdout).toContain('Connected workbook acme');
    expect(out(/rungs draft/).stdout).toMatch(/CS Customer Success: draft \d+ saved \(no findings\)/);
    expect(out(/rungs publish/).stdout.match(/published as version 1/g)).toHaveLength(3);
    expect(out(/--records employees/).stdout).toContain('Imported 25 employees rows');
    expect(out(/--records completions/).stdout).toContain('Imported 316 completions rows');
    expect(out(/--records assessments/).stdout).toContain('Imported 625 assessments rows');
    const rows = (file: string) => readFileSync(path.join(ROOT, 'examples', 'acme-records', file), 'utf8').trim().split('\n').length - 1;
    expect(PROSE).toContain(`(${rows('employees.csv')} employees, ${rows('completions.csv')} module completions, ${rows('assessments.csv')} rubric scores)`);
    expect(out(/reports refresh/).stdout).toContain('Reports refreshed: 12 tabs (3 Active tracks, 8 Team tabs) from 316 completions and 625 assessments');
  });

  it('the reports it prints have every section filled, and say what the README says they say', () => {
    const overview = steps.find((s) => /reports show/.test(s.line) && !/--track/.test(s.line))!.stdout;
    const track = steps.find((s) => /reports show .*--track ENG-IC/.test(s.line))!.stdout;
    expect(overview).toMatch(/ENG-IC\s+Software Engineering\s+10\s+3\s+30%/);
    expect(overview).toMatch(/ENG-MGR\s+Engineering Management\s+5\s+4\s+80%/);
    expect(overview).toMatch(/CS\s+Customer Success\s+10\s+6\s+60%/);
    expect(overview).toMatch(/All tracks\s+pooled\s+25\s+13\s+52%/);
    expect(PROSE).toContain('(80%, 60% and 30% of learners completed their whole path: a pooled 52% hides both ends)');
    for (const empty of ['No step loses learners yet', 'No assessments yet', 'no usable rubric', 'No competency has', 'No employee placed on this track has a gap']) {
      expect(track).not.toContain(empty);
    }
    expect(track).toMatch(/13\s+MOD-ENG-07\s+On-call readiness.*57%\s+WORST/);
    expect(track).toMatch(/ASR-OKONJO\s+evaluator.*lenient/);
    expect(track).toMatch(/ASR-BRANDT\s+evaluator.*harsh/);
    expect(track).toMatch(/Skill gaps peers flag most[\s\S]*?ENG-DOC\s+Technical documentation/);
  });

  it('the store behind it holds reports of every kind for every track', async () => {
    const store = await openStore({ engine: 'sqlite', dataDir: path.join(dataDir, 'store') });
    try {
      reports = await computeReports(serviceContext(store), 'acme');
    } finally {
      await store.close();
    }
    expect(reports.tracks.map((t) => t.trackId).sort()).toEqual(['CS', 'ENG-IC', 'ENG-MGR']);
    for (const r of reports.tracks) {
      const s = r.summary;
      expect(s.completionRate, r.trackId).toBeGreaterThan(0);
      expect(s.completionRate, r.trackId).toBeLessThan(1);
      expect(r.worstModule?.dropOff, r.trackId).toBeGreaterThan(0);
      for (const d of r.dimensions) {
        expect(d.scores?.n, `${r.trackId} ${d.dimension}`).toBeGreaterThan(0);
        expect(d.passRate, `${r.trackId} ${d.dimension}`).not.toBeNull();
      }
      expect(s.passRate, r.trackId).toBeGreaterThan(0);
      expect(s.passRate, r.trackId).toBeLessThan(1);
      expect(s.agreementRate, r.trackId).toBeGreaterThan(0);
      expect(r.evaluators.filter((e) => e.flag === 'lenient'), r.trackId).toHaveLength(1);
      expect(r.evaluators.filter((e) => e.flag === 'harsh'), r.trackId).toHaveLength(1);
      expect(r.skillGaps.length, r.trackId).toBeGreaterThan(0);
      expect(r.employeeGaps.length, r.trackId).toBeGreaterThan(0);
    }
    const eng = reports.tracks.find((t) => t.trackId === 'ENG-IC')!;
    const lenient = eng.evaluators.find((e) => e.flag === 'lenient')!;
    const harsh = eng.evaluators.find((e) => e.flag === 'harsh')!;
    const one = (x: number) => Math.abs(x).toFixed(1);
    expect(PROSE).toContain(`\`${lenient.evaluatorId}\` scores about ${one(lenient.meanOffset!)} points above`);
    expect(PROSE).toContain(`\`${harsh.evaluatorId}\` about ${one(harsh.meanOffset!)} below`);
    expect(PROSE).toContain(`peers flag *${eng.skillGaps[0].competencyName}* most often`);
  });

  it('examples/README.md describes the sample records and their reports as they are', () => {
    const examples = readFileSync(path.join(ROOT, 'examples', 'README.md'), 'utf8');
    const pct = (x: number | null) => `${Math.round((x ?? NaN) * 100)}%`;
    const cols = ['ENG-IC', 'ENG-MGR', 'CS'].map((id) => reports.tracks.find((t) => t.trackId === id)!);
    const row = (label: string, cell: (r: (typeof cols)[number]) => string) => `| ${label} | ${cols.map(cell).join(' | ')} |`;
    const flagged = (r: (typeof cols)[number], flag: 'lenient' | 'harsh') => r.evaluators.find((e) => e.flag === flag)!.evaluatorId;
    for (const expected of [
      row('completion of the whole path', (r) => `${r.summary.completedPath} of ${r.summary.enrolled} (${pct(r.summary.completionRate)})`),
      row('worst module of the funnel (drop-off)', (r) => `\`${r.worstModule!.moduleId}\` (${pct(r.worstModule!.dropOff)})`),
      row('pass rate (weighted rubric score >= pass threshold)', (r) => pct(r.summary.passRate)),
      row('lenient / harsh assessor', (r) => `\`${flagged(r, 'lenient')}\` / \`${flagged(r, 'harsh')}\``),
      row('competency peers flag most', (r) => `\`${r.skillGaps[0].competencyId}\` ${r.skillGaps[0].competencyName}`),
      row('employees with gaps at their level', (r) => String(r.summary.employeesWithGaps)),
    ]) expect(examples).toContain(expected);
    for (const file of ['employees.csv', 'completions.csv', 'assessments.csv']) {
      const rows = readFileSync(path.join(ROOT, 'examples', 'acme-records', file), 'utf8').trim().split('\n').length - 1;
      expect(examples).toMatch(new RegExp(`\\| \`${file.replace('.', '\\.')}\` \\| ${rows} \\|`));
    }
    const completed = cols.reduce((n, r) => n + r.summary.completedPath, 0) / cols.reduce((n, r) => n + r.summary.enrolled, 0);
    expect(examples.replace(/\s+/g, ' ')).toContain(`${pct(completed)} completion pooled, between 30% and 80%`);
  });
});
