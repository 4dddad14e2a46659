import { readPdf } from '../helpers/pdf.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { createApp } from '../../src/app.js';
import { seedDemo } from '../../src/institutions/demo.js';
import * as people from '../../src/institutions/store.js';
import { appendEntry } from '../../src/hours/ledger/ledger.js';
import { loadOrCreateSigningKey } from '../../src/proof/keys.js';
import { SERIAL_ALPHABET } from '../../src/proof/serial.js';
import { testCatalog } from '../helpers/app.js';
import { launchBrowser } from './browser.js';

// The admin issues the demo trainee's certificate in Chromium, downloads the PDF, opens its
// verification page; a serial with one character changed is refused before any lookup.

let server: { url: string; close: () => Promise<void> };
let browser: Browser;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcm-e2e-proof-'));

/** The demo server (as test/e2e/browser.ts starts it), with its signing key in the temp folder. */
async function startServer() {
  const config0 = loadConfig({ DATABASE_PATH: path.join(dir, 'bcm.sqlite'), DATA_DIR: dir, SIGNING_KEY_PATH: path.join(dir, 'signing-key.json') });
  const db = openDatabase(config0.databasePath);
  await seedDemo(db);
  // The demo trainee has done the assistant level's 16 class hours (720 minutes) and a bit more.
  const inst = people.findInstitutionByCode(db, 'DEMO')!;
  const cohort = people.listCohorts(db, inst.id).find((c) => c.level === 'assistant')!;
  const trainee = people.findPersonByEmail(db, 'trainee@example.com')!;
  const day = 86_400_000;
  for (const [mode, minutes, daysAgo] of [
    ['faceToFace', 360, 20],
    ['faceToFace', 270, 19],
    ['remote', 90, 12],
    ['selfStudy', 60, 5],
  ] as const) {
    appendEntry(db, {
      traineeId: trainee.id,
      institutionId: inst.id,
      cohortId: cohort.id,
      level: 'assistant',
      courseSlug: 'bcm-intro',
      lessonSlug: null,
      sessionId: null,
      mode,
      minutes,
      source: 'import',
      evidence: null,
      recordedBy: null,
      recordedAt: Date.now() - daysAgo * day,
      correctsId: null,
      reason: null,
    });
  }
  let app: ReturnType<typeof createApp> | undefined;
  const http = serve({ fetch: (req) => app!.fetch(req), port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => http.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const config = loadConfig({ DATABASE_PATH: config0.databasePath, DATA_DIR: dir, SIGNING_KEY_PATH: config0.signingKeyPath, PUBLIC_URL: url });
  const signer = loadOrCreateSigningKey(config.signingKeyPath);
  app = createApp({ db, config, logger: pino({ level: 'silent' }), catalog: await testCatalog(), proof: { signer } });
  return { url, close: () => new Promise<void>((resolve) => http.close(() => resolve())) };
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('training proof in the browser', () => {
  it('admin issues a certificate, downloads it, opens its verification page; a tampered serial is refused', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));

    await page.goto(`${server.url}/login`);
    await page.getByLabel('电子邮箱').fill('admin@example.com');
    await page.getByLabel('密码').fill('demo-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${server.url}/admin`);
    await page.getByRole('link', { name: '2026 年助理级 1 班' }).first().click();
    await page.getByTestId('cohort-proof-link').click();
    await expect(page.getByRole('heading', { level: 2, name: '培训证明' }).isVisible()).resolves.toBe(true);
    expect(await page.textContent('main')).toContain('已达标');

    await page.getByRole('button', { name: '签发培训证明' }).click();
    await page.waitForLoadState('load');
    const serial = (await page.getByTestId('serial').textContent())!.trim();
    expect(serial).toMatch(/^BCM-\d{4}-[0-9A-Z]{8}-[0-9A-Z]$/);
    expect(await page.locator('.flash-ok').textContent()).toContain(serial);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-pdf').click()]);
    expect(download.suggestedFilename()).toBe(`${serial}.pdf`);
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeLessThan(300 * 1024);
    const { text } = await readPdf(file);
    expect(text).toContain('张学员');
    expect(text).toContain(serial);

    await page.getByTestId('verify-link').click();
    await page.waitForURL(`${server.url}/verify/${serial}`);
    const verdict = page.getByTestId('verify-verdict');
    expect(await verdict.getAttribute('data-result')).toBe('valid');
    expect(await verdict.textContent()).toContain('真实有效');
    expect(await page.getByTestId('verify-name').textContent()).toBe('张**');
    expect(await page.getByTestId('verify-signature').textContent()).toContain('签名有效');

    // Someone retypes the serial with one character wrong: caught by the check character.
    const last = serial.at(-1)!;
    const tampered = serial.slice(0, -1) + SERIAL_ALPHABET[(SERIAL_ALPHABET.indexOf(last) + 1) % SERIAL_ALPHABET.length];
    await page.getByLabel('证书编号').fill(tampered);
    await page.getByRole('button', { name: '核验' }).click();
    await page.waitForLoadState('load');
    const refused = page.getByTestId('verify-verdict');
    expect(await refused.getAttribute('data-result')).toBe('badCheck');
    expect(await refused.textContent()).toContain('校验位不符');

    // No CSP violations or script errors; the one expected line is Chromium noting the 400 answer.
    const unexpected = consoleErrors.filter((e) => !/status of 400/.test(e));
    expect(unexpected, unexpected.join('\n')).toEqual([]);
    await context.close();
  });
});
