/** Runs a bench task (a TypeScript file) in a child process and gives its last JSON line. */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

export function runTask<T>(file: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<T> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, file), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', fail);
    child.on('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return fail(new Error(`${file} ${args[0] ?? ''} exited with ${code}: ${err.trim().split('\n').slice(-3).join(' ')}`));
      try {
        done(JSON.parse(last) as T);
      } catch {
        fail(new Error(`${file} printed no result: ${out.slice(-200)}`));
      }
    });
  });
}
