import { describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app.js';
import { TEMPLATE_HEADER } from '../../src/questions/spreadsheet.js';
import { MB, rss, xlsxBomb, xlsxManyRows } from '../platform/zip.js';

// Issue 11 item 3: a question file is bounded in rows, unpacked size and listed errors.

async function upload(t: TestApp, cookie: string, name: string, bytes: Uint8Array | string) {
  const body = new FormData();
  body.set('course', 'bcm-intro');
  body.set('action', 'preview');
  body.set('file', new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], name));
  return t.request('/questions/import', { method: 'POST', cookie, body });
}

async function setup() {
  const t = await makeTestApp();
  const { a } = await t.twoInstitutions();
  return { t, cookie: await t.login(a.instructor.email) };
}

describe('question file bounds', () => {
  it('refuses a 1,000,000-row CSV fast, with one clear message and bounded memory', async () => {
    const { t, cookie } = await setup();
    const csv = `${TEMPLATE_HEADER.join(',')}\n${'a\n'.repeat(1_000_000)}`;
    const start = rss();
    const res = await upload(t, cookie, 'big.csv', csv);
    const html = await res.text();
    expect(rss() - start).toBeLessThan(100 * MB);
    expect(res.status).toBe(400);
    expect(html).toContain('一个文件最多 10000 道题，此文件超出了');
    expect(html.length).toBeLessThan(100_000);
  });

  it('refuses an XLSX bomb and an XLSX of a million rows before reading them, with bounded memory', async () => {
    const { t, cookie } = await setup();
    for (const file of [await xlsxBomb(480), await xlsxManyRows(1_000_000)]) {
      const start = rss();
      const res = await upload(t, cookie, 'q.xlsx', file);
      const html = await res.text();
      expect(rss() - start).toBeLessThan(100 * MB);
      expect(res.status).toBe(400);
      expect(html).toMatch(/XLSX 文件解压后过大|一个文件最多 10000 道题/);
    }
  });

  it('lists the first 100 problems and says how many more there are', async () => {
    const { t, cookie } = await setup();
    const rows = Array.from({ length: 300 }, (_, i) => `单选,题干${i},A,B,,,,,Z,解析,,,,,`); // Z is no option letter
    const html = await (await upload(t, cookie, 'q.csv', `${TEMPLATE_HEADER.join(',')}\n${rows.join('\n')}\n`)).text();
    expect(html).toContain('文件中有 300 处问题');
    expect(html).toContain('……另有 200 条未列出。');
    expect(html).not.toContain('第 102 行：');
  });
});
