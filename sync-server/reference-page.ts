import type { OpenAPIHono } from '@hono/zod-openapi';

type OpenAPIObject = ReturnType<OpenAPIHono['getOpenAPI31Document']>;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** A self-contained, readable page of the OpenAPI document: no scripts, nothing fetched from elsewhere. */
export function renderReference(doc: OpenAPIObject): string {
  const operations: string[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const responses = Object.entries(op.responses ?? {})
        .map(([status, r]) => `<li><code>${escapeHtml(status)}</code> ${escapeHtml(typeof r === 'object' && r && 'description' in r ? String(r.description) : '')}</li>`)
        .join('');
      operations.push(
        `<section><h2><code>${method.toUpperCase()} ${escapeHtml(path)}</code></h2>` +
          `<p><strong>${escapeHtml(op.summary ?? '')}</strong></p><p>${escapeHtml(op.description ?? '')}</p><ul>${responses}</ul></section>`,
      );
    }
  }
  const schemas = escapeHtml(JSON.stringify(doc.components?.schemas ?? {}, null, 2));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(doc.info.title)} — API reference</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}code,pre{font-family:ui-monospace,monospace}pre{background:#f5f5f5;padding:1rem;overflow:auto}section{border-top:1px solid #ddd}</style></head>
<body><h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1><p>${escapeHtml(doc.info.description ?? '')}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a></p>${operations.join('\n')}<h2>Schemas</h2><pre>${schemas}</pre></body></html>`;
}
