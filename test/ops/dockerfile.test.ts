/**
 * These machines have no container daemon, so this test builds the Dockerfile's production layout outside a
 * container: every stage gets a directory standing for its filesystem, COPY copies (a source that does not exist
 * fails the test), RUN steps run for real or are checked by what they stand for, and the runtime stage's CMD is
 * started with its ENV. It ends with the image's HEALTHCHECK passing against /readyz and a SIGTERM exit 0.
 * Steps it substitutes: `apt-get` (the image's own system packages), `npm ci` (no network: the
 * project's node_modules, installed from the same lockfile, is linked in), `npm prune --omit=dev` (cannot prune a
 * shared install: checked instead that everything the built server imports is a production dependency).
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, expect, test } from 'vitest';
import { ROOT, runProcess } from '../cli/run-rungs';

interface Instruction { op: string; args: string }
interface Stage { name: string; from: string; steps: Instruction[] }

/** Instructions by stage; continuation lines joined, comments dropped. */
export function parseDockerfile(text: string): Stage[] {
  const logical: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (pending === '' && (line.trim() === '' || line.trimStart().startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      pending += line.slice(0, -1) + ' ';
      continue;
    }
    logical.push((pending + line).trim());
    pending = '';
  }
  const stages: Stage[] = [];
  for (const l of logical) {
    const [, op, args] = /^(\w+)\s+(.*)$/s.exec(l) ?? [];
    if (!op) throw new Error(`unreadable Dockerfile line: ${l}`);
    if (op.toUpperCase() === 'FROM') {
      const [, from, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args.trim()) ?? [];
      stages.push({ name: name ?? String(stages.length), from, steps: [] });
    } else {
      const stage = stages.at(-1);
      if (!stage) throw new Error(`${op} before FROM`);
      stage.steps.push({ op: op.toUpperCase(), args: args.trim() });
    }
  }
  return stages;
}

