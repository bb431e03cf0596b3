/**
 * HtmlService: files are read from the built add-on's folder (`<name>.html`, as clasp pushes them); templates are
 * compiled like Apps Script's: `<?= expr ?>` prints escaped, `<?!= expr ?>` prints raw, `<? code ?>` runs. The
 * scriptlets run in the add-on's own context (the vm the bundle runs in), so `include('SidebarCss')` calls the
 * bundle's global `include`, and the template's own properties (`template.initialPanel = ...`) are in scope.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import type { CallLog } from './calls';
import { GasException } from './calls';
import type { Faked } from './types';

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);
}

/** The template as a script: a function of the template's data that returns the page. */
export function compileTemplate(source: string): string {
  const parts: string[] = [];
  const re = /<\?(!=|=)?([\s\S]*?)\?>/g;
  let last = 0;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    parts.push(`__out.push(${JSON.stringify(source.slice(last, m.index))});`);
    if (m[1] === '=') parts.push(`__out.push(__escape(${m[2].trim()}));`);
    else if (m[1] === '!=') parts.push(`__out.push(String(${m[2].trim()}));`);
    else parts.push(m[2]);
    last = re.lastIndex;
  }
  parts.push(`__out.push(${JSON.stringify(source.slice(last))});`);
  // Sloppy-mode `with`, as Apps Script's own template code: the template's properties read as variables.
  return `(function (__data, __escape) { var __out = []; with (__data) { ${parts.join('\n')} } return __out.join(''); })`;
}

export class FakeHtmlOutput implements Faked<GoogleAppsScript.HTML.HtmlOutput, 'getContent' | 'setContent' | 'append' | 'getTitle' | 'setTitle' | 'getWidth' | 'setWidth'> {
  title = '';
  width = 300;

  constructor(
    private readonly log: CallLog,
    public content: string,
  ) {}

  getContent(): string {
    this.log.hit('HtmlOutput.getContent');
    return this.content;
  }

  setContent(content: string): FakeHtmlOutput {
    this.log.hit('HtmlOutput.setContent');
    this.content = content;
    return this;
  }

  append(addedContent: string): FakeHtmlOutput {
    this.log.hit('HtmlOutput.append');
    this.content += addedContent;
    return this;
  }

  getTitle(): string {
    this.log.hit('HtmlOutput.getTitle');
    return this.title;
  }

  setTitle(title: string): FakeHtmlOutput {
    this.log.hit('HtmlOutput.setTitle');
    this.title = title;
    return this;
  }

  getWidth(): number {
    this.log.hit('HtmlOutput.getWidth');
    return this.width;
  }

  setWidth(width: number): FakeHtmlOutput {
    this.log.hit('HtmlOutput.setWidth');
    this.width = width;
    return this;
  }
}

export class FakeHtmlTemplate implements Faked<GoogleAppsScript.HTML.HtmlTemplate, 'evaluate' | 'getRawContent'> {
  [property: string]: unknown;

  constructor(
    private readonly service: FakeHtmlService,
    private readonly source: string,
  ) {}

  getRawContent(): string {
    this.service.log.hit('HtmlTemplate.getRawContent');
    return this.source;
  }

  /** Runs the scriptlets in the add-on's context with this template's own properties in scope. */
  evaluate(): FakeHtmlOutput {
    this.service.log.hit('HtmlTemplate.evaluate');
    const data: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this)) if (k !== 'service' && k !== 'source') data[k] = v;
    const fn = this.service.run(compileTemplate(this.source)) as (data: object, escape: (v: unknown) => string) => string;
    return new FakeHtmlOutput(this.service.log, fn(data, escapeHtml));
  }
}

export class FakeHtmlService
  implements Faked<GoogleAppsScript.HTML.HtmlService, 'createHtmlOutput' | 'createHtmlOutputFromFile' | 'createTemplate' | 'createTemplateFromFile'>
{
  /** The folder holding the project's .html files (the add-on's build output). */
  filesDir: string | null = null;
  /** The context the add-on runs in: scriptlets run there. */
  context: vm.Context | null = null;

  constructor(readonly log: CallLog) {}

  run(code: string): unknown {
    if (this.context) return vm.runInContext(code, this.context);
    return vm.runInThisContext(code);
  }

  private read(filename: string): string {
    if (!this.filesDir) throw new Error('fake HtmlService: set filesDir to the built add-on folder first');
    const name = filename.replace(/\.html$/, '');
    try {
      return readFileSync(path.join(this.filesDir, `${name}.html`), 'utf8');
    } catch {
      throw new GasException(`No HTML file named ${name} was found.`);
    }
  }

  createHtmlOutput(html: string = ''): FakeHtmlOutput {
    this.log.hit('HtmlService.createHtmlOutput');
    return new FakeHtmlOutput(this.log, html);
  }

  createHtmlOutputFromFile(filename: string): FakeHtmlOutput {
    this.log.hit('HtmlService.createHtmlOutputFromFile');
    return new FakeHtmlOutput(this.log, this.read(filename));
  }

  createTemplate(html: string): FakeHtmlTemplate {
    this.log.hit('HtmlService.createTemplate');
    return new FakeHtmlTemplate(this, html);
  }

  createTemplateFromFile(filename: string): FakeHtmlTemplate {
    this.log.hit('HtmlService.createTemplateFromFile');
    return new FakeHtmlTemplate(this, this.read(filename));
  }
}
