import { serve } from '@hono/node-server';
import { Hono } from 'hono';

// The reference point for the load benchmark: a bare Hono app on @hono/node-server returning a
// fixed, pre-rendered HTML string (and, for autosaves, a POST route that only parses its body).
// No middleware, no database, no rendering: whatever the real app's page costs beyond this is our
// code. BASELINE_BYTES sets the body size (run.ts passes the measured size of the real page) and
// BASELINE_MARKER a text the body must contain.

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
