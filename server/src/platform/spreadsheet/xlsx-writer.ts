import { once } from 'node:events';
import type { Writable } from 'node:stream';
import * as zlib from 'node:zlib';

export type XlsxCell = string | number | boolean | Date | null | undefined;

export interface XlsxWriteOptions {
  sheetName?: string;
  /**
   * Text in the shared-strings table, as Excel writes it (default), or inline in each cell.
   * Shared strings are kept in memory until the sheet ends; inline keeps the writer flat.
   */
  sharedStrings?: boolean;
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const CONTENT_TYPES = `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT}.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/></Types>`;
const ROOT_RELS = `${XML_HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK_RELS = `${XML_HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
// Style 1 shows a date (built-in format 14), style 2 a date and time (a custom format).
const STYLES = `${XML_HEAD}<styleSheet xmlns="${NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** Text for XML, with what XML cannot carry (control characters, CR) in OOXML's _xHHHH_ form. */
function xmlText(s: string): string {
  return s
    .replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_')
    .replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)
    .replace(/[\x00-\x08\x0B\x0C\x0D\x0E-\x1F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * Writes a one-sheet XLSX workbook to `out`, streaming: for import templates and result
 * downloads, and for tests and benchmarks that need real XLSX files; ends `out`. The parts are laid out
 * as Excel lays them out — worksheet before sharedStrings — so readers meet the hard case.
 */
export async function writeXlsx(out: Writable, rows: Iterable<readonly XlsxCell[]> | AsyncIterable<readonly XlsxCell[]>, opts: XlsxWriteOptions = {}): Promise<void> {
  const zip = new ZipWriter(out);
  const shared = (opts.sharedStrings ?? true) ? new Map<string, number>() : null;
  const sheetName = xmlText((opts.sheetName ?? 'Sheet1').slice(0, 31));
  await zip.add('[Content_Types].xml', [CONTENT_TYPES]);
  await zip.add('_rels/.rels', [ROOT_RELS]);
  await zip.add('xl/workbook.xml', [`${XML_HEAD}<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>`]);
  await zip.add('xl/_rels/workbook.xml.rels', [WORKBOOK_RELS]);
  await zip.add('xl/styles.xml', [STYLES]);

  async function* sheet() {
    let xml = `${XML_HEAD}<worksheet xmlns="${NS}"><sheetData>`;
    let r = 0;
    for await (const row of rows) {
      r++;
      xml += `<row r="${r}">`;
      row.forEach((value, i) => (xml += cellXml(`${columnName(i)}${r}`, value, shared)));
      xml += '</row>';
      if (xml.length >= 64 * 1024) {
        yield xml;
        xml = '';
      }
    }
    yield `${xml}</sheetData></worksheet>`;
  }
  await zip.add('xl/worksheets/sheet1.xml', sheet());

  async function* strings() {
    const list = shared ? [...shared.keys()] : [];
    let xml = `${XML_HEAD}<sst xmlns="${NS}" count="${list.length}" uniqueCount="${list.length}">`;
    for (const s of list) {
      xml += `<si><t xml:space="preserve">${xmlText(s)}</t></si>`;
      if (xml.length >= 64 * 1024) {
        yield xml;
        xml = '';
      }
    }
    yield `${xml}</sst>`;
  }
  await zip.add('xl/sharedStrings.xml', strings());
  await zip.finish();
}

function cellXml(ref: string, value: XlsxCell, shared: Map<string, number> | null): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'number' && Number.isFinite(value)) return `<c r="${ref}"><v>${value}</v></c>`;
  if (typeof value === 'boolean') return `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
  if (value instanceof Date) {
    const serial = (value.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;
    return `<c r="${ref}" s="${Number.isInteger(serial) ? 1 : 2}"><v>${serial}</v></c>`;
  }
  const text = String(value);
  if (!shared) return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlText(text)}</t></is></c>`;
  let index = shared.get(text);
  if (index === undefined) shared.set(text, (index = shared.size));
  return `<c r="${ref}" t="s"><v>${index}</v></c>`;
}

const CRC_TABLE = Int32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});

/** zlib.crc32 exists from Node 20.15; the table is the fallback for older 20.x. */
function crc32(data: Buffer, previous: number): number {
  const native = (zlib as { crc32?: (d: Buffer, v: number) => number }).crc32;
  if (native) return native(data, previous);
  let c = ~previous;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** A streaming ZIP writer: sizes and CRC follow each entry in a data descriptor, so nothing is buffered. */
export class ZipWriter {
  private offset = 0;
  private readonly central: Buffer[] = [];

  constructor(private readonly out: Writable) {}

  async add(name: string, parts: Iterable<string> | AsyncIterable<string>): Promise<void> {
    const nameBytes = Buffer.from(name, 'utf8');
    const start = this.offset;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0808, 6); // sizes in a data descriptor; UTF-8 names
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt16LE(0x21, 12); // 1980-01-01: a fixed date keeps files reproducible
    header.writeUInt16LE(nameBytes.length, 26);
    await this.write(header);
    await this.write(nameBytes);

    let crc = 0;
    let size = 0;
    let compressed = 0;
    const deflate = zlib.createDeflateRaw({ level: 6 });
    const pumped = (async () => {
      for await (const chunk of deflate) {
        compressed += (chunk as Buffer).length;
        await this.write(chunk as Buffer);
      }
    })().catch((e) => {
      deflate.destroy(e);
      throw e;
    });
    for await (const part of parts) {
      const bytes = Buffer.from(part, 'utf8');
      crc = crc32(bytes, crc);
      size += bytes.length;
      if (!deflate.write(bytes)) await once(deflate, 'drain');
    }
    deflate.end();
    await pumped;

    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc, 4);
    descriptor.writeUInt32LE(compressed, 8);
    descriptor.writeUInt32LE(size, 12);
    await this.write(descriptor);

    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0808, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt16LE(0x21, 14);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(compressed, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(start, 42);
    this.central.push(entry, nameBytes);
  }

  async finish(): Promise<void> {
    const start = this.offset;
    for (const part of this.central) await this.write(part);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.central.length / 2, 8);
    end.writeUInt16LE(this.central.length / 2, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.write(end);
    this.out.end();
    if (!this.out.writableFinished) await once(this.out, 'finish');
  }

  private async write(bytes: Buffer): Promise<void> {
    this.offset += bytes.length;
    if (!this.out.write(bytes)) await once(this.out, 'drain');
  }
}
