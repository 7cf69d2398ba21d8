import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { SpreadsheetError } from './errors';

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** What one entry may inflate to: far above any real sheet, well below a zip bomb's appetite. */
export const MAX_ENTRY_BYTES = 2 ** 30;
const MAX_CENTRAL_DIRECTORY = 16 * 2 ** 20;

const invalid = () => new SpreadsheetError('the file is not a valid XLSX workbook (damaged ZIP)');

/**
 * Reads a ZIP file through its central directory, the index at the end of the file,
 * so entries open in any order. That is why XLSX files are read from disk and not from
 * the upload stream: Excel writes sharedStrings.xml after the worksheets that use it.
 */
export class ZipFile {
  private constructor(
    private readonly path: string,
    private readonly file: FileHandle,
    private readonly entries: Map<string, ZipEntry>,
  ) {}

  static async open(path: string): Promise<ZipFile> {
    const file = await open(path, 'r');
    try {
      return new ZipFile(path, file, await readCentralDirectory(file));
    } catch (e) {
      await file.close();
      throw e;
    }
  }

  /** Entry names are compared without case: some writers say "xl/SharedStrings.xml". */
  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  /** The entry's bytes, inflated, as a stream. */
  async stream(name: string): Promise<Readable> {
    const entry = this.entries.get(name.toLowerCase());
    if (!entry) throw new SpreadsheetError(`the workbook has no ${name}`);
    if (entry.flags & 1) throw new SpreadsheetError('the workbook is password-protected: save it without a password');
    if (entry.method !== 0 && entry.method !== 8) throw invalid();
    const header = await readAt(this.file, entry.localHeaderOffset, 30);
    if (header.readUInt32LE(0) !== LOCAL) throw invalid();
    const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (entry.compressedSize === 0) return Readable.from([]);
    const raw = createReadStream(this.path, { start, end: start + entry.compressedSize - 1, highWaterMark: 64 * 1024 });
    const capped = capAt(MAX_ENTRY_BYTES, name);
    if (entry.method === 0) return raw.on('error', (e) => capped.destroy(e)).pipe(capped);
    const inflate = createInflateRaw();
    raw.on('error', (e) => inflate.destroy(e));
    inflate.on('error', (e) => capped.destroy(e instanceof SpreadsheetError ? e : invalid()));
    return raw.pipe(inflate).pipe(capped);
  }

  /** A whole (small) entry as text: workbook, relationships, styles. */
  async text(name: string): Promise<string> {
    const parts: Buffer[] = [];
    for await (const chunk of await this.stream(name)) parts.push(chunk as Buffer);
    return Buffer.concat(parts).toString('utf8');
  }

  close(): Promise<void> {
    return this.file.close();
  }
}

function capAt(limit: number, name: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > limit) done(new SpreadsheetError(`${name} inflates to more than ${limit} bytes`));
      else done(null, chunk);
    },
  });
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await file.read(buf, 0, length, position);
  if (bytesRead < length) throw invalid();
  return buf;
}

async function readCentralDirectory(file: FileHandle): Promise<Map<string, ZipEntry>> {
  const size = (await file.stat()).size;
  // The end record is 22 bytes plus a comment of at most 65,535.
  const tailLength = Math.min(size, 22 + 0xffff);
  if (tailLength < 22) throw invalid();
  const tail = await readAt(file, size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw invalid();
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const at = eocd - 20;
    if (at < 0 || tail.readUInt32LE(at) !== ZIP64_LOCATOR) throw invalid();
    const record = await readAt(file, Number(tail.readBigUInt64LE(at + 8)), 56);
    if (record.readUInt32LE(0) !== ZIP64_EOCD) throw invalid();
    count = Number(record.readBigUInt64LE(32));
    cdSize = Number(record.readBigUInt64LE(40));
    cdOffset = Number(record.readBigUInt64LE(48));
  }
  if (cdSize > MAX_CENTRAL_DIRECTORY || cdOffset + cdSize > size) throw invalid();
  const cd = await readAt(file, cdOffset, cdSize);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw invalid();
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    const entry: ZipEntry = {
      name: cd.toString('utf8', p + 46, p + 46 + nameLength),
      flags: cd.readUInt16LE(p + 8),
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      localHeaderOffset: cd.readUInt32LE(p + 42),
    };
    applyZip64Extra(entry, cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength), cd.readUInt32LE(p + 24));
    entries.set(entry.name.replace(/^\/+/, '').toLowerCase(), entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** ZIP64 keeps the real sizes and offset in an extra field when the 32-bit ones are saturated. */
function applyZip64Extra(entry: ZipEntry, extra: Buffer, uncompressedSize: number): void {
  for (let q = 0; q + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(q);
    const length = extra.readUInt16LE(q + 2);
    if (id === 0x0001) {
      let r = q + 4;
      const next = () => {
        const v = Number(extra.readBigUInt64LE(r));
        r += 8;
        return v;
      };
      if (uncompressedSize === 0xffffffff) next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
      return;
    }
    q += 4 + length;
  }
}
