import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../sync-server/cli/command-registry';
import { bufferIO } from '../../sync-server/cli/io';
import { runCli } from '../../sync-server/cli/run-cli';
import { ROOT } from '../cli/run-rungs';

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    return statSync(path.join(ROOT, rel)).isDirectory() ? filesUnder(rel, keep) : keep(name) ? [rel] : [];
  });
}

/** What people read: the README, every docs page, every example's notes. */
const PAGES = ['README.md', ...filesUnder('docs', (n) => n.endsWith('.md')), ...filesUnder('examples', (n) => n.endsWith('.md'))];

/**
 * Labels that mean something only inside the team: capability numbers (F1..F12), issue numbers, section marks.
 * A cell of a sheet may be called F3: written as code (`F3`) or after its tab (Tracks!F3) it is not a label.
 */
const LABELS = [/(?<![\w!`])F(?:1[0-2]|[1-9])(?![\w`])/g, /\bissues?\s*#?\d+/gi, /(?<![\w&/])#\d{1,4}(?!\w)/g, /§\s*\d/g];

function labelsIn(text: string): string[] {
  return LABELS.flatMap((re) => [...text.matchAll(re)].map((m) => `"${text.slice(Math.max(0, m.index - 30), m.index + m[0].length + 30).replace(/\n/g, ' ')}"`));
}

/** Markdown without its fenced code blocks (commands and sample output are checked where they come from). */
const prose = (markdown: string) => markdown.replace(/```[\s\S]*?```/g, '');

/** Every string and template text of a TypeScript file: where the messages people read are written. */
function stringsOf(file: string): string[] {
  const source = ts.createSourceFile(file, read(file), ts.ScriptTarget.Latest, false);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) out.push(node.text);
    node.forEachChild(visit);
  };
  visit(source);
  return out;
}

describe('what users read carries no internal labels', () => {
  it.each(PAGES)('%s', (page) => {
    expect(labelsIn(prose(read(page)))).toEqual([]);
  });

  it('the scan finds labels where they are (it is not blind)', () => {
    expect(labelsIn('See F8 in issue #14, section §3.')).toHaveLength(4);
    expect(labelsIn('Write 2027-03-31 in `F3`; Tracks!F3 is a cell; F13x, #anchor and color: #202124 are not labels.')).toEqual([]);
  });

  it('the command line help', async () => {
    const help = await (async () => {
      const io = bufferIO();
      await runCli(['--help'], io);
      return io.stdout();
    })();
    const texts = [help, ...Object.values(COMMANDS).flatMap((c) => [c.summary, c.usage])];
    expect(texts.flatMap(labelsIn)).toEqual([]);
  });

  it('messages in the server, the command line, the domain and the add-on', () => {
    const sources = [...filesUnder('sync-server', (n) => n.endsWith('.ts')), ...filesUnder('shared', (n) => n.endsWith('.ts')), ...filesUnder('addon', (n) => n.endsWith('.ts'))];
    expect(sources.length).toBeGreaterThan(100);
    const found = sources.flatMap((file) => stringsOf(file).flatMap(labelsIn).map((hit) => `${file}: ${hit}`));
    const sidebar = filesUnder('addon', (n) => n.endsWith('.html')).flatMap((file) => labelsIn(read(file)).map((hit) => `${file}: ${hit}`));
    expect([...found, ...sidebar]).toEqual([]);
  });
});

describe('the README and the docs pages hold together', () => {
  const readme = read('README.md');
  const docPages = filesUnder('docs', (n) => n.endsWith('.md')).map((f) => path.basename(f)).filter((f) => f !== 'README.md');

  it('the README stays short enough to be read to the end', () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(15 * 1024);
  });

  it('the docs index links every docs page, and the README links the index', () => {
    const index = read('docs/README.md');
    for (const page of docPages) expect(index, `docs/README.md links ${page}`).toContain(`](${page})`);
    expect(readme).toContain('](docs/README.md)');
  });

  it('every relative link points at a file that exists, and every anchor at a heading', () => {
    const slug = (heading: string) => heading.toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, '').trim().replace(/\s/g, '-');
    const anchorsOf = (file: string) => new Set([...read(file).matchAll(/^#+\s+(.*)$/gm)].map((m) => slug(m[1])));
    for (const page of PAGES) {
      for (const [, target] of prose(read(page)).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target) || target.startsWith('/')) continue;
        const [file, anchor] = target.split('#');
        const resolved = file === '' ? page : path.join(path.dirname(page), file);
        expect(() => statSync(path.join(ROOT, resolved)), `${page} -> ${target}`).not.toThrow();
        if (anchor) expect([...anchorsOf(resolved)], `${page} -> ${target}`).toContain(anchor);
      }
    }
  });

  it('every rungs command the pages show exists', () => {
    for (const page of PAGES) {
      // `docker exec rungs ...` names the container, not a command.
      for (const [, name] of read(page).matchAll(/(?<!exec )\brungs (?!-)([a-z][a-z-]*)/g)) {
        if (['help', 'command'].includes(name)) continue;
        expect(Object.keys(COMMANDS), `${page}: rungs ${name}`).toContain(name);
      }
    }
  });
});
