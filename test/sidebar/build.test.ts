/** The sidebar's files in the add-on build, and rules the sidebar's own code keeps. */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { transform } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAddon, SIDEBAR_FILES, SIDEBAR_SOURCE_DIR } from '../../addon/build';

let outDir: string;

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'rungs-sidebar-build-'));
  await writeFile(path.join(outDir, 'Stale.html'), 'left over from an older build');
  await buildAddon({ outDir });
}, 60_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

const source = (name: string) => readFile(path.join(SIDEBAR_SOURCE_DIR, name), 'utf8');
const scriptOf = (html: string) => /<script>([\s\S]*)<\/script>/.exec(html)?.[1] ?? '';

describe('the add-on build', () => {
  it('pushes the sidebar template and its two includes beside Code.js, unchanged, and nothing stale', async () => {
    expect((await readdir(outDir)).sort()).toEqual(['Code.js', 'Sidebar.html', 'SidebarCss.html', 'SidebarJs.html', 'appsscript.json']);
    for (const name of SIDEBAR_FILES) expect(await readFile(path.join(outDir, name), 'utf8'), name).toBe(await source(name));
  });
});

describe('the sidebar source', () => {
  it('is a template that includes its CSS and JS and reads initialPanel escaped', async () => {
    const html = await source('Sidebar.html');
    expect(html).toContain("<?!= include('SidebarCss') ?>");
    expect(html).toContain("<?!= include('SidebarJs') ?>");
    expect(html).toMatch(/data-initial-panel="<\?= initialPanel \?>"/);
    expect(html.indexOf("include('SidebarCss')")).toBeLessThan(html.indexOf('<body>'));
    expect(html.indexOf("include('SidebarJs')")).toBeGreaterThan(html.lastIndexOf('</section>'));
    expect((await source('SidebarCss.html')).trim()).toMatch(/^<style>[\s\S]*<\/style>$/);
    expect((await source('SidebarJs.html')).trim()).toMatch(/^<script>[\s\S]*<\/script>$/);
  });

  it('is plain ES2019: compiling it for ES2019 changes nothing that compiling it for the newest JavaScript keeps', async () => {
    const js = scriptOf(await source('SidebarJs.html'));
    expect(js.length).toBeGreaterThan(1000);
    const [es2019, esnext] = await Promise.all([transform(js, { target: 'es2019', loader: 'js' }), transform(js, { target: 'esnext', loader: 'js' })]);
    expect(es2019.code).toBe(esnext.code);
  });

  it('never builds HTML from text: no innerHTML, outerHTML, insertAdjacentHTML or document.write', async () => {
    const js = scriptOf(await source('SidebarJs.html'));
    expect(js.match(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/g)).toBeNull();
  });
});
