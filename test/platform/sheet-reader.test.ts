import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { inspectXlsx, MAX_XLSX_UNPACKED_BYTES, readCsvRows, readXlsxRows } from '../../src/platform/sheet-reader.js';
import { capMessages, MAX_LISTED_ERRORS } from '../../src/platform/messages.js';
import { translator } from '../../src/i18n/index.js';
import { makeZip, xlsxBomb, xlsxManyRows } from './zip.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('reading a CSV', () => {
  it('gives each row its text line and its row on screen, skips blank rows, and strips a BOM', async () => {
    const read = await readCsvRows(utf8('\uFEFFa,b\n"c\nd",e\n\n,,\nx'), { maxRows: 10 });
    expect(read).toEqual({
      ok: true,
      rows: [
        { line: 1, row: 1, cells: ['a', 'b'] },
        { line: 3, row: 2, cells: ['c\nd', 'e'] },
        { line: 6, row: 5, cells: ['x'] },
      ],
    });
  });

  it('stops at the row limit without reading the rest', async () => {
    expect(await readCsvRows(utf8('h\n' + 'a\n'.repeat(100_000)), { maxRows: 10 })).toEqual({ ok: false, problem: { code: 'tooManyRows', max: 10 } });
    expect((await readCsvRows(utf8('h\n' + 'a\n'.repeat(9)), { maxRows: 10 })).ok).toBe(true);
  });

  it('names the line of a quote left open', async () => {
    expect(await readCsvRows(utf8('a,b\n"c\nd,e\nf'), { maxRows: 10 })).toEqual({ ok: false, problem: { code: 'unreadable', line: 4 } });
  });
});

describe('reading an XLSX', () => {
  it('reads a workbook exceljs wrote, every sheet', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('one').addRows([['a', 1], [], ['b', new Date(Date.UTC(2026, 2, 2))]]);
    book.addWorksheet('two').addRow(['c']);
    const read = await readXlsxRows(new Uint8Array(await book.xlsx.writeBuffer()), {
      maxRows: 10,
      cellText: (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? '')),
    });
    expect(read).toEqual({
      ok: true,
      sheets: [
        [
          { line: 1, row: 1, cells: ['a', '1'] },
          { line: 3, row: 3, cells: ['b', '2026-03-02'] },
        ],
        [{ line: 1, row: 1, cells: ['c'] }],
      ],
    });
  });

  it('counts the bytes that come out of the zip, not the sizes it declares', async () => {
    const bomb = await xlsxBomb(100);
    // Make every entry claim to unpack to 10 bytes.
    const end = bomb.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    let at = bomb.readUInt32LE(end + 16);
    for (let n = 0; n < bomb.readUInt16LE(end + 10); n++) {
      bomb.writeUInt32LE(10, at + 24);
      at += 46 + bomb.readUInt16LE(at + 28) + bomb.readUInt16LE(at + 30) + bomb.readUInt16LE(at + 32);
    }
    expect(await inspectXlsx(bomb, 1000)).toMatchObject({ ok: false, problem: { code: 'unpackedTooLarge', maxBytes: MAX_XLSX_UNPACKED_BYTES } });
  });

  it('counts rows split across inflate chunks exactly', async () => {
    expect(await inspectXlsx(await xlsxManyRows(20_000), 20_000)).toEqual({ ok: true });
    expect(await inspectXlsx(await xlsxManyRows(20_001), 20_000)).toMatchObject({ ok: false, problem: { code: 'tooManyRows' } });
  });

  it('refuses what is not a zip it can read', async () => {
    expect(await inspectXlsx(utf8('PK not really a zip'), 10)).toMatchObject({ ok: false, problem: { code: 'unreadable' } });
    const zip = await makeZip([{ name: 'a.txt', chunks: () => ['hello'] }]);
    expect(await inspectXlsx(zip.subarray(0, zip.length - 30), 10)).toMatchObject({ ok: false, problem: { code: 'unreadable' } });
  });
});

describe('listing problems', () => {
  it('lists the first 100 and says how many more, in both languages', () => {
    const many = Array.from({ length: 130 }, (_, i) => `p${i}`);
    const zh = capMessages(many, translator('zh-CN'));
    expect(zh).toHaveLength(MAX_LISTED_ERRORS + 1);
    expect(zh.at(-2)).toBe('p99');
    expect(zh.at(-1)).toBe('……另有 30 条未列出。');
    expect(capMessages(many, translator('en')).at(-1)).toBe('…and 30 more not listed.');
    expect(capMessages(many.slice(0, 100), translator('en'))).toEqual(many.slice(0, 100));
  });
});
