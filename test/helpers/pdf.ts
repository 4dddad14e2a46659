import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

// PDFs read as a viewer would, with pdf.js from npm (no poppler on the machine needed): the page
// count and size, the text in drawing order (what search, copy-paste and screen readers get), the
// fonts each page uses and a rendered PNG of a page.

const require = createRequire(import.meta.url);
const standardFontDataUrl = path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts') + path.sep;

/** A font a page draws with; text extraction working at all shows its Unicode map is there. */
export type PdfFont = { name: string; embedded: boolean };

export type PdfReading = {
  pages: number;
  /** The first page's size in points. */
  size: { width: number; height: number };
  /** Every page's text, runs in drawing order, a line break wherever pdf.js ends a line. */
  text: string;
  fonts: PdfFont[];
};

async function open(file: string | Uint8Array) {
  const data = typeof file === 'string' ? new Uint8Array(fs.readFileSync(file)) : new Uint8Array(file);
  return getDocument({ data, standardFontDataUrl, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
}

export async function readPdf(file: string | Uint8Array): Promise<PdfReading> {
  const doc = await open(file);
  try {
    let text = '';
    const fonts = new Map<string, PdfFont>();
    let size = { width: 0, height: 0 };
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      if (n === 1) {
        const [x0, y0, x1, y1] = page.view;
        size = { width: Math.round((x1! - x0!) * 100) / 100, height: Math.round((y1! - y0!) * 100) / 100 };
      }
      const content = await page.getTextContent();
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str + (item.hasEOL ? '\n' : '');
      }
      text += '\n';
      const ops = await page.getOperatorList();
      ops.fnArray.forEach((fn, i) => {
        if (fn !== OPS.setFont) return;
        const id = ops.argsArray[i][0] as string;
        const font = page.commonObjs.get(id) as { name?: string; missingFile?: boolean };
        const name = font.name ?? id;
        fonts.set(name, { name, embedded: font.missingFile === false });
      });
    }
    return { pages: doc.numPages, size, text, fonts: [...fonts.values()] };
  } finally {
    await doc.destroy();
  }
}

/** Page 1 rendered at `dpi` as PNG bytes (through @napi-rs/canvas, which pdf.js uses in Node). */
export async function renderFirstPage(file: string | Uint8Array, dpi: number): Promise<Buffer> {
  const doc = await open(file);
  try {
    const page = await doc.getPage(1);
    const viewport = page.getViewport({ scale: dpi / 72 });
    const { createCanvas } = await import('@napi-rs/canvas');
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    await page.render({ canvas: canvas as never, canvasContext: canvas.getContext('2d') as never, viewport }).promise;
    return canvas.toBuffer('image/png');
  } finally {
    await doc.destroy();
  }
}
