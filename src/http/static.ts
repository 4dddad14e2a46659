import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';

const require = createRequire(import.meta.url);

/** Files under static/ as they are, plus htmx from its pinned npm package (never a CDN). */
export function staticRoutes(root: string) {
  const app = new Hono();
  const htmxFile = require.resolve('htmx.org/dist/htmx.min.js');
  const htmx = fs.readFileSync(htmxFile);
  app.get('/static/htmx.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(htmx);
  });
  app.use(
    '/static/*',
    serveStatic({
      root: path.relative(process.cwd(), root) || '.',
      rewriteRequestPath: (p) => p.replace(/^\/static/, ''),
      onFound: (_p, c) => c.header('Cache-Control', 'public, max-age=3600'),
    }),
  );
  return app;
}
