/**
 * The built add-on in a vm context with only JavaScript built-ins and the fake Apps Script services.
 * Each test file builds into its own temporary directory: files run in parallel and must not share dist/addon.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { buildAddon } from '../../addon/build';
import { createFakeGas, type FakeGas } from '../fakes/index';

export async function buildBundleSource(): Promise<string> {
  const outDir = await mkdtemp(path.join(tmpdir(), 'rungs-addon-'));
  const { codePath } = await buildAddon({ outDir });
  return readFile(codePath, 'utf8');
}

export interface Bundle {
  gas: FakeGas;
  /** The entry points, as Apps Script calls them. */
  call(name: string): unknown;
}

export function runBundle(source: string, gas: FakeGas = createFakeGas()): Bundle {
  const context = vm.createContext({ ...gas.globals });
  vm.runInContext(source, context, { filename: 'Code.js' });
  return {
    gas,
    call(name) {
      const fn = context[name] as unknown;
      if (typeof fn !== 'function') throw new Error(`the bundle has no function ${name}`);
      return (fn as () => unknown)();
    },
  };
}
