import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueCertificate, revokeCertificate } from '../../src/proof/certificates.js';
import { loadOrCreateSigningKey } from '../../src/proof/keys.js';
import { readPdf, renderFirstPage } from '../helpers/pdf.js';
import { DAY, T0, proofWorld, type World } from './fixtures.js';

// The certificate as people get it: read by pdf.js (as a browser's viewer would), its text
// extracted (as search, copy-paste and screen readers would), its fonts listed, its page rendered.

let w: World;
let serial: string;
let cookie: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcm-pdf-'));

async function save(url: string, name: string): Promise<string> {
  const res = await w.request(url, { cookie });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  const file = path.join(dir, name);
  fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return file;
}

beforeAll(async () => {
  w = await proofWorld();
  const env = {
    db: w.db,
    catalog: w.catalog,
    blueprints: w.exams.blueprints,
    signer: loadOrCreateSigningKey(w.config.signingKeyPath),
    publicUrl: w.config.publicUrl,
  };
  const r = issueCertificate(env, w.a.cohort, w.ready.id, w.a.admin.id, T0 + 10 * DAY);
  if (!r.ok) throw new Error('issue failed');
  serial = r.certificate.serial;
  cookie = await w.login('admin@a.example');
});

describe('the certificate PDF', () => {
  it('is one small A4 page whose Chinese text extracts, with the name, serial and hours', async () => {
    const file = await save(`/proof/certificates/${serial}/pdf`, 'cert.pdf');
    expect(fs.statSync(file).size).toBeLessThan(300 * 1024);
    const { pages, size, text } = await readPdf(file);
    expect(pages).toBe(1);
    expect(size).toEqual({ width: 595.28, height: 841.89 }); // A4 in points
    // The title is drawn letter-spaced, so it extracts as 系 统 培 训 证 明.
    expect(text.replace(/\s+/g, '')).toContain('系统培训证明');
    expect(text).toContain('李晓梅');
    expect(text).toContain(serial);
    expect(text).toContain('16.7 课时'); // total
    expect(text).toContain('12 课时'); // face-to-face
    expect(text).toContain('110***********002X');
    expect(text).toContain('助理级银行客户经理');
    expect(text).toContain('85 / 100');
    expect(text).not.toContain('11010519491231002X');
  });

  it('embeds a subset of the npm Noto Sans SC font, never a system font', async () => {
    const file = await save(`/proof/certificates/${serial}/pdf`, 'fonts.pdf');
    const { fonts } = await readPdf(file);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      // a subset tag before the name, and the font file inside the PDF
      expect(font.name).toMatch(/^[A-Z]{6}\+NotoSansSC-(Regular|Bold)$/);
      expect(font.embedded).toBe(true);
    }
    // Identity-H CID fonts with a ToUnicode map: what lets the Chinese text above be extracted.
    const bytes = fs.readFileSync(file).toString('latin1');
    expect(bytes).toMatch(/\/Encoding \/Identity-H/);
    expect(bytes).toMatch(/\/ToUnicode \d+ 0 R/);
  });

  it('renders to a PNG page (the QR code and text drawn, not blank)', async () => {
    const file = await save(`/proof/certificates/${serial}/pdf`, 'render.pdf');
    const png = await renderFirstPage(file, 60);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // Width and height from the IHDR chunk: A4 at 60 dpi (rounded up).
    expect(Math.abs(png.readUInt32BE(16) - 496)).toBeLessThanOrEqual(1);
    expect(Math.abs(png.readUInt32BE(20) - 702)).toBeLessThanOrEqual(1);
    expect(png.length).toBeGreaterThan(20_000); // a blank page compresses to a few hundred bytes
  });

  it('comes in English on request', async () => {
    const { text } = await readPdf(await save(`/proof/certificates/${serial}/pdf?lang=en`, 'en.pdf'));
    expect(text).toContain('Training Certificate');
    expect(text).toContain('李晓梅');
    expect(text).toContain('16.7 class hours');
    expect(text).toContain(serial);
  });

  it('carries the QR code’s address in its text and is stamped once revoked', async () => {
    const env = {
      db: w.db,
      catalog: w.catalog,
      blueprints: w.exams.blueprints,
      signer: loadOrCreateSigningKey(w.config.signingKeyPath),
      publicUrl: w.config.publicUrl,
    };
    const r = issueCertificate(env, w.a.cohort, w.ready.id, w.a.admin.id, T0 + 20 * DAY);
    expect(r.ok).toBe(false); // one valid certificate per level
    revokeCertificate(env, serial, w.a.inst.id, w.a.admin.id, '测试撤销');
    // Text in drawing order keeps the diagonal stamp's characters together (one run each, as it is rotated).
    const text = (await readPdf(await save(`/proof/certificates/${serial}/pdf`, 'revoked.pdf'))).text.replace(/\s+/g, '');
    expect(text).toContain('已撤销·无效');
    expect(text).toContain(`http://localhost:3000/verify/${serial}`);
  });
});

describe('the interim statement', () => {
  it('says plainly that it is not a certificate and has no serial', async () => {
    const file = await save(`/admin/cohorts/${w.a.cohort.id}/proof/trainees/${w.behind.id}/interim`, 'interim.pdf');
    const { text } = await readPdf(file);
    expect(text).toContain('不是培训证明');
    expect(text).toContain('NOT A CERTIFICATE');
    expect(text).toContain('赵小刚');
    expect(text).toContain('距本级别规定学时还差');
    expect(text).not.toMatch(/BCM-\d{4}-/);
    const { text: en } = await readPdf(await save(`/admin/cohorts/${w.a.cohort.id}/proof/trainees/${w.behind.id}/interim?lang=en`, 'interim-en.pdf'));
    expect(en).toContain('NOT A CERTIFICATE');
    expect(en).toContain('Interim statement of training');
  });
});