const DOCKERFILE = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const stages = parseDockerfile(DOCKERFILE);
const runtime = stages.at(-1)!;
const step = (s: Stage, op: string) => s.steps.filter((i) => i.op === op);
const envOf = (s: Stage) => Object.fromEntries(step(s, 'ENV').flatMap((i) => [...i.args.matchAll(/(\w+)=("[^"]*"|\S+)/g)].map((m) => [m[1], m[2].replace(/^"|"$/g, '')])));
const jsonArray = (text: string) => JSON.parse(text) as string[];

let work: string | undefined;
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

test('the Dockerfile: multi-stage on Node 20 slim, non-root, a data volume, HOST=0.0.0.0, a HEALTHCHECK on /readyz', () => {
  expect(stages.length).toBeGreaterThanOrEqual(2);
  for (const s of stages) expect(s.from).toMatch(/^node:20[\w.-]*-slim$/);
  const env = envOf(runtime);
  expect(env).toMatchObject({ HOST: '0.0.0.0', NODE_ENV: 'production' });
  const user = step(runtime, 'USER').at(-1)?.args;
  expect(user).toBeDefined();
  expect(['root', '0']).not.toContain(user);
  expect(step(runtime, 'VOLUME').map((v) => v.args).join(' ')).toContain(env.RUNGS_DATA_DIR);
  expect(step(runtime, 'EXPOSE').map((v) => v.args)).toContain(env.PORT);
  const health = step(runtime, 'HEALTHCHECK')[0]?.args ?? '';
  expect(health).toMatch(/CMD\s+\[/);
  expect(health).toContain('/readyz');
  expect(jsonArray(step(runtime, 'CMD')[0].args)[0]).toBe('node');
  // The build context leaves out local stores, installs and secrets.
  const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
  expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.data', '.git', 'dist']));
});

test('compose.yaml: PostgreSQL 15 with a named volume, the server built from this Dockerfile and pointed at it', () => {
  const compose = readFileSync(join(ROOT, 'compose.yaml'), 'utf8');
  expect(compose).toMatch(/^\s+image: postgres:15\s*$/m);
  const volume = /^\s+- (\w+):\/var\/lib\/postgresql\/data\s*$/m.exec(compose)?.[1];
  expect(volume).toBeDefined();
  expect(compose).toMatch(new RegExp(`^volumes:\\s*\\n\\s+${volume}:`, 'm'));
  expect(compose).toMatch(/^\s+build: \.\s*$/m);
  expect(compose).toMatch(/DATABASE_URL: postgres:\/\/\w+:\S+@db:5432\/\w+/);
  expect(compose).toMatch(/condition: service_healthy/);
});

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((done) => s.listen(0, '127.0.0.1', done));
  const { port } = s.address() as net.AddressInfo;
  await new Promise<void>((done) => s.close(() => done()));
  return port;
}

/** Bare package names a built file imports (node: built-ins aside). */
function importedPackages(code: string): Set<string> {
  const out = new Set<string>();
  for (const m of code.matchAll(/(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s*['"]([^'"]+)['"]/gm)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec.startsWith('.') || spec.startsWith('node:') || builtinModules.includes(spec)) continue;
    out.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
  }
  return out;
}

test('the Dockerfile builds and starts outside a container: /readyz passes the HEALTHCHECK, a token is made with the built CLI, SIGTERM exits 0', async () => {
  work = await mkdtemp(join(tmpdir(), 'rungs-image-'));
  const roots = new Map<string, string>();
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  let running: { env: Record<string, string>; cwd: string; root: string } | undefined;

  for (const stage of stages) {
    const root = join(work, stage.name);
    roots.set(stage.name, root);
    await mkdir(root, { recursive: true });
    const inStage = (p: string, cwd: string) => join(root, isAbsolute(p) ? p : join(cwd, p));
    let cwd = '/';
    for (const { op, args } of stage.steps) {
      if (op === 'WORKDIR') {
        cwd = resolve(cwd, args);
        await mkdir(inStage(cwd, '/'), { recursive: true });
      } else if (op === 'COPY') {
        const words = args.split(/\s+/);
        const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
        const [dest, ...sources] = words.filter((w) => !w.startsWith('--')).reverse();
        for (const src of sources.reverse()) {
          expect(src, 'COPY with a wildcard').not.toMatch(/[*?]/);
          const source = from ? join(roots.get(from) ?? '', src) : join(ROOT, src);
          expect(existsSync(source), `COPY ${from ? `--from=${from} ` : ''}${src}: no such file`).toBe(true);
          const target = dest.endsWith('/') ? join(inStage(dest, cwd), basename(src)) : inStage(dest, cwd);
          await mkdir(dirname(target), { recursive: true });
          await cp(source, target, { recursive: true, verbatimSymlinks: true });
        }
      } else if (op === 'RUN') {
        const app = inStage(cwd, '/');
        if (/^apt-get update && apt-get install -y --no-install-recommends [\w+.\s-]+&& rm -rf \/var\/lib\/apt\/lists\/\*$/.test(args)) {
          // The image's system packages (better-sqlite3's toolchain): nothing to do outside a container.
        } else if (args === 'npm ci') {
          expect(await readFile(join(app, 'package-lock.json'), 'utf8')).toBe(await readFile(join(ROOT, 'package-lock.json'), 'utf8'));
          await symlink(join(ROOT, 'node_modules'), join(app, 'node_modules'), 'dir');
        } else if (args === 'npm prune --omit=dev') {
          const built = join(app, 'dist/server');
          const imported = new Set<string>();
          for (const file of (await readdir(built)).filter((f) => f.endsWith('.js'))) {
            for (const name of importedPackages(await readFile(join(built, file), 'utf8'))) imported.add(name);
          }
          expect([...imported]).toEqual(expect.arrayContaining(['better-sqlite3', 'pg', 'hono']));
          for (const name of imported) expect(Object.keys(pkg.dependencies), `the built server imports ${name}`).toContain(name);
        } else if (/^npm run [\w:]+$/.test(args)) {
          const r = await runProcess('npm', args.split(' ').slice(1), app);
          expect(r.code, `${args}: ${r.stderr}`).toBe(0);
        } else if (/^mkdir -p (\S+) && chown (\S+) \1$/.test(args)) {
          const [, dir, owner] = /^mkdir -p (\S+) && chown (\S+) \1$/.exec(args)!;
          await mkdir(inStage(dir, cwd), { recursive: true });
          expect(owner.split(':')[0]).toBe(step(stage, 'USER').at(-1)?.args);
        } else {
          throw new Error(`The Dockerfile has a RUN step this test does not know how to check: "${args}". Teach test/ops/dockerfile.test.ts what it does.`);
        }
      }
    }
    running = { env: envOf(stage), cwd: inStage(cwd, '/'), root };
  }

  // The runtime stage as `docker run` starts it: its ENV, its data volume (inside the stage's directory), its CMD.
  const { env: imageEnv, cwd, root } = running!;
  const port = await freePort();
  const env = { ...process.env, ...imageEnv, PORT: String(port), RUNGS_DATA_DIR: join(root, imageEnv.RUNGS_DATA_DIR), DATABASE_URL: '' };
  const [command, ...args] = jsonArray(step(runtime, 'CMD')[0].args);
  const child = spawn(command === 'node' ? process.execPath : command, args, { cwd, env });
  try {
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const listening = new Promise<{ address: string; storage: string }>((done) => {
      createInterface({ input: child.stdout }).on('line', (text) => {
        const line = JSON.parse(text) as { msg: string; address: string; storage: string };
        if (line.msg === 'listening') done(line);
      });
    });
    const listened = await Promise.race([listening, exited.then(() => { throw new Error(`the built server exited: ${stderr}`); })]);
    expect(listened.address).toBe('0.0.0.0');
    expect(listened.storage).toContain(join(root, imageEnv.RUNGS_DATA_DIR));

    const health = step(runtime, 'HEALTHCHECK')[0].args;
    const [probe, ...probeArgs] = jsonArray(health.slice(health.indexOf('[')));
    const checked = await runProcess(probe === 'node' ? process.execPath : probe, probeArgs, cwd, env);
    expect(checked.code, checked.stderr).toBe(0);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);

    // The first admin token, as docs/deploy.md says, with the CLI built into the image.
    const made = await runProcess(process.execPath, ['dist/server/rungs.js', 'token', 'create', '--role', 'admin', '--label', 'Image test'], cwd, env);
    expect(made.code, made.stderr).toBe(0);
    const listed = await fetch(`http://127.0.0.1:${port}/v1/workbooks`, {
      method: 'POST', headers: { authorization: `Bearer ${made.stdout.trim()}`, 'content-type': 'application/json' }, body: JSON.stringify({ spreadsheetId: 'img', name: 'Image' }),
    });
    expect(listed.status).toBe(200);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}, 120_000);
