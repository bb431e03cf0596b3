import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono, type Env } from 'hono';

/**
 * `/reference`: the OpenAPI document rendered by Swagger UI, served from the swagger-ui-dist package installed
 * with the server (nothing is fetched from elsewhere: the page's Content-Security-Policy allows this origin only).
 */

/** Resolved from the installed package, so it holds for the TypeScript sources and for a built server alike. */
const ASSET_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** The only files served from the package, with their types. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const CSP = [
  "default-src 'none'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "connect-src 'self'",
  "font-src 'self'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');

// Relative URLs: the page works behind a proxy that serves the API under a path prefix too.
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rungs sync server: API reference</title>
<link rel="icon" type="image/png" href="reference/assets/favicon-32x32.png">
<link rel="stylesheet" href="reference/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<noscript><p>This page needs JavaScript to render the API reference. The same content is at <a href="openapi.json">openapi.json</a>.</p></noscript>
<script src="reference/assets/swagger-ui-bundle.js"></script>
<script src="reference/init.js"></script>
</body>
</html>
`;

const INIT = `window.ui = SwaggerUIBundle({
  url: new URL('openapi.json', document.baseURI).href,
  dom_id: '#swagger-ui',
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
  deepLinking: true,
  filter: true,
  docExpansion: 'list',
  defaultModelsExpandDepth: 0,
  displayRequestDuration: true,
  validatorUrl: null,
});
`;

const cache = new Map<string, Buffer>();

async function asset(name: string): Promise<Buffer> {
  let bytes = cache.get(name);
  if (!bytes) cache.set(name, (bytes = await readFile(join(ASSET_DIR, name))));
  return bytes;
}

/** The reference page, its start-up script and the Swagger UI files it loads. */
export function referenceRoutes<E extends Env>(): Hono<E> {
  const headers = { 'content-security-policy': CSP, 'x-content-type-options': 'nosniff' };
  return new Hono<E>()
    .get('/reference', (c) => c.html(PAGE, 200, headers))
    .get('/reference/init.js', (c) => c.body(INIT, 200, { ...headers, 'content-type': 'text/javascript; charset=utf-8' }))
    .get('/reference/assets/:name', async (c) => {
      const name = c.req.param('name');
      const type = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
      if (!type) return c.notFound();
      const bytes = await asset(name);
      return c.body(new Uint8Array(bytes), 200, { ...headers, 'content-type': type, 'cache-control': 'public, max-age=86400' });
    });
}
