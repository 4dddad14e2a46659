import fs from 'node:fs';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

// The reference point for the load benchmark: a bare Hono app on @hono/node-server returning a
// fixed, pre-rendered HTML string (and, for autosaves, a POST route that only parses its body).
// No middleware, no database, no rendering: whatever the real app's page costs beyond this is our
// code. BASELINE_BYTES sets the body size (run.ts passes the measured size of the real page) and
// BASELINE_MARKER a text the body must contain. /page/<name> sends a copy of one real page (its
// bytes and headers, saved by the bench as BASELINE_PAGES_DIR/<name>.json): that page's own
// reference, so a page is compared with sending exactly what it sends.

const port = Number(process.env.PORT ?? 3001);
const bytes = Number(process.env.BASELINE_BYTES ?? 8000);
const marker = process.env.BASELINE_MARKER ?? '';

export function fixedPage(size: number, text: string): string {
  const head = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Baseline</title></head><body><main><h1>${text}</h1><ul>`;
  const tail = '</ul></main></body></html>';
  let body = '';
  const item = '<li class="row">baseline row</li>';
  const room = () => size - Buffer.byteLength(head + body + tail);
  while (room() >= item.length) body += item;
  body += ' '.repeat(Math.max(0, room()));
  return head + body + tail;
}

const page = fixedPage(bytes, marker);
const app = new Hono();
app.get('/healthz', (c) => c.json({ status: 'ok' }));
app.get('/', (c) => c.html(page));
type CopiedPage = { status: number; headers: [string, string][]; body: string };
const pagesDir = process.env.BASELINE_PAGES_DIR ?? '';
const copies = new Map<string, CopiedPage>();
app.get('/page/:name', (c) => {
  const name = c.req.param('name');
  // Read on first request (the bench writes a page's copy after this server has started).
  let copy = copies.get(name);
  if (!copy) {
    const file = path.join(pagesDir, `${path.basename(name)}.json`);
    if (!pagesDir || !fs.existsSync(file)) return c.text('no such page copy', 404);
    copies.set(name, (copy = JSON.parse(fs.readFileSync(file, 'utf8')) as CopiedPage));
  }
  return c.body(copy.body, copy.status as 200, Object.fromEntries(copy.headers));
});
// The reference for exam autosaves: the same POST (same path shape, cookie and form body) read and
// parsed, then thrown away, answered with a status line like the real one. What a save costs
// beyond this is session, checks and storage.
app.post('/exams/attempts/:id/save', async (c) => {
  const form = new URLSearchParams(await c.req.text());
  return c.html(form.has('q') ? '<span class="saved">已保存</span>' : '<span class="refused">?</span>', form.has('q') ? 200 : 400);
});

const server = serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? '127.0.0.1' });
// Nothing to flush: exit at once (a --cpu-prof profile is still written on exit).
const stop = () => process.exit(0);
void server;
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
