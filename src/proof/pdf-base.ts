import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type PDFKitDocument from 'pdfkit';
import type QRCodeLib from 'qrcode';
import type { Locale } from '../i18n/index.js';
import { isoDayFormatter } from '../platform/zoned-time.js';

// What the certificate and the interim statement share: fonts, the A4 page, the frame, a QR code
// drawn as vector squares, and collecting the output.
//
// The font is Noto Sans SC from an npm package (@expo-google-fonts/noto-sans-sc, OFL), so a fresh
// machine with no system CJK fonts makes the same PDF as a developer's. Two static TTF weights are
// read, once per process; pdfkit embeds only the glyphs a document uses (a subset of a few KB),
// as real text that can be selected, searched and extracted.

const require = createRequire(import.meta.url);
const FONT_DIR = path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
const FONT_FILES = {
  regular: path.join(FONT_DIR, '400Regular', 'NotoSansSC_400Regular.ttf'),
  bold: path.join(FONT_DIR, '700Bold', 'NotoSansSC_700Bold.ttf'),
} as const;

// fontkit as pdfkit itself resolves it (same copy, same version). pdfkit accepts a parsed fontkit
// font wherever it takes font bytes; parsing each 10 MB font once per process instead of once
// per document makes a certificate several times faster. Each document still makes its own subset.
type PdfLibs = {
  PDFDocument: typeof PDFKitDocument;
  QRCode: typeof QRCodeLib;
  fonts: { regular: object; bold: object };
};

// pdfkit, fontkit and qrcode take about a second to load: they are loaded on the first PDF, so
// starting the server, the CLI and every test file that imports the app does not pay for them.
let libs: PdfLibs | undefined;
async function pdfLibs(): Promise<PdfLibs> {
  if (libs) return libs;
  const [{ default: PDFDocument }, { default: QRCode }] = await Promise.all([import('pdfkit'), import('qrcode')]);
  const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { create(data: Uint8Array): object };
  const fonts = { regular: fontkit.create(fs.readFileSync(FONT_FILES.regular)), bold: fontkit.create(fs.readFileSync(FONT_FILES.bold)) };
  return (libs ??= { PDFDocument, QRCode, fonts });
}

export const A4 = { width: 595.28, height: 841.89 };
export const INK = '#1b2a3a';
export const ACCENT = '#1f4e79';
export const MUTED = '#5b6775';

export type Doc = PDFKit.PDFDocument;

export async function newDocument(meta: { title: string; subject: string; author: string; createdAt: Date; locale: Locale }): Promise<Doc> {
  const { PDFDocument, fonts: f } = await pdfLibs();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    lang: meta.locale,
    displayTitle: true,
    // A fixed creation date (the issue time) keeps the same certificate rendering the same way.
    info: {
      Title: meta.title,
      Subject: meta.subject,
      Author: meta.author,
      Creator: meta.author,
      Producer: 'BCM Academy',
      CreationDate: meta.createdAt,
      ModDate: meta.createdAt,
    },
  });
  // The type declarations list only bytes and paths; pdfkit's font factory takes a fontkit font too.
  doc.registerFont('regular', f.regular as Buffer);
  doc.registerFont('bold', f.bold as Buffer);
  doc.font('regular').fillColor(INK);
  return doc;
}

/** Ends the document and resolves with its bytes. */
export function finish(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** A double rule around the page, as printed certificates have. */
export function frame(doc: Doc, color = ACCENT): void {
  doc.save();
  doc
    .lineWidth(2.2)
    .strokeColor(color)
    .rect(22, 22, A4.width - 44, A4.height - 44)
    .stroke();
  doc
    .lineWidth(0.6)
    .rect(29, 29, A4.width - 58, A4.height - 58)
    .stroke();
  doc.restore();
}

/** A QR code as filled squares (one path per run of dark modules): sharp at any zoom, a few KB. */
export function qrCode(doc: Doc, text: string, x: number, y: number, size: number): void {
  // Drawn only on a document from newDocument, which has loaded the library.
  const qr = libs!.QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2; // light modules around the symbol so scanners find its edge
  const cell = size / (n + quiet * 2);
  doc.save().rect(x, y, size, size).fill('#ffffff');
  doc.fillColor('#000000');
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && qr.modules.get(row, col)) col++;
      // A hair of overlap between rows avoids white seams in some viewers.
      doc.rect(x + (quiet + start) * cell, y + (quiet + row) * cell, (col - start) * cell, cell + 0.05);
    }
  }
  doc.fill();
  doc.restore();
}

/** Large diagonal text across the page (status stamps, "not a certificate"), shrunk to fit on one line. */
export function stamp(doc: Doc, text: string, color: string, opacity: number, y = A4.height / 2, size = 54): void {
  doc.save();
  doc.font('bold').fontSize(size);
  const room = A4.width - 60; // rotated by 30°, this leaves a margin at both ends
  const fitted = Math.min(size, (size * room) / doc.widthOfString(text));
  doc.rotate(-30, { origin: [A4.width / 2, y] });
  doc.fontSize(fitted).fillColor(color).fillOpacity(opacity);
  doc.text(text, -200, y - fitted / 2, { width: A4.width + 400, align: 'center', lineBreak: false });
  doc.restore();
  doc.fillOpacity(1).fillColor(INK);
}

/** Label / value rows; a row is as tall as its longer side. Returns the y below the last row. */
export function factRows(doc: Doc, rows: [string, string][], x: number, y: number, labelWidth: number, valueWidth: number, fontSize = 11): number {
  for (const [label, value] of rows) {
    doc.font('regular').fontSize(fontSize - 1);
    const lh = doc.heightOfString(label, { width: labelWidth - 8 });
    doc.fillColor(MUTED).text(label, x, y + 1, { width: labelWidth - 8 });
    doc.font('regular').fontSize(fontSize).fillColor(INK);
    const vh = doc.heightOfString(value, { width: valueWidth });
    doc.text(value, x + labelWidth, y, { width: valueWidth });
    y += Math.max(lh, vh, fontSize + 2) + 6;
  }
  return y;
}

/** A section heading with a thin rule under it; returns the y to continue at. */
export function heading(doc: Doc, text: string, x: number, y: number, width: number): number {
  doc.font('bold').fontSize(12).fillColor(ACCENT).text(text, x, y, { width });
  doc
    .save()
    .lineWidth(0.5)
    .strokeColor(ACCENT)
    .moveTo(x, y + 18)
    .lineTo(x + width, y + 18)
    .stroke()
    .restore();
  doc.fillColor(INK);
  return y + 26;
}

const longDates = { en: isoDayFormatter('en-GB', 'long'), 'zh-CN': isoDayFormatter('zh-CN', 'long') } satisfies Record<Locale, (isoDay: string) => string>;
/** An ISO day in the document's language: 2026年3月1日 / 1 March 2026. */
export function longDate(locale: Locale, isoDay: string): string {
  return longDates[locale](isoDay);
}

export function hoursText(locale: Locale, minutes: number, classHourMinutes: number): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(Math.round((minutes / classHourMinutes) * 10) / 10);
}
