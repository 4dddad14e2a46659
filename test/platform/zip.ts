import { crc32, createDeflateRaw } from 'node:zlib';

// Hand-made zip files for upload tests: an XLSX "bomb" must be built without ever holding its
// unpacked content in memory, which no zip library offers, so entries are deflated from a
// generator of chunks and the headers are written here.

export type ZipSource = { name: string; chunks: () => Iterable<string | Buffer> };

async function deflate(chunks: () => Iterable<string | Buffer>): Promise<{ data: Buffer; crc: number; size: number }> {
  const deflater = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflater.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((resolve, reject) => {
    deflater.on('end', resolve);
    deflater.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  for (const chunk of chunks()) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    crc = crc32(b, crc);
    size += b.length;
    if (!deflater.write(b)) await new Promise((r) => deflater.once('drain', r));
  }
  deflater.end();
  await done;
  return { data: Buffer.concat(out), crc, size };
}

export async function makeZip(entries: ZipSource[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const { data, crc, size } = await deflate(entry.chunks);
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';

/** A one-sheet XLSX whose shared-strings part unpacks to `megabytes` MB of one repeated letter. */
export function xlsxBomb(megabytes: number): Promise<Buffer> {
  const mb = Buffer.alloc(1024 * 1024, 'A');
  return makeZip([
    { name: '[Content_Types].xml', chunks: () => [CONTENT_TYPES] },
    {
      name: 'xl/worksheets/sheet1.xml',
      chunks: () => [
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>',
      ],
    },
    {
      name: 'xl/sharedStrings.xml',
      chunks: function* () {
        yield '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>';
        for (let i = 0; i < megabytes; i++) yield mb;
        yield '</t></si></sst>';
      },
    },
  ]);
}

/** A one-sheet XLSX of `rows` rows of one short inline-string cell each (small once zipped). */
export function xlsxManyRows(rows: number): Promise<Buffer> {
  return makeZip([
    { name: '[Content_Types].xml', chunks: () => [CONTENT_TYPES] },
    {
      name: 'xl/worksheets/sheet1.xml',
      chunks: function* () {
        yield '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
        let batch = '';
        for (let r = 1; r <= rows; r++) {
          batch += `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>a</t></is></c></row>`;
          if (batch.length > 64_000) {
            yield batch;
            batch = '';
          }
        }
        yield `${batch}</sheetData></worksheet>`;
      },
    },
  ]);
}

/** Resident set size now, after a collection if the test runner exposes gc. */
export function rss(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss;
}

export const MB = 1024 * 1024;
