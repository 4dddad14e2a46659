import { describe, expect, it } from 'vitest';
import { makeTestApp, ORIGIN, type TestApp } from '../helpers/app.js';

const MB = 1024 * 1024;

/** A request body produced on demand, counting how much of it the server pulled. */
function endlessBody(totalBytes: number, chunkBytes = 64 * 1024) {
  const chunk = new Uint8Array(chunkBytes).fill(0x61); // "aaaa…"
  const pulled = { bytes: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= totalBytes) return controller.close();
      pulled.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled };
}

function post(t: TestApp, url: string, body: BodyInit, headers: Record<string, string> = {}) {
  return t.app.request(url, { method: 'POST', body, headers: { Origin: ORIGIN, ...headers }, duplex: 'half' } as RequestInit);
}

describe('request body limits', () => {
  it('refuses an anonymous 500 MB login post that announces its size, without reading it', async () => {
    const t = await makeTestApp();
    const { stream, pulled } = endlessBody(500 * MB);
    const res = await post(t, '/login', stream, { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(500 * MB) });
    expect(res.status).toBe(413);
    expect(pulled.bytes).toBeLessThanOrEqual(2 * 64 * 1024);
    const html = await res.text();
    expect(html).toContain('提交的内容过大');
    expect(html).toContain('最多 64 KB');
  });

  it('stops reading a streamed 500 MB login post at the form limit, with memory bounded', async () => {
    const t = await makeTestApp();
    const before = process.memoryUsage().rss;
    const { stream, pulled } = endlessBody(500 * MB);
    const res = await post(t, '/login', stream, { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(413);
    // The limit is 64 KB: the server pulled at most the chunk that crossed it (and one read ahead).
    expect(pulled.bytes).toBeLessThan(512 * 1024);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * MB);
  });

  it('answers in English to someone who switched the language', async () => {
    const t = await makeTestApp();
    const res = await post(t, '/login', 'x'.repeat(100 * 1024), { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: 'bcm_lang=en' });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('Request too large');
  });

  it('answers JSON clients with a JSON 413', async () => {
    const t = await makeTestApp();
    const res = await post(t, '/api/v1/me/hours', 'x'.repeat(100 * 1024), { 'Content-Type': 'application/json', Accept: 'application/json' });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'body_too_large' });
  });

  it('lets a roster upload up to its documented file limit through, and refuses one above it while reading', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.admin.email);
    const upload = async (bytes: number) => {
      const body = new FormData();
      body.set('file', new File([new Uint8Array(bytes).fill(0x61)], 'roster.csv'));
      return t.request(`/admin/cohorts/${a.cohort.id}/roster`, { method: 'POST', cookie, body });
    };
    // 1 MB of nonsense reaches the roster reader, which explains what is wrong with it (not a 413).
    const small = await upload(1 * MB);
    expect(small.status).toBe(400);
    const big = await upload(6 * MB);
    expect(big.status).toBe(413);
    expect(await big.text()).toContain('最多 5.1 MB');
  });

  it("judges a body that announces its size by its own route's limit", async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.admin.email);
    // Serialised first, so the announced Content-Length is the body's real size (as browsers send it).
    const announced = async (bytes: number) => {
      const form = new FormData();
      form.set('file', new File([new Uint8Array(bytes).fill(0x61)], 'roster.csv'));
      const encoded = new Request('http://localhost/', { method: 'POST', body: form });
      const body = new Uint8Array(await encoded.arrayBuffer());
      return post(t, `/admin/cohorts/${a.cohort.id}/roster`, body, {
        Cookie: cookie,
        'Content-Type': encoded.headers.get('content-type')!,
        'Content-Length': String(body.byteLength),
      });
    };
    // 1 MB is over the form limit but within the roster's: it reaches the roster reader (400, not 413).
    expect((await announced(1 * MB)).status).toBe(400);
    expect((await announced(6 * MB)).status).toBe(413);
    // A small form that announces its size is read as usual.
    const login = 'email=nobody%40example.com&password=wrong';
    const res = await post(t, '/login', login, { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(login.length) });
    expect(res.status).not.toBe(413);
    expect(await res.text()).not.toContain('提交的内容过大');
  });

  it('keeps the small limit on other routes for multipart posts', async () => {
    const t = await makeTestApp();
    const body = new FormData();
    body.set('email', 'someone@example.com');
    body.set('password', 'x'.repeat(200 * 1024));
    const res = await t.request('/login', { method: 'POST', body });
    expect(res.status).toBe(413);
  });
});
